/**
 * `no-inaccessible-link`: patterns from config are compiled once and a bad
 * one is a clear message of the rule, not a crash of the run.
 */
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {createPreset, registry} from '../src/index.js'

/** The rule as the registry holds it: options are `unknown`, as they come from config. */
const rule = registry.find((meta) => meta.id === 'no-inaccessible-link')?.plugin

async function lint(value: string, config: unknown): Promise<string[]> {
  const file = new VFile({path: 'x.md', value})
  if (!rule) throw new Error('Unexpected missing rule, expected `no-inaccessible-link` in the registry')
  const processor = unified().use(remarkParse).use(rule, config)
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => `${String(message).slice(5)} (${message.ruleId ?? ''}, ${String(message.fatal)})`)
}

describe('no-inaccessible-link', () => {
  it('reports a pattern that is not a regular expression, naming the option, and keeps linting', async () => {
    const file = new VFile({path: 'x.md', value: '[a](https://docs.google.com/document/d/1/edit)\n'})
    const processor = unified()
      .use(remarkParse)
      .use(createPreset({rules: {'no-inaccessible-link': ['error', {patterns: [{host: '[', description: 'x'}]}]}}))
    await processor.run(processor.parse(file), file)
    const own = file.messages.filter((message) => message.ruleId === 'no-inaccessible-link')
    expect(own.map((message) => [message.reason, message.ruleId, message.fatal])).toEqual([
      [
        'Unexpected value `[` for `patterns[0].host`, expected a valid regular expression (Invalid regular expression: /[/i: Unterminated character class)',
        'no-inaccessible-link',
        true
      ]
    ])
  })

  it('asks for a description', async () => {
    expect(await lint('Text.\n', ['warn', {patterns: [{host: 'a'}]}])).toEqual([
      '1:1: Unexpected value `undefined` for `patterns[0].description`, expected what the link points to, such as `our dashboard` (no-inaccessible-link, false)'
    ])
  })

  it('matches a path pattern against the path, query and fragment', async () => {
    const config = [
      'warn',
      {defaults: false, patterns: [{host: '^lms\\.example\\.com$', path: '[?&]preview=1', description: 'an LMS preview'}]}
    ]
    expect(
      await lint('[a](https://lms.example.com/c/1?preview=1) [b](https://lms.example.com/c/1)\n', config)
    ).toEqual([
      '1:1-1:43: Unexpected link to an LMS preview, expected a link students can open (no-inaccessible-link, false)'
    ])
  })

  it('reports documents of one Google Workspace organisation, edit pages first', async () => {
    expect(
      await lint(
        '[a](https://docs.google.com/a/school.edu/document/d/1/edit) [b](https://drive.google.com/a/school.edu/file/d/2/view)\n',
        ['warn']
      )
    ).toEqual([
      '1:1-1:60: Unexpected link to a private Google Docs edit page, expected a link students can open (a published or view link) (no-inaccessible-link, false)',
      '1:61-1:117: Unexpected link to a Google Workspace document that only its organisation can open, expected a link students can open (a published or view link) (no-inaccessible-link, false)'
    ])
  })

  it('drops the `file:` check with the defaults', async () => {
    expect(await lint('[a](file:///tmp/a.pdf)\n', ['warn', {defaults: false}])).toEqual([])
  })

  it('reports images and embeds from private addresses', async () => {
    expect(
      await lint('![Chart](http://10.0.0.5/chart.png)\n\n<iframe src="https://docs.google.com/presentation/d/1/edit"></iframe>\n', [
        'warn'
      ])
    ).toEqual([
      '1:1-1:36: Unexpected image from a private network address, expected a link students can open (a public URL) (no-inaccessible-link, false)',
      '3:1-3:61: Unexpected embed of a private Google Slides edit page, expected a link students can open (a published or view link) (no-inaccessible-link, false)'
    ])
  })
})
