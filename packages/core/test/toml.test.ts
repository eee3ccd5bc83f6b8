import {describe, expect, it} from 'vitest'
import {parseCheckpoint} from '../src/index.js'
import type {Position} from '../src/index.js'

function span(position: Position | undefined) {
  return position
    ? `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
    : 'none'
}

function hugo(toml: string) {
  return parseCheckpoint(`+++\n${toml}+++\n\n# Body\n`, {format: 'hugo', validate: false})
}

describe('TOML frontmatter', () => {
  it('reads the data and says it came from TOML', () => {
    const {checkpoint, messages} = hugo('title = "Logs"\ntime = "1.5 hours"\n[build]\n  list = "local"\n')
    expect(messages.map(String)).toEqual([])
    expect(checkpoint.frontmatterSyntax).toBe('toml')
    expect(checkpoint.frontmatter).toEqual({title: 'Logs', time: '1.5 hours', build: {list: 'local'}})
    expect(checkpoint.timeMinutes).toBe(90)
  })

  it('keeps dates as ISO strings and non-finite floats as strings (plain JSON)', () => {
    const {checkpoint} = hugo('date = 2024-05-27\nat = 2024-05-27T07:32:00Z\nbig = inf\n')
    expect(checkpoint.frontmatter).toEqual({date: '2024-05-27', at: '2024-05-27T07:32:00.000Z', big: 'Infinity'})
  })

  it('locates keys, values, array items, tables and dotted keys', () => {
    const {frontmatter} = hugo(
      'title = "Logs" # comment\nobjectives = [\n  "One",\n  \'Two\',\n]\nsite.name = "x"\n[build]\n  list = "local"\n[[blocks]]\nsrc = "a"\n[[blocks]]\nsrc = "b"\ninline = {a = 1, b = [2, 3]}\n'
    )
    expect(frontmatter).not.toBeNull()
    const locate = frontmatter!.locate
    expect(span(locate(['title'], 'key'))).toBe('2:1-2:6')
    expect(span(locate(['title'], 'value'))).toBe('2:9-2:15')
    expect(span(locate(['objectives', 1], 'value'))).toBe('5:3-5:8')
    expect(span(locate(['site', 'name'], 'key'))).toBe('7:6-7:10')
    expect(span(locate(['build', 'list'], 'value'))).toBe('9:10-9:17')
    expect(span(locate(['build'], 'key'))).toBe('8:2-8:7')
    expect(span(locate(['blocks', 1, 'src'], 'value'))).toBe('13:7-13:10')
    expect(span(locate(['blocks', 1, 'inline', 'b', 1], 'value'))).toBe('14:26-14:27')
    expect(locate(['missing'], 'key')).toBeUndefined()
  })

  it('reports a TOML error at its line and column, and keeps no data', () => {
    const {checkpoint, messages} = hugo('title = "Logs\ntime = 5\n')
    expect(checkpoint.frontmatter).toBeNull()
    expect(messages.map(String)).toEqual([
      '2:14-2:14: Unexpected frontmatter that cannot be read as TOML (control characters are not allowed in strings), expected valid TOML'
    ])
  })

  it('reports a duplicate key at the second key', () => {
    const {messages} = hugo('title = "A"\ntime = 5\ntitle = "B"\n')
    expect(messages.map(String)).toEqual([
      '4:1-4:6: Unexpected duplicate frontmatter key `title`, expected each key once'
    ])
  })

  it('reports an unclosed `+++` block', () => {
    const {messages} = parseCheckpoint('+++\ntitle = "A"\n\n# Body\n', {format: 'hugo'})
    expect(messages.map(String)).toEqual([
      '1:1-1:4: Unexpected unclosed frontmatter, expected a `+++` line to close it'
    ])
  })

  it('positions schema errors at the TOML key or value', () => {
    const {messages} = parseCheckpoint('+++\ntitle = 5\ntime = 10\n+++\n\n# Body\n', {format: 'hugo'})
    expect(messages.map(String)).toContain('2:9-2:10: Unexpected `title` value `5`, expected a non-empty string')
  })

  it('keeps `__proto__` as a plain key', () => {
    const {checkpoint} = hugo('__proto__ = 1\n')
    expect(Object.keys(checkpoint.frontmatter ?? {})).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(checkpoint.frontmatter)).toBe(Object.prototype)
  })
})

describe('the rule id of frontmatter that cannot be read', () => {
  it.each([
    ['a TOML syntax error', '+++\ntitle = \n+++\n'],
    ['a duplicate TOML key', '+++\ntitle = "A"\ntitle = "B"\n+++\n'],
    ['an unclosed `+++` block', '+++\ntitle = "A"\n\n# A\n']
  ])('is `frontmatter-toml` for %s', (_, source) => {
    const {messages} = parseCheckpoint(source, {format: 'hugo'})
    expect(messages.map((message) => message.ruleId)).toEqual(['frontmatter-toml'])
  })

  it.each([
    ['a duplicate YAML key', '---\ntitle: A\ntitle: B\n---\n'],
    ['an unclosed `---` block', '---\ntitle: A\n\n# A\n']
  ])('stays `frontmatter-yaml` for %s', (_, source) => {
    const {messages} = parseCheckpoint(source, {format: 'hugo'})
    expect(messages.map((message) => message.ruleId)).toEqual(['frontmatter-yaml'])
  })
})
