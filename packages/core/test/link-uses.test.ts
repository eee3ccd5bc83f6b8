/**
 * `extractLinkUses` reads links from micromark's events instead of the tree
 * (`src/link-uses.ts`). That is a speed-up for `coursemark links` only if it
 * finds exactly what the model finds: the same links (URL, kind, position),
 * images, embeds, `uuid` and `title`, in the same order. These tests compare
 * the two on every fixture in every format and on generated markdown full
 * of link syntax and near-misses, and show that a wrong reader fails them.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {formatNames, parseCheckpoint, readInput} from '../src/index.js'
import type {FormatName, ParsedFrontmatter} from '../src/index.js'
import {extractLinkUses, type LinkUses} from '../src/link-uses.js'
import {markdownFiles} from './fixture-files.js'

const stress = Boolean(process.env.COURSEMARK_STRESS)
const root = fileURLToPath(new URL('../../../', import.meta.url))

type Extract = (text: string, format: FormatName) => LinkUses | undefined

const extract: Extract = (text, format) => extractLinkUses(text, {format})

/** What the model has of what `extractLinkUses` reads. */
function fromModel(text: string, format: FormatName) {
  const {checkpoint, frontmatter} = parseCheckpoint(text, {format})
  return {
    links: checkpoint.links.map(({url, kind, position}) => ({url, kind, position})),
    images: checkpoint.images.map(({src, position}) => ({src, position})),
    embeds: checkpoint.embeds.map(({attributes, position}) => ({attributes, position})),
    uuid: checkpoint.uuid,
    title: checkpoint.title,
    places: places(frontmatter)
  }
}

/** Where `uuid` and `title` are written (what the CLI's facts keep). */
function places(frontmatter: ParsedFrontmatter | null) {
  return ['uuid', 'title'].map((key) => frontmatter?.locate([key], 'value') ?? null)
}

/** The reader's result in the same shape, or `undefined` when it leaves the file to the model. */
function fromEvents(text: string, format: FormatName, reader: Extract) {
  const uses = reader(text, format)
  if (!uses) return undefined
  const {uuid, title, frontmatter} = uses
  // The model has no range of a URL (the tests of `range` are below).
  const links = uses.links.map(({url, kind, position}) => ({url, kind, position}))
  const images = uses.images.map(({src, position}) => ({src, position}))
  const embeds = uses.embeds.map(({attributes, position}) => ({attributes, position}))
  return {links, images, embeds, uuid, title, places: places(frontmatter)}
}

describe('extractLinkUses finds what the model finds', () => {
  const files = [...markdownFiles(join(root, 'fixtures')), join(root, 'README.md')]

  it.each(formatNames)('on every fixture, read as %s', (format) => {
    let read = 0
    for (const file of files) {
      const input = readInput(readFileSync(file))
      if (input.blocked) continue
      const ours = fromEvents(input.text, format, extract)
      if (!ours) continue
      read++
      expect(ours, file).toEqual(fromModel(input.text, format))
    }

    // Every fixture but the few with a bare URL or address left in text.
    expect(read).toBeGreaterThan(files.length * 0.9)
  })

  // Pieces that make, almost make or break links, images, references, HTML, templates and code.
  const piece = fc.constantFrom(
    '[a](http://a.b/c)', '[a](<http://a b>)', '[a](//x.io "t")', '[a](../x.md#h)', '[a]()', '[a](<>)', '[a](#top)',
    '[a](http://a.b/&amp;c)', '[a](http://a.b/\\(c\\))', '[a](mailto:a@b.co)', '[a]( http://s.p )',
    '[r]', '[r][]', '[a][r]', '[a][R ]', '[a][nope]', '[r]: http://r.io/x', '[R]: <https://R.io/y> "t"', '[r]:\n  //z.io',
    '[r]: ', '[x]: #a', '[x]: ./p.md', '![i](http://i.io/a.png)', '![i][r]', '![r]', '![i](./p.png)', '![a [b](http://c.d)](http://e.f)',
    '[![i](http://s.t/i.png)](http://h.i)', '![![j](http://k.l)](m)', '[a ![b][r]](http://n.o)',
    '<http://auto.io/a>', '<a@b.co>', '<//x>', 'www.example.com', 'http://a.b', 'https://A.B/c?d=e.', 'a@b.co', 'x@y',
    '<a href="http://h.io">', '<a href=\'//q.io\' id=x>', '<a name="n">', '</a>', '<img src="http://img.io/i.png" alt="">',
    '<img alt=x>', '<iframe src="https://v.io/e"></iframe>', '<video src=//v.io/v.mp4>', '<span src="http://s.io">',
    '<a\nhref="http://ml.io">', '<img\n  src="//ml.io/i.png">', '<iframe\n> src="http://ml.io/e">', '<div>', '</div>', '<!-- c -->', '<custom-el src="http://c.io">',
    '{{< figure src="http://f.io" >}}', '{{% note %}}', '{{ page.root }}', '{% link x.md %}', '{{', '}}', '{%', '%}',
    '`code [a](http://c.o)`', '``', '```', '~~~', '    ', '\t', '> ', '- ', '1. ', '# ', '* [x] ',
    '---', '+++', 'title: T', 'uuid: u-1', 'title = "T"', '\\', '&amp;', '&#64;', '&#x5b;', '\\[', '\\]', '[', ']', '(', ')', '<', '>', '!',
    '|', '| a | [b](http://t.io) |', '|---|---|', '[^1]', '[^1]: n', 'word', ' ', '.', 'plain words', '`x`'
  )
  const line = fc.array(piece, {maxLength: 6}).map((parts) => parts.join(''))
  // Character references that spell a bare URL or address in the tree (then the model must be built).
  const spelled = fc.constantFrom('b&#64;c.co', '&#119;ww.w.io', 'ht&#116;p://t.io')
  const spelledLine = fc.array(fc.oneof(piece, spelled), {maxLength: 6}).map((parts) => parts.join(''))
  const matter = fc.constantFrom(
    '', '---\ntitle: T\nuuid: u-1\n---\n', '---\r\ntitle: "T"\r\n---\r\n', '---\n---\n', '---\ntitle: [a\n---\n', '---\n\ntitle: T\n\n---\n',
    '+++\ntitle = "T"\nuuid = "u"\n+++\n', '+++\n+++\n', '---\ntitle: T\n'
  )
  const document = fc.tuple(matter, fc.array(line, {maxLength: 10})).map(([head, lines]) => head + lines.join('\n'))
  const spelledDocument = fc.tuple(matter, fc.array(fc.oneof(line, spelledLine), {maxLength: 10})).map(([head, lines]) => head + lines.join('\n'))
  const format = fc.constantFrom(...formatNames)

  /** The property: where the reader reads a document, it reads what the model has. */
  const same = (reader: Extract, documents = document) =>
    fc.property(documents, format, (text, name) => {
      const ours = fromEvents(text, name, reader)
      if (ours) expect(ours).toEqual(fromModel(text, name))
    })

  it('on generated markdown', () => {
    fc.assert(same(extract), {numRuns: stress ? 50_000 : 2000})
  })

  it('on generated markdown with character references that spell a bare URL', () => {
    fc.assert(same(extract, spelledDocument), {numRuns: stress ? 20_000 : 1000})
  })

  it('reads most generated documents itself', () => {
    const texts = fc.sample(document, {numRuns: 500, seed: 13})
    const read = texts.filter((text) => extract(text, 'checkpoint')).length
    expect(read).toBeGreaterThan(texts.length * 0.8)
  })

  it('fails for a reader that is wrong in a small way', () => {
    const mutants: Extract[] = [
      // A position one character short.
      (text, name) => {
        const uses = extract(text, name)
        const first = uses?.links[0]
        if (first) first.position = {...first.position, end: {...first.position.end, offset: first.position.end.offset - 1}}
        return uses
      },
      // References not resolved.
      (text, name) => {
        const uses = extract(text, name)
        return uses && {...uses, links: uses.links.filter((link) => !/r\.io|R\.io/.test(link.url))}
      },
      // An image read as a link.
      (text, name) => {
        const uses = extract(text, name)
        return uses && {...uses, links: [...uses.links, ...uses.images.map(({src, position}) => ({url: src, kind: 'external' as const, source: 'link' as const, position, range: undefined}))]}
      },
      // HTML in a template not left out.
      (text, name) => extract(text, name === 'hugo' ? 'checkpoint' : name)
    ]
    for (const mutant of mutants) {
      expect(fc.check(same(mutant), {numRuns: 2000, seed: 7}).failed).toBe(true)
    }
  })
})

describe('extractLinkUses', () => {
  it('gives each link its URL, kind and exact position', () => {
    const text = '---\ntitle: A lesson\nuuid: l-1\n---\n\nSee [docs](https://a.io/x?q=1&amp;r=2), ![logo][l] and <http://b.io>.\n\n[l]: //c.io/l.png\n'
    const uses = extractLinkUses(text)
    expect(uses?.links).toEqual([
      // Written with `&amp;`: not verbatim, so no range.
      {url: 'https://a.io/x?q=1&r=2', kind: 'external', source: 'link', position: {start: {line: 6, column: 5, offset: 39}, end: {line: 6, column: 39, offset: 73}}, range: undefined},
      {
        url: 'http://b.io',
        kind: 'external',
        source: 'link',
        position: {start: {line: 6, column: 56, offset: 90}, end: {line: 6, column: 69, offset: 103}},
        range: {start: {line: 6, column: 57, offset: 91}, end: {line: 6, column: 68, offset: 102}}
      }
    ])
    // A reference: its URL is written in the definition.
    expect(uses?.images).toEqual([{src: '//c.io/l.png', source: 'image', position: {start: {line: 6, column: 41, offset: 75}, end: {line: 6, column: 51, offset: 85}}, range: undefined}])
    expect(uses?.title).toBe('A lesson')
    expect(uses?.uuid).toBe('l-1')
    expect(uses?.frontmatter?.locate(['uuid'], 'value')).toEqual({start: {line: 3, column: 7, offset: 26}, end: {line: 3, column: 10, offset: 29}})
  })

  it('gives the exact range of each URL written verbatim: destinations, autolinks, bare URLs and attributes', () => {
    const text = [
      '[a](https://a.io/x "https://a.io/x") [b](<https://b.io/ y>) <https://c.io/>',
      '[![i](https://i.io/i.png)](https://l.io/)',
      '<a title="https://h.io/" href="https://h.io/">h</a> <img src="https://m.io/m.png"> <iframe src=\'https://e.io/\'></iframe>',
      'A bare https://bare.io/p here.'
    ].join('\n')
    const uses = extractLinkUses(text)
    const written = (use: {range: {start: {offset: number; line: number; column: number}; end: {offset: number}} | undefined}) =>
      use.range && [text.slice(use.range.start.offset, use.range.end.offset), use.range.start.line, use.range.start.column]
    expect(uses?.links.map((link) => [link.source, written(link)])).toEqual([
      ['link', ['https://a.io/x', 1, 5]],
      ['link', ['https://b.io/ y', 1, 43]],
      ['link', ['https://c.io/', 1, 62]],
      ['link', ['https://l.io/', 2, 28]],
      ['html-link', ['https://h.io/', 3, 32]],
      ['link', ['https://bare.io/p', 4, 8]]
    ])
    expect(uses?.images.map((image) => [image.source, written(image)])).toEqual([
      ['image', ['https://i.io/i.png', 2, 7]],
      ['html-image', ['https://m.io/m.png', 3, 63]]
    ])
    expect(uses?.embeds.map((embed) => written(embed))).toEqual([['https://e.io/', 3, 97]])
  })

  it('gives no range to a URL that is not written verbatim: a reference, an escape, a `www.` literal', () => {
    const uses = extractLinkUses('[a][r] [b](https://b.io/\\(x\\)) www.w.io\n\n[r]: https://r.io/\n')
    expect(uses?.links.map((link) => [link.url, link.range])).toEqual([
      ['https://r.io/', undefined],
      ['https://b.io/(x)', undefined],
      ['http://www.w.io', undefined]
    ])
  })

  it('leaves a document with a bare URL in text to the model', () => {
    // remark-gfm's literal pass finds `http://x.io` after a character reference; micromark does not.
    expect(extractLinkUses('a &#104;ttp://x.io b')).toBeUndefined()
    expect(extractLinkUses('write to &#x61;@b.co')).toBeUndefined()
    expect(extractLinkUses('see http://x.io and [y](http://y.io)')).toBeDefined()
  })

  it('reads text with a character reference, which can make a bare URL or address in the tree', () => {
    for (const text of ['a b&#64;c.co d', '&#119;ww.example.com x', 'ht&#116;p://x.io', '# Head &#64; b.co\n\n| a |\n|---|\n| x&#64;y.io |']) {
      expect(parseCheckpoint(text).checkpoint.links.length, text).toBeGreaterThan(0)
      expect(extractLinkUses(text), text).toBeUndefined()
    }
  })

  it('skips plain text but still finds every link around it, at the same places', () => {
    const text = [
      'Plain words, no links.', 'More plain words', '',
      '> quoted *plain* text', '> with a [link](http://q.io)', '',
      '- item one', '- item [two](http://i.io)', '',
      '| head | other |', '|---|---|', '| plain | <http://cell.io> |', '',
      '## Plain heading', '', 'Setext [heading](http://s.io)', '---', '',
      'Last line with `code` and ![img](http://img.io/a.png)'
    ].join('\n')
    const uses = extractLinkUses(text)
    expect(uses?.links.map((link) => link.url)).toEqual(['http://q.io', 'http://i.io', 'http://cell.io', 'http://s.io'])
    expect(fromEvents(text, 'checkpoint', extract)).toEqual(fromModel(text, 'checkpoint'))
  })
})
