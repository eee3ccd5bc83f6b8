/**
 * Full-size hostile files through the real binary with the default limits
 * (`npm run test:stress`): each gets its diagnostic, the other files are still
 * linted, and the whole run fits in 512 MB of heap (`--max-old-space-size`:
 * the process dies if it does not) and a minute.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, expect, it} from 'vitest'

const bin = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url))
const folder = mkdtempSync(join(tmpdir(), 'coursemark-hostile-'))
const head = (title: string) => `---\ntitle: ${title}\ntime: 30\n---\n\n## Objectives\n\n- Write a loop\n\n`

afterAll(() => {
  rmSync(folder, {recursive: true, force: true})
})

it('reports every hostile file and lints the good one, within bounded memory', () => {
  const alias = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
  for (const name of 'bcdefg') {
    const previous = alias.at(-1)?.[0] ?? 'a'
    alias.push(`${name}: &${name} [${Array.from({length: 10}, () => '*' + previous).join(',')}]`)
  }

  writeFileSync(join(folder, 'alias-bomb.md'), `---\ntitle: Bomb\ntime: 5\n${alias.join('\n')}\n---\n\nText\n`)
  writeFileSync(join(folder, 'nested-lists.md'), head('Lists') + '- '.repeat(10_000) + 'x\n')
  writeFileSync(join(folder, 'nested-quotes.md'), head('Quotes') + '>'.repeat(10_000) + ' x\n')
  writeFileSync(join(folder, 'huge.md'), head('Huge') + 'word '.repeat(10 * 1024 * 1024))
  writeFileSync(join(folder, 'nul.md'), Buffer.alloc(1024 * 1024))
  writeFileSync(join(folder, 'invalid-utf8.md'), Buffer.concat([Buffer.from(head('Bytes')), Buffer.from([0xc3, 0x28, 0xff, 0x0a])]))
  writeFileSync(join(folder, 'long-line.md'), head('Line') + 'word '.repeat(200_000) + '\n')
  writeFileSync(
    join(folder, 'many-links.md'),
    head('Links') + Array.from({length: 100_000}, (_, index) => `[l${index}](https://example.com/${index})`).join(' ') + '\n'
  )
  writeFileSync(join(folder, 'good.md'), head('Good') + 'A short lesson about loops.\n')

  const result = spawnSync(process.execPath, ['--max-old-space-size=512', bin, 'lint', '--format', 'json', '.'], {
    cwd: folder,
    encoding: 'utf8',
    timeout: 120_000,
    env: {...process.env, CI: 'true'}
  })

  expect(result.stderr).toBe('')
  expect(result.status).toBe(1)
  const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>
  const rules = Object.fromEntries(report.map((file) => [file.path, file.messages.map((message) => message.ruleId)]))
  expect(rules['alias-bomb.md']).toContain('frontmatter-yaml')
  expect(rules['nested-lists.md']).toEqual(['input-too-deep'])
  expect(rules['nested-quotes.md']).toEqual(['input-too-deep'])
  expect(rules['huge.md']).toEqual(['input-too-large'])
  expect(rules['nul.md']).toEqual(['input-binary'])
  expect(rules['invalid-utf8.md']).toContain('input-encoding')
  expect(rules['long-line.md']).not.toContain('internal-error')
  expect(rules['many-links.md']).toEqual(['input-too-many-links'])
  expect(rules['good.md']).toEqual([])
})
