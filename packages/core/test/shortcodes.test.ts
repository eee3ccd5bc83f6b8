import {describe, expect, it} from 'vitest'
import {parseCheckpoint} from '../src/index.js'
import type {FormatName} from '../src/index.js'
import {extractLinkUses} from '../src/link-uses.js'

const lesson = [
  '---',
  'title: Watering',
  '---',
  '',
  '{{< output >}}',
  '# bed 1 reports',
  'sensor at 10.0.0.7 http://10.0.0.7/status',
  '',
  '[not a link](missing.md)',
  '{{< /output >}}',
  '',
  '{{% notice tip %}}',
  'Read [the tools](/tools/).',
  '## Inside a notice',
  '{{% /notice %}}',
  ''
].join('\n')

function parse(value: string, format: FormatName = 'hugo', rawShortcodes?: string[]) {
  const {checkpoint, tree} = parseCheckpoint(value, {format, rawShortcodes})
  const blocks = (tree?.children ?? []).map((node) => [node.type, node.position?.start.line, node.position?.end.line])
  return {checkpoint, tree, blocks}
}

describe('Hugo shortcodes with a raw body', () => {
  it('reads an `output` body as preformatted text: no heading, no link, no bare URL', () => {
    const {checkpoint, tree, blocks} = parse(lesson)
    expect(blocks).toEqual([
      ['yaml', 1, 3],
      ['code', 5, 10],
      ['paragraph', 12, 13],
      ['heading', 14, 14],
      ['paragraph', 15, 15]
    ])
    const code = tree?.children[1]
    expect(code?.type === 'code' ? [code.lang, code.value] : undefined).toEqual([
      null,
      '# bed 1 reports\nsensor at 10.0.0.7 http://10.0.0.7/status\n\n[not a link](missing.md)'
    ])
    expect(checkpoint.links.map((link) => link.url)).toEqual(['/tools/'])
    expect(checkpoint.sections.map((section) => section.text)).toEqual(['Inside a notice'])
  })

  it('keeps a `notice` body as markdown', () => {
    const {checkpoint} = parse(lesson)
    expect(checkpoint.links.map((link) => [link.url, link.position.start.line])).toEqual([['/tools/', 13]])
  })

  it('reads `highlight` and `code` bodies, with arguments and either delimiter', () => {
    const {blocks} = parse('{{< highlight bash "linenos=table" >}}\n# a comment\n{{< / highlight >}}\n\n{{% code %}}\n# b\n{{% /code %}}\n')
    expect(blocks).toEqual([
      ['code', 1, 3],
      ['code', 5, 7]
    ])
  })

  it('reads the shortcodes the config adds (`site.rawShortcodes`), and only those', () => {
    const value = '{{< terminal >}}\n# $ ls\n{{< /terminal >}}\n'
    expect(parse(value).blocks.map(([type]) => type)).toEqual(['paragraph', 'heading', 'paragraph'])
    expect(parse(value, 'hugo', ['terminal']).blocks).toEqual([['code', 1, 3]])
  })

  it('reads a shortcode inside a list item when its lines stay in the item', () => {
    const {tree} = parse('- run it:\n\n  {{< output >}}\n  # inside\n  {{< /output >}}\n')
    const item = tree?.children[0]
    const inner = item?.type === 'list' ? item.children[0]?.children.map((node) => node.type) : undefined
    expect(inner).toEqual(['paragraph', 'code'])
  })

  it('goes on in lines that leave the list item or quote, as Hugo reads shortcodes before markdown', () => {
    const {tree} = parse('1. Export:\n    {{< output >}}\nexport A=1\n# not a heading\n    {{< /output >}}\n2. Next\n')
    const list = tree?.children[0]
    expect(tree?.children.map((node) => node.type)).toEqual(['list'])
    const items = list?.type === 'list' ? list.children.map((item) => item.children.map((node) => (node.type === 'code' ? node.value : node.type))) : undefined
    expect(items).toEqual([['paragraph', 'export A=1\n# not a heading'], ['paragraph']])
  })

  it('ends the body at a closing tag with text before it on its line', () => {
    expect(parse('{{< output >}}\n# a\n{{{< /output >}}\n# heading\n').blocks).toEqual([
      ['code', 1, 3],
      ['heading', 4, 4]
    ])
  })

  it('leaves markdown alone when the shortcode is not closed, is self-closing, or is closed by another name', () => {
    for (const value of [
      '{{< output >}}\n# open\n',
      '{{< output />}}\n# self-closing\n',
      '{{< output >}}\n# other\n{{< /highlight >}}\n',
      '{{< output >}} trailing text\n# after\n{{< /output >}}\n'
    ]) {
      expect(parse(value).blocks.some(([type]) => type === 'heading'), value).toBe(true)
    }
  })

  it('stays linear on a document of many opening tags that are never closed', {timeout: 10_000}, () => {
    // Each would read to the end of the document: once is enough.
    const {blocks} = parse('{{< output >}}\n\n'.repeat(1500))
    expect(blocks.length).toBe(1500)
    expect(blocks.every(([type]) => type === 'paragraph')).toBe(true)
  })

  it('is Hugo markup only: other formats read the lines as markdown', () => {
    expect(parse(lesson, 'checkpoint').checkpoint.sections.map((section) => section.text)).toEqual(['bed 1 reports'])
  })

  it('gives `coursemark links` the same links as the model', () => {
    expect(extractLinkUses(lesson, {format: 'hugo'})?.links.map((link) => link.url)).toEqual(['/tools/'])
    const value = '{{< terminal >}}\n[x](y.md)\n{{< /terminal >}}\n'
    expect(extractLinkUses(value, {format: 'hugo', rawShortcodes: ['terminal']})?.links).toEqual([])
    expect(extractLinkUses(value, {format: 'hugo'})?.links.map((link) => link.url)).toEqual(['y.md'])
  })
})
