import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  parseCheckpoint,
  readFrontmatter,
  type ParsedFrontmatter,
  type Position
} from '../src/index.js'
import {maxFrontmatterDepth} from '../src/internal.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))

function span(position: Position | undefined) {
  if (!position) return 'undefined'
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}

function read(markdown: string): ParsedFrontmatter {
  const frontmatter = readFrontmatter(markdown)
  if (!frontmatter) throw new Error('expected frontmatter')
  return frontmatter
}

describe('locate', () => {
  const frontmatter = read(
    ['---', 'title: "Loops"', 'time:', 'tags:', '  - a', '  - b', 'nested: {deep: [1, 2]}', '---', ''].join('\n')
  )

  it('finds keys and values, quotes included', () => {
    expect(span(frontmatter.locate(['title'], 'key'))).toBe('2:1-2:6')
    expect(span(frontmatter.locate(['title'], 'value'))).toBe('2:8-2:15')
  })

  it('points at the key of a key with no value', () => {
    expect(span(frontmatter.locate(['time'], 'value'))).toBe('3:1-3:5')
  })

  it('finds list items and nested values, and ends a block list at its last character', () => {
    expect(span(frontmatter.locate(['tags'], 'value'))).toBe('5:3-6:6')
    expect(span(frontmatter.locate(['tags', 1], 'value'))).toBe('6:5-6:6')
    expect(span(frontmatter.locate(['nested', 'deep', 0], 'value'))).toBe('7:17-7:18')
  })

  it('finds nothing for a path that is not there', () => {
    expect(frontmatter.locate(['missing'], 'value')).toBeUndefined()
    expect(frontmatter.locate(['tags', 5], 'value')).toBeUndefined()
    expect(frontmatter.locate(['title', 'x'], 'value')).toBeUndefined()
  })

  it('gives the whole block and its opening fence', () => {
    expect(span(frontmatter.position)).toBe('1:1-8:4')
    expect(span(frontmatter.openingPosition)).toBe('1:1-1:4')
  })
})

describe('readFrontmatter', () => {
  it('finds nothing without an opening fence or with an unclosed one', () => {
    expect(readFrontmatter('# Title\n')).toBeNull()
    expect(readFrontmatter(' ---\ntitle: T\n---\n')).toBeNull()
    expect(readFrontmatter('---\ntitle: T\n')).toBeNull()
  })

  it('reads an empty block as no keys', () => {
    expect(read('---\n---\n').data).toEqual({})
    expect(read('---\n\n---').data).toEqual({})
  })

  it('counts positions after a byte order mark and across CRLF line endings', () => {
    const frontmatter = read('\uFEFF---\r\ntitle: T\r\ntime: 5\r\n---\r\n')
    expect(frontmatter.data).toEqual({title: 'T', time: 5})
    expect(span(frontmatter.locate(['time'], 'value'))).toBe('3:7-3:8')
    expect(span(frontmatter.position)).toBe('1:1-4:4')
  })

  it('reads old Mac line endings (a lone CR)', () => {
    const frontmatter = read('---\rtitle: T\rtime: soon\r---\r\rBody\r')
    expect(frontmatter.data).toEqual({title: 'T', time: 'soon'})
    expect(frontmatter.messages).toEqual([])
    expect(span(frontmatter.locate(['time'], 'value'))).toBe('3:7-3:11')
  })

  it('agrees with the remark parse on every fixture', () => {
    const files = readdirSync(root + 'fixtures', {recursive: true})
      .map(String)
      .filter((name) => name.endsWith('.md'))
    expect(files.length).toBeGreaterThan(20)
    for (const name of files) {
      const value = readFileSync(root + 'fixtures/' + name, 'utf8')
      const {frontmatter: parsed, tree} = parseCheckpoint(value, {validate: false})
      // Input refused before parsing (binary, too large, too deep) has no frontmatter to compare.
      if (!tree) continue
      const read = readFrontmatter(value)
      expect(read?.data, name).toEqual(parsed?.data)
      expect(read && span(read.position), name).toBe(parsed && span(parsed.position))
      expect(read?.messages.map(String), name).toEqual(parsed?.messages.map(String))
    }
  })
})

describe('YAML problems are messages with positions', () => {
  function yaml(...lines: string[]) {
    const {checkpoint, messages} = parseCheckpoint(['---', ...lines, '---', ''].join('\n'), {validate: false})
    return {data: checkpoint.frontmatter, messages: messages.map(String), raw: messages}
  }

  it('reports a duplicate key at the second one, with `cause` at the first, and keeps the last value', () => {
    const {data, messages, raw} = yaml('title: A', 'time: 5', 'title: B')
    expect(messages).toEqual(['4:1-4:6: Unexpected duplicate frontmatter key `title`, expected each key once'])
    expect(String(raw[0]?.cause)).toBe('2:1-2:6: First `title` is here')
    expect(data).toEqual({title: 'B', time: 5})
  })

  it('reports duplicate keys in nested mappings', () => {
    expect(yaml('links:', '  home: a', '  home: b').messages).toEqual([
      '4:3-4:7: Unexpected duplicate frontmatter key `home`, expected each key once'
    ])
  })

  it('reports a tab used for indentation at the tab', () => {
    expect(yaml('tags:', '\t- a').messages).toEqual([
      '3:1-3:2: Unexpected tab in frontmatter indentation, expected spaces'
    ])
  })

  it('reports an unclosed quote at the opening quote', () => {
    expect(yaml("title: 'Loops", 'time: 5').messages).toEqual([
      "2:8-2:9: Unexpected unclosed quoted value in frontmatter, expected a closing `'`"
    ])
  })

  it('reports one message for one mistake', () => {
    expect(yaml('title: a', '- b').messages).toHaveLength(1)
  })

  it('reports an unknown tag as a warning and keeps the value', () => {
    const {data, messages, raw} = yaml('title: !lesson Loops')
    expect(messages).toEqual([
      '2:8-2:15: Unexpected unknown YAML tag `!lesson`, expected plain values (the tag is ignored)'
    ])
    expect(raw[0]?.fatal).toBe(false)
    expect(data).toEqual({title: 'Loops'})
  })

  it('refuses an alias bomb at the value that expands too far', () => {
    const {data, messages} = yaml(
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]'
    )
    expect(data).toBeNull()
    expect(messages).toEqual([
      '5:7-5:47: Unexpected frontmatter that expands to more than 10000 values, expected plain data (are aliases repeating each other?)'
    ])
  })

  it('reports an alias inside its own anchor instead of recursing forever', () => {
    expect(yaml('a: &a [1, *a]').messages).toEqual([
      '2:11-2:13: Unexpected alias `*a` inside its own anchor, expected an alias to a value defined before it'
    ])
  })

  it('reports an alias with no anchor', () => {
    expect(yaml('a: *b').messages).toEqual([
      '2:4-2:6: Unexpected alias `*b` with no anchor, expected `&b` on a value before it'
    ])
  })

  it('refuses flow nesting past the limit without overflowing the stack', () => {
    const depth = 50_000
    const {data, messages} = yaml('a: ' + '['.repeat(depth) + ']'.repeat(depth))
    expect(data).toBeNull()
    expect(messages).toEqual([
      `2:${4 + maxFrontmatterDepth}-2:${5 + maxFrontmatterDepth}: Unexpected frontmatter nested deeper than 100 levels, expected at most 100`
    ])
  })

  it('refuses aliases that nest a value past the limit', () => {
    // 99 levels of block lists (within the markdown limits), then an alias three lists deeper.
    const lines = ['a: &a']
    for (let level = 1; level < 99; level++) lines.push(' '.repeat(2 * level) + '-')
    lines.push(' '.repeat(2 * 99) + '- x', 'b: [[[*a]]]')
    const {data, messages} = yaml(...lines)
    expect(data).toBeNull()
    expect(messages).toEqual([
      expect.stringMatching(/^\d+:\d+-\d+:\d+: Unexpected frontmatter nested deeper than 100 levels, expected at most 100$/)
    ])
  })

  it('keeps `__proto__` and `constructor` as own data', () => {
    const {data} = yaml('__proto__: {polluted: true}', 'constructor: x', 'title: T')
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
    expect(Object.keys(data!)).toEqual(['__proto__', 'constructor', 'title'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    ['a list', ['- a', '- b'], '2:1-3:4: Unexpected frontmatter that is a list, expected a mapping of keys to values (`title: …`)'],
    ['a single value', ['Loops'], '2:1-2:6: Unexpected frontmatter that is a single value, expected a mapping of keys to values (`title: …`)']
  ])('reports frontmatter that is %s', (_, lines, expected) => {
    const {data, messages} = yaml(...lines)
    expect(data).toBeNull()
    expect(messages).toEqual([expected])
  })
})

describe('never throws', () => {
  const pieces = [
    'title', 'time', 'tags', '__proto__', ':', ': ', '- ', '  ', '\t', '\n', '"', "'", '[', ']', '{', '}',
    ',', '&a ', '*a', '&b ', '*b', '!tag ', '!!str ', '? ', '#', '|', '>', '%', '@', '`', '...', '90', 'null',
    '1h 30m', 'about', '\r\n', '\r', '\u2028', 'é', '~'
  ]

  it('on frontmatter made of YAML punctuation, keeps every position inside the file, and reads as remark does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 40}), (parts) => {
        const markdown = '---\n' + parts.join('') + '\n---\n\n# Body\n'
        const {messages, frontmatter} = parseCheckpoint(markdown)
        expect(readFrontmatter(markdown)?.data).toEqual(frontmatter?.data)
        for (const message of messages) {
          const place = message.place as Position
          expect(place.start.offset).toBeGreaterThanOrEqual(0)
          expect(place.end.offset).toBeLessThanOrEqual(markdown.length)
          expect(place.start.offset).toBeLessThanOrEqual(place.end.offset)
          expect(message.reason).toMatch(/^Unexpected /)
        }
      }),
      {numRuns: 400}
    )
  })
})
