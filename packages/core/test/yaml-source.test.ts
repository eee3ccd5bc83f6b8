import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parseDocument} from 'yaml'
import {readFrontmatter, type Position} from '../src/index.js'
import {readYamlSource} from '../src/internal.js'
import {simpleDocument, yamlParseOptions} from '../src/frontmatter/yaml-source.js'

function span(position: Position | undefined) {
  if (!position) return 'undefined'
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}

const notPortable =
  'Unexpected quoted value continued on a line indented no deeper than its key or item, expected the line indented past it (not portable YAML: libyaml, used by Jekyll, and go-yaml, used by Hugo, read it; other YAML readers do not)'

describe('readYamlSource', () => {
  it('locates keys and values of a config, as offsets into the text', () => {
    const source = readYamlSource('extends: strict\nrules:\n  heading-increment: off\n', 'config')
    expect(source.readable).toBe(true)
    expect(source.locate(['rules', 'heading-increment'], 'key')).toEqual([25, 42])
    expect(span(source.toPosition(source.locate(['extends'], 'value') ?? [0, 0]))).toBe('1:10-1:16')
    expect(source.toData()).toEqual({ok: true, value: {extends: 'strict', rules: {'heading-increment': 'off'}}})
  })

  it('words errors for the subject it reads', () => {
    const text = 'rules:\n\tobjectives-present: off\n'
    expect(readYamlSource(text, 'config').problems.map((problem) => problem.reason)).toEqual([
      'Unexpected tab in config indentation, expected spaces'
    ])
    expect(readYamlSource(text, 'frontmatter').problems.map((problem) => problem.reason)).toEqual([
      'Unexpected tab in frontmatter indentation, expected spaces'
    ])
  })

  it('reports duplicate keys at the later key, with the first as cause', () => {
    const duplicates = readYamlSource('a: 1\nb: 2\na: 3\n', 'config').duplicates()
    expect(duplicates).toEqual([
      {
        reason: 'Unexpected duplicate key `a`, expected each key once',
        range: [10, 11],
        severity: 'error',
        actual: 'a',
        cause: {reason: 'First `a` is here', range: [0, 1]}
      }
    ])
  })
})

describe('YAML as the site generators read it', () => {
  it('reads a quoted list item continued at the margin as Jekyll does, with a warning at the line', () => {
    const text = [
      'title: Navigating files',
      'keypoints:',
      '- "The shell reads commands, runs them, and prints',
      'their output."',
      '- "Paths are absolute or relative."',
      'teaching: 30',
      ''
    ].join('\n')
    const source = readYamlSource(text, 'frontmatter')
    expect(source.readable).toBe(true)
    expect(source.problems).toEqual([{reason: notPortable, range: [86, 100], severity: 'warning'}])
    expect(source.toData()).toEqual({
      ok: true,
      value: {
        title: 'Navigating files',
        keypoints: ['The shell reads commands, runs them, and prints their output.', 'Paths are absolute or relative.'],
        teaching: 30
      }
    })
    // Positions stay those of the text as written.
    expect(source.locate(['teaching'], 'value')).toEqual([text.indexOf('30'), text.indexOf('30') + 2])
    const item = '"Paths are absolute or relative."'
    expect(source.locate(['keypoints', 1], 'key')).toEqual([text.indexOf(item), text.indexOf(item) + item.length])
  })

  it('reads single-quoted values and nested items the same way', () => {
    const source = readYamlSource("objectives:\n  - 'Convert between long and\n  wide layouts.'\n", 'frontmatter')
    expect(source.problems.map((problem) => problem.severity)).toEqual(['warning'])
    expect(source.toData()).toEqual({ok: true, value: {objectives: ['Convert between long and wide layouts.']}})
  })

  it('keeps a quote that is never closed an error', () => {
    const source = readYamlSource('title: "Loops\ntime: 30\n', 'frontmatter')
    expect(source.readable).toBe(false)
    expect(source.problems).toEqual([
      {reason: 'Unexpected unclosed quoted value in frontmatter, expected a closing `"`', range: [7, 8], severity: 'error'}
    ])
  })

  it('keeps a missing colon an error', () => {
    const source = readYamlSource('title: Loops\nteaching 10\nexercises: 0\n', 'frontmatter')
    expect(source.readable).toBe(false)
    expect(source.problems.map((problem) => problem.reason)).toEqual([
      'Unexpected key that runs over several lines, expected `key: value` on one line'
    ])
  })

  it('reports the warning through the frontmatter at its line and column', () => {
    const frontmatter = readFrontmatter('---\nprerequisites:\n- "one\ntwo"\ntime: 5\n---\n')
    expect(frontmatter?.messages.map((message) => [span(message.place as Position), message.fatal, message.ruleId])).toEqual([
      ['4:1-4:5', false, 'frontmatter-yaml']
    ])
    expect(frontmatter?.data).toEqual({prerequisites: ['one two'], time: 5})
    expect(span(frontmatter?.locate(['time'], 'value'))).toBe('5:7-5:8')
  })
})

describe('YAML as the site generators read it, line endings', () => {
  it('repairs with CRLF and lone CR line endings, the warning ending before the line break', () => {
    for (const eol of ['\r\n', '\r']) {
      const text = ['tags:', '- "one', '  two"', '- "three', 'four"', 'time: 5', ''].join(eol)
      const source = readYamlSource(text, 'frontmatter')
      const start = text.indexOf('four')
      expect(source.problems).toEqual([{reason: notPortable, range: [start, start + 5], severity: 'warning'}])
      expect(source.toData()).toEqual({ok: true, value: {tags: ['one two', 'three four'], time: 5}})
    }
  })
})

describe('readYamlSource on any text', () => {
  it('never throws, and every range is inside the text as written', () => {
    const pieces = fc.constantFrom('key: ', '- ', '"', "'", 'a b', '\n', '\r\n', '  ', '#', ':', '[', ']', 'x\ny', '\\"')
    fc.assert(
      fc.property(fc.array(pieces, {maxLength: 40}), (parts) => {
        const text = parts.join('')
        const source = readYamlSource(text, 'frontmatter')
        for (const problem of [...source.problems, ...source.duplicates()]) {
          expect(problem.range[0]).toBeGreaterThanOrEqual(0)
          expect(problem.range[1]).toBeLessThanOrEqual(text.length + 1)
          expect(problem.range[0]).toBeLessThanOrEqual(problem.range[1])
        }

        if (source.readable) source.toData()
      }),
      {numRuns: 2000}
    )
  })
})

describe('simpleDocument (the fast path for `key: value` frontmatter)', () => {
  const key = fc.constantFrom('title', 'author', 'timeHours', 'uuid', '_x', 'a-b', 'x1', 'null', 'True', 'no', 'b')
  const separator = fc.constantFrom(': ', ': ', ': ', ': ', ': ', ':  ', ':', ':\t', ' : ', '::')
  const piece = fc.constantFrom(
    'Render a commit', 'x', 'word', '120', '0', '0123', '1.5', '1.', '.5', '1e5', '0x1F', '0o17', '2024-01-01',
    '21c484ac-433a-447b', '12345678901234567890', 'null', 'Null', 'True', 'FALSE', 'yes', 'no', '~', '.inf', '.nan',
    '-1', '+1', '- a', 'a: b', 'a:b', 'a:', 'C#', 'a #b', '"q"', "'q'", '[a]', '{a}', '&a', '*a', '!t', '|', '>',
    '%', '@x', '`x', '?', ',', 'é', ' ', '  ', '\t', '#'
  )
  const value = fc.oneof(
    {weight: 4, arbitrary: fc.constantFrom('Render a commit', '120', '0123', '21c484ac-433a', 'x', 'word', '2024-01-01', 'C#', 'a:b', 'a, b [c]')},
    {weight: 3, arbitrary: fc.array(piece, {minLength: 0, maxLength: 3}).map((parts) => parts.join(''))}
  )
  const line = fc.oneof(
    {weight: 12, arbitrary: fc.tuple(key, separator, value).map((parts) => parts.join(''))},
    {weight: 1, arbitrary: fc.constantFrom('', ' ', '  title: x', '# note', '---')}
  )
  const text = fc
    .tuple(fc.array(line, {minLength: 0, maxLength: 4}), fc.boolean())
    .map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''))

  it('gives the nodes `parseDocument` gives, or leaves the text to it', () => {
    let simple = 0
    fc.assert(
      fc.property(text, (yaml) => {
        const fast = simpleDocument(yaml)
        if (!fast) return
        simple++
        const slow = parseDocument(yaml, yamlParseOptions)
        expect(slow.errors).toEqual([])
        expect(slow.warnings).toEqual([])
        expect(fast.contents?.constructor).toBe(slow.contents?.constructor)
        expect(fast.contents).toEqual(slow.contents)
      }),
      {numRuns: 5000}
    )
    // The generator reaches the fast path often enough to matter.
    expect(simple).toBeGreaterThan(250)
  })

  it('reads a lesson’s frontmatter, and leaves what it cannot read alone', () => {
    const lesson = 'title: Render a second commit\nauthor: Curriculum Team\ntime: 120\nuuid: 21c484ac-433a-447b-b899-611e56a903c1\n'
    expect(simpleDocument(lesson)?.contents?.toJSON()).toEqual({
      title: 'Render a second commit', author: 'Curriculum Team', time: 120, uuid: '21c484ac-433a-447b-b899-611e56a903c1'
    })
    for (const other of ['title: "Quoted"\n', 'time: 1.5\n', 'draft: true\n', 'tags:\n  - a\n', 'title: a: b\n', 'title: x # note\n', '']) {
      expect(simpleDocument(other), other).toBeUndefined()
    }
  })
})
