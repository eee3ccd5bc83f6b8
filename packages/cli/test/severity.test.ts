/**
 * One severity scale from the config to every reporter: a rule set to
 * `warn`, `warning` or remark-lint's `1` is the same `warning` in each
 * format, and `2` the same as `error`.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli, scratch} from './helpers.js'

const lesson = '---\ntitle: Loops\ntime: 30\n---\n\n# Loops\n\nA loop repeats.\n\n### Skipped a rank\n\nText under it.\n'

/** The output of `coursemark lint --format <format>` with `heading-increment` set to `written`. */
async function lintWith(written: string, format: string): Promise<{code: number | null; stdout: string}> {
  const folder = scratch()
  writeFileSync(join(folder, 'lesson.md'), lesson)
  writeFileSync(join(folder, '.coursemarkrc.yaml'), `rules:\n  heading-increment: ${written}\n  objectives-present: off\n  assignment-present: off\n`)
  const {code, stdout} = await cli(['--format', format, 'lesson.md'], folder)
  return {code, stdout}
}

describe('severity', () => {
  it.each(['json', 'sarif', 'github', 'junit', 'stylish'])('gives `warn`, `warning`, `[warn]` and `1` the same `warning` in the `%s` format', async (format) => {
    const warning = await lintWith('warning', format)
    expect(warning.code).toBe(0)
    for (const written of ['warn', '1', '[warn, {}]']) expect(await lintWith(written, format), written).toEqual(warning)
  })

  it.each(['json', 'sarif', 'github', 'junit', 'stylish'])('gives `error` and `2` the same `error` in the `%s` format', async (format) => {
    const error = await lintWith('error', format)
    expect(error.code).toBe(1)
    expect(await lintWith('2', format)).toEqual(error)
  })

  it('spells the severity as the JSON report always has, in every format', async () => {
    const json = JSON.parse((await lintWith('1', 'json')).stdout) as Array<{messages: Array<{ruleId: string; severity: string}>}>
    expect(json.flatMap((file) => file.messages).filter((message) => message.ruleId === 'heading-increment').map((message) => message.severity)).toEqual(['warning'])
    expect((await lintWith('1', 'github')).stdout).toMatch(/^::warning file=lesson\.md,line=10,/m)
    expect((await lintWith('1', 'sarif')).stdout).toContain('"level": "warning"')
    expect((await lintWith('info', 'github')).stdout).toMatch(/^::notice file=lesson\.md,line=10,/m)
    expect((await lintWith('info', 'sarif')).stdout).toContain('"level": "note"')
    expect((await lintWith('0', 'github')).stdout).not.toContain('heading-increment')
  })

  it('gives `frontmatter.unknownKeys` of `warn`, `warning` and `1` the same `warning`, and `2` the same as `error`', async () => {
    const unknownKey = async (written: string) => {
      const folder = scratch()
      writeFileSync(join(folder, 'lesson.md'), lesson.replace('time: 30\n', 'time: 30\nlevle: 2\n'))
      writeFileSync(join(folder, '.coursemarkrc.yaml'), `frontmatter:\n  unknownKeys: ${written}\nrules:\n  heading-increment: off\n  objectives-present: off\n  assignment-present: off\n`)
      const {code, stdout} = await cli(['--format', 'json', 'lesson.md'], folder)
      const messages = (JSON.parse(stdout) as Array<{messages: Array<{ruleId: string; severity: string}>}>).flatMap((file) => file.messages)
      return {code, severities: messages.map((message) => `${message.ruleId} ${message.severity}`)}
    }

    const warning = await unknownKey('warn')
    expect(warning).toEqual({code: 0, severities: ['frontmatter-schema warning']})
    expect(await unknownKey('warning')).toEqual(warning)
    expect(await unknownKey('1')).toEqual(warning)
    expect(await unknownKey('2')).toEqual({code: 1, severities: ['frontmatter-schema error']})
    expect(await unknownKey('off')).toEqual({code: 0, severities: []})
  })
})
