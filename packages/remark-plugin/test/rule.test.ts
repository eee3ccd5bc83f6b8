/**
 * `defineRule`: a rule's metadata and check in one place, and each finding
 * made once as its final message (rule id, source, docs URL, severity,
 * place, fix), with nothing relabelling it afterwards.
 */
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {getFix} from '../src/fix.js'
import {defineRule, defineRuleMeta, ruleSetting} from '../src/rule.js'

const meta = {
  id: 'example-rule',
  description: 'Report every heading',
  tags: ['headings'],
  fixable: true,
  presets: {recommended: 'warning', strict: 'error'}
} as const

const rule = defineRule<{word?: string}>(
  {...meta, tags: [...meta.tags], presets: {...meta.presets}},
  ({tree, options, report}) => {
    if (options?.word === 'bad') throw new Error('Unexpected value `"bad"` for `word`, expected a good word')
    for (const node of tree.children) {
      if (node.type === 'heading' && node.position) {
        report(`Unexpected heading, expected ${options?.word ?? 'text'}`, {
          place: node.position,
          actual: '#',
          expected: ['text'],
          fix: [{start: 0, end: 2, text: ''}]
        })
      }
    }
  }
)

async function run(config: unknown, value = '# Title\n', path: string | null = 'a.md') {
  const file = new VFile(path === null ? {value} : {path, value})
  const processor = unified().use(remarkParse).use(rule.plugin, config)
  await processor.run(processor.parse(file), file)
  return file.messages
}

describe('defineRule', () => {
  it('derives `origin` and `url` from the id', () => {
    expect(rule.origin).toBe('coursemark:example-rule')
    expect(rule.url).toBe('https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md#example-rule')
    expect(defineRuleMeta({...meta, tags: [], presets: {}}).url).toBe(rule.url)
    expect(rule.plugin.name).toBe('coursemark:example-rule')
  })

  it('makes the final message once: id, source, url, severity, place, actual, expected and fix', async () => {
    const [message, ...rest] = await run(['error'])
    expect(rest).toEqual([])
    expect(String(message)).toBe('a.md:1:1-1:8: Unexpected heading, expected text')
    expect(message?.ruleId).toBe('example-rule')
    expect(message?.source).toBe('coursemark')
    expect(message?.url).toBe(rule.url)
    expect(message?.fatal).toBe(true)
    expect(message?.file).toBe('a.md')
    expect(message?.actual).toBe('#')
    expect(message?.expected).toEqual(['text'])
    expect(message && getFix(message)).toEqual([{start: 0, end: 2, text: ''}])
  })

  it('reads config as unified-lint-rule does: `[severity, options]`, or bare options at `warn`', async () => {
    expect((await run(['warn', {word: 'words'}])).map((item) => [item.reason, item.fatal])).toEqual([
      ['Unexpected heading, expected words', false]
    ])
    expect((await run({word: 'prose'})).map((item) => [item.reason, item.fatal])).toEqual([
      ['Unexpected heading, expected prose', false]
    ])
    expect(await run(['off'])).toEqual([])
    expect(await run([0])).toEqual([])
  })

  it('reports a thrown error (a bad option) as a message of the rule at its severity', async () => {
    const [message] = await run(['error', {word: 'bad'}])
    expect(message?.reason).toBe('Unexpected value `"bad"` for `word`, expected a good word')
    expect([message?.ruleId, message?.fatal]).toEqual(['example-rule', true])
  })

  it('needs no path on the file', async () => {
    expect((await run(['warn'], '# T\n', null)).map(String)).toEqual(['1:1-1:4: Unexpected heading, expected text'])
  })
})

describe('ruleSetting', () => {
  const full = defineRuleMeta({...meta, tags: [], presets: {recommended: 'warning'}})

  it('takes the preset severity, then the configured one', () => {
    expect(ruleSetting(full, 'recommended', undefined)).toEqual({severity: 'warning', options: undefined})
    expect(ruleSetting(full, 'strict', undefined)).toEqual({severity: undefined, options: undefined})
    expect(ruleSetting(full, 'strict', 'error')).toEqual({severity: 'error', options: undefined})
    expect(ruleSetting(full, 'recommended', ['error', {max: 1}])).toEqual({severity: 'error', options: {max: 1}})
  })

  it('reads `warn`, `warning`, `on`, `true` and `1` as the one severity `warning`, `0` and `false` as `off`, `2` as `error`', () => {
    for (const written of ['warn', 'warning', 'on', true, 1] as const) {
      expect(ruleSetting(full, 'strict', written), String(written)).toEqual({severity: 'warning', options: undefined})
      expect(ruleSetting(full, 'strict', [written, {max: 1}]), String(written)).toEqual({severity: 'warning', options: {max: 1}})
    }

    expect(ruleSetting(full, 'recommended', 0)).toEqual({severity: 'off', options: undefined})
    expect(ruleSetting(full, 'recommended', false)).toEqual({severity: 'off', options: undefined})
    expect(ruleSetting(full, 'strict', 2)).toEqual({severity: 'error', options: undefined})
    expect(ruleSetting(full, 'strict', 'info')).toEqual({severity: 'info', options: undefined})
  })

  it('throws on a severity that is not one', () => {
    expect(() => ruleSetting(full, 'recommended', 'loud' as never)).toThrow(
      'Unexpected severity `loud` for `example-rule`, expected `off`, `info`, `warning` (or `warn`), `error`, or 0, 1, 2'
    )
  })
})
