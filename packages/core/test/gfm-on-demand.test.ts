/**
 * Core parses GFM with only the constructs each document can use
 * (`src/gfm.ts`). That is a speed-up only if the tree is remark-gfm's, node
 * for node, position for position: these tests compare the two on every
 * fixture of the repository and on generated markdown full of near-misses
 * (a `www.` after a `/`, an `@` in code, a `:-` that is not a table).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import {describe, expect, it} from 'vitest'
import {gfmNeeds} from '../src/markdown/gfm.js'
import {rawShortcodeSyntax, rawShortcodesOf} from '../src/markdown/shortcodes.js'
import {createParser, formatNames, profiles} from '../src/index.js'
import type {FormatName} from '../src/index.js'
import {markdownFiles} from './fixture-files.js'

const stress = Boolean(process.env.COURSEMARK_STRESS)
const root = fileURLToPath(new URL('../../../', import.meta.url))

/** remark-parse + remark-frontmatter (+ raw Hugo shortcodes) + remark-gfm, as the format would read it with remark-gfm. */
function reference(format: FormatName) {
  const shortcodes = rawShortcodesOf(profiles[format].templates, undefined)
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, profiles[format].frontmatter.syntaxes)
    .use(function (this: Processor) {
      if (shortcodes) (this.data().micromarkExtensions ??= []).push(rawShortcodeSyntax(shortcodes))
    })
    .use(remarkGfm)
    .freeze()
}

describe('GFM on demand gives remark-gfm’s tree', () => {
  const files = [...markdownFiles(join(root, 'fixtures')), join(root, 'README.md')]

  it.each(formatNames)('on every fixture, read as %s', (format) => {
    const ours = createParser(format).freeze()
    const theirs = reference(format)
    expect(files.length).toBeGreaterThan(100)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      expect(ours.parse(text), file).toEqual(theirs.parse(text))
    }
  })

  // Pieces that start, almost start or break each costly construct.
  const piece = fc.constantFrom(
    'www.example.com', 'WWW.Example.org/a_b', '/www.x.io', 'a.www.b.co', '(www.x.co)', '*www.x.co*', '_www.x.co_', '~www.x.co~',
    'http://a.b', 'HTTPS://a.b/c?d=e.', 'https://', 'xhttp://a.b', 'https://a.b/(c)', 'http:/a.b',
    'a@b.co', 'x.y+z@e-x.io', 'mailto:a@b.co', 'xmpp:a@b.co/c', 'a@b', '@', '&#64;', 'a&#64;b.co', '\\@',
    '|', '| a | b |', '|---|:-:|', ':-', '-:', ':--:', '---', '-', ':', 'a|b', '|-', '-|-', ' | ', '\\|', '|\t-\t|', '-:\t',
    '[^1]', '[^note]:', '[^', '^', '[', ']', '(', ')', '[x]', '[ ]', '~~', '~', '*', '_', '`', '``',
    '<', '>', '> ', '- ', '1. ', '# ', '    ', '\\', '&amp;', '<https://a.b>', '[t](https://www.a.b)', '[r]: https://a.b',
    '`a\\|b`', '`\\\\|`', '- [x] ', '- [ ] ', '* [X]', '1. [ ]\t', '- [x]',
    'word', 'ab', '1', '.', '/', ' ', '\t'
  )
  const line = fc.array(piece, {maxLength: 8}).map((parts) => parts.join(''))
  // Every line ending: the table looks at the next line (`gfm-syntax.ts`).
  const document = fc
    .tuple(fc.array(line, {maxLength: 8}), fc.constantFrom('\n', '\n', '\r\n', '\r'))
    .map(([lines, ending]) => lines.join(ending))

  it('on generated markdown', () => {
    // The input the reference fails on (below) still parses here.
    expect(createParser('checkpoint').parse('-\n[x]\nwww.example.com').children).toHaveLength(2)
    const ours = createParser('checkpoint').freeze()
    const theirs = reference('checkpoint')
    fc.assert(
      fc.property(document, (text) => {
        // The reference can fail its own development checks: on `-\n[x]\nwww.example.com`
        // `mdast-util-gfm-task-list-item` asserts a list item it is not in
        // (found by the stress run). There is nothing to compare with then.
        let expected
        try {
          expected = theirs.parse(text)
        } catch {
          fc.pre(false)
        }

        expect(ours.parse(text)).toEqual(expected)
      }),
      {numRuns: stress ? 50_000 : 1500}
    )
  })
})

describe('gfmNeeds', () => {
  it('asks for a construct only where its characters occur', () => {
    expect(gfmNeeds('Plain prose, a [link](https://www.example.com/a).')).toEqual({
      email: false,
      www: false,
      protocol: true,
      table: false,
      footnote: false
    })
    expect(gfmNeeds('Mail a@b.co or see www.example.com.\n\n| a |\n| - |\n\nNote.[^1]')).toEqual({
      email: true,
      www: true,
      protocol: false,
      table: true,
      footnote: true
    })
  })

  it('keeps the table for a delimiter row with a colon and no pipe', () => {
    expect(gfmNeeds('a\n:-').table).toBe(true)
    const tree = createParser('checkpoint').parse('a\n:-')
    expect(tree.children[0]?.type).toBe('table')
  })
})

describe('GFM out again', () => {
  it('serialises tables, task items, footnotes and strikethrough as remark-gfm does', async () => {
    const {default: remarkStringify} = await import('remark-stringify')
    const text = '| a | b |\n| :- | -: |\n| `x\\|y` | 2 |\n\n* [x] done\n* [ ] open\n\n~~old~~ new[^1]\n\n[^1]: Note.\n'
    const ours = createParser('checkpoint').use(remarkStringify)
    const theirs = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkStringify)
    const output = String(await ours.process(text))
    expect(output).toBe(String(await theirs.process(text)))
    expect(output).toContain('| :----- | -: |')
  })
})
