import {describe, expect, it} from 'vitest'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {createParser, parseCheckpoint, profiles, remarkCoursemarkSyntax} from '../src/index.js'
import {indexOf} from '../src/internal.js'
import type {Position} from '../src/index.js'

function span(position: Position) {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}

const lesson = [
  '---',
  'title: T',
  'time: 10',
  '---',
  '',
  'See https://example.com/a and www.example.org for more.',
  '',
  '- [ ] Read the guide',
  '- [x] Install the tools',
  '',
  '| tool | use |',
  '| ---- | --- |',
  '| ls   | list |',
  '',
  'This is ~~old~~ new.[^note]',
  '',
  '[^note]: A footnote.',
  '',
  '[^unused]: Never referred to.',
  ''
].join('\n')

describe('GitHub-flavoured markdown (on by default)', () => {
  const {checkpoint} = parseCheckpoint(lesson)

  it('makes bare URLs links (`literal`), so they are checked like any link', () => {
    expect(checkpoint.links.map((link) => [link.url, link.kind, link.syntax, span(link.position)])).toEqual([
      ['https://example.com/a', 'external', 'literal', '6:5-6:26'],
      ['http://www.example.org', 'external', 'literal', '6:31-6:46']
    ])
  })

  it('reads task items, tables and footnotes into the model', () => {
    expect(checkpoint.tasks.map((task) => [task.text, task.checked, span(task.position)])).toEqual([
      ['Read the guide', false, '8:1-8:21'],
      ['Install the tools', true, '9:1-9:24']
    ])
    expect(checkpoint.tables.map((table) => [table.columns, table.rows, span(table.position)])).toEqual([
      [2, 2, '11:1-13:16']
    ])
    expect(checkpoint.footnotes.map((note) => [note.label, note.referenced, span(note.position)])).toEqual([
      ['note', true, '17:1-17:21'],
      ['unused', false, '19:1-19:30']
    ])
  })

  it('counts the words of struck-through text', () => {
    const plain = parseCheckpoint('old new\n').checkpoint.wordCount
    expect(parseCheckpoint('~~old~~ new\n').checkpoint.wordCount).toBe(plain)
  })

  it('is on in every profile, and off when the syntax options say so', () => {
    expect(Object.values(profiles).map((profile) => profile.gfm)).toEqual([true, true, true, true, true, true])
    const on = createParser().parse('See https://example.com/a\n')
    expect(indexOf(on).byType.get('link')?.length).toBe(1)
    const off = unified().use(remarkParse).use(remarkCoursemarkSyntax, {gfm: false}).parse('See https://example.com/a\n')
    expect(indexOf(off).byType.get('link')).toBeUndefined()
  })
})
