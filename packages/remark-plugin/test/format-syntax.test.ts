/**
 * The syntax of curriculum formats that rules must not read as prose, links
 * or references: fence lines, attribute lists, template tags, anchors set by
 * markup, alt text from attribute lists.
 */
import {parseCheckpoint, type FormatName} from '@coursemark/core'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {
  addAnchors,
  hasMarkupAnchor,
  hasTemplateInclude,
  isBracketSyntax,
  markupLines,
  type MarkupAnchors
} from '../src/format-syntax.js'

function anchorsOf(text: string): MarkupAnchors {
  const anchors: MarkupAnchors = {ids: new Set(), numbered: new Set()}
  addAnchors(anchors, text)
  return anchors
}

describe('markupLines', () => {
  function linesOf(value: string, format: FormatName): number[] {
    const file = new VFile({path: 'lesson.md', value})
    const {checkpoint} = parseCheckpoint(value, {format, validate: false})
    return [...markupLines(checkpoint, file)].sort((a, b) => a - b)
  }

  const lesson = [
    '::::::::::::::: challenge',
    '',
    'Sort the list.',
    '',
    ':::::::::::::: solution',
    '',
    '`sorted(items)`',
    '',
    '::::::::::::::',
    '',
    ':::::::::::::::',
    '',
    '~~~',
    '$ ls',
    '~~~',
    '{: .language-bash}',
    '',
    '{% include links.md %}',
    '',
    'See {{ page.root }} and more.',
    ''
  ].join('\n')

  it('are the div fences, kramdown attribute lines and template-only lines of a format that writes them', () => {
    expect(linesOf(lesson, 'carpentries')).toEqual([1, 5, 9, 11, 16, 18])
  })

  it('are none in a format that has no such syntax', () => {
    expect(linesOf(lesson, 'checkpoint')).toEqual([])
  })

  it('stay linear on a hostile line', () => {
    expect(linesOf('x ' + ':'.repeat(100_000) + ' {: .x} {{< y >}}'.repeat(1000) + '\n', 'carpentries')).toEqual([])
  })
})

describe('addAnchors', () => {
  it('reads attribute lists, pandoc spans and HTML ids', () => {
    const anchors = anchorsOf('## Columns {#columns}\n{: #states .note}\nA [term]{#term .glossary} and <span id="pending">x</span> and <a name="faq"></a>')
    expect([...anchors.ids].sort()).toEqual(['columns', 'faq', 'pending', 'states', 'term'])
    expect([...anchors.numbered]).toEqual([])
  })

  it('reads the `name` or `id` of a Hugo shortcode as a numbered anchor', () => {
    const anchors = anchorsOf('{{<tabs name="Worked example">}}\n{{% tab id=setup %}}')
    expect([...anchors.numbered].sort()).toEqual(['setup', 'worked-example'])
    expect(hasMarkupAnchor(anchors, 'worked-example')).toBe(true)
    expect(hasMarkupAnchor(anchors, 'worked-example-2')).toBe(true)
    expect(hasMarkupAnchor(anchors, 'worked')).toBe(false)
  })

  it('ignores braces that are not attribute lists', () => {
    const anchors = anchorsOf('const a = {b: 1}; color: {#fff')
    expect([...anchors.ids, ...anchors.numbered]).toEqual([])
  })
})

describe('isBracketSyntax', () => {
  function at(value: string, label: string): boolean {
    const open = value.indexOf(label)
    return isBracketSyntax(value, open, open + label.length)
  }

  it('tells spans, template links, tab labels and alerts from references', () => {
    expect(at('A [term]{#term} here', '[term]')).toBe(true)
    expect(at('[setup]({{ page.root }}/setup.html)', '[setup]')).toBe(true)
    expect(at('[prep]({{< ref "prep" >}})', '[prep]')).toBe(true)
    expect(at('===[[Answer]]===', '[Answer]')).toBe(true)
    expect(at('===[[Answer]]===', '[[Answer]]')).toBe(true)
    expect(at('> [!TIP]', '[!TIP]')).toBe(true)
    expect(at('See [Arguments] below', '[Arguments]')).toBe(false)
    expect(at('Say [!this]', '[!this]')).toBe(false)
  })

  it('knows a file that includes its definitions', () => {
    expect(hasTemplateInclude('text\n\n{% include links.md %}\n')).toBe(true)
    expect(hasTemplateInclude('text {{ page.root }}')).toBe(false)
  })
})
