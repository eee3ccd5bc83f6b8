/**
 * Core compiles micromark's events with `mdast-util-from-markdown`'s own
 * handles, but with one context per document instead of a copy per event
 * (`src/compile.ts`). These tests hold it to `fromMarkdown`: the same tree,
 * position for position, on every fixture and on generated markdown full of
 * containers (lists loose and tight, nested, in block quotes, lazy lines),
 * where the compiler's own code (`prepareList`) decides the tree.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import type {Root} from 'mdast'
import {fromMarkdown, type CompileContext, type Extension, type Token} from 'mdast-util-from-markdown'
import remarkFrontmatter from 'remark-frontmatter'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {createCompiler, parseWith} from '../src/markdown/compile.js'
import {gfmFromMarkdown} from '../src/markdown/gfm-mdast.js'
import {gfmNeeds, gfmSyntax} from '../src/markdown/gfm-syntax.js'
import {markdownFiles} from './fixture-files.js'

const stress = Boolean(process.env.COURSEMARK_STRESS)
const root = fileURLToPath(new URL('../../../', import.meta.url))

/** remark-frontmatter's extensions for YAML and TOML. */
const matter = unified().use(remarkFrontmatter, ['yaml', 'toml']).freeze()

/** Our compiler and `fromMarkdown`, with the same extensions (frontmatter and GFM). */
function both(mdast: Extension[] = [], plainText = true) {
  const mdastExtensions = [...(matter.data('fromMarkdownExtensions') ?? []), gfmFromMarkdown, ...mdast]
  const syntax = (text: string) => [...(matter.data('micromarkExtensions') ?? []), gfmSyntax(gfmNeeds(text))]
  const compiler = createCompiler(mdastExtensions)
  return {
    compiler,
    ours: (text: string): Root => parseWith(text, syntax(text), compiler, plainText),
    theirs: (text: string): Root => fromMarkdown(text, {extensions: syntax(text), mdastExtensions})
  }
}

describe('createCompiler', () => {
  it('gives fromMarkdown’s tree on every fixture, with plain text left unsplit and without', () => {
    const withPlain = both()
    const without = both([], false)
    expect(withPlain.compiler.plainText).toBe(true)
    const files = [...markdownFiles(join(root, 'fixtures')), join(root, 'README.md')]
    expect(files.length).toBeGreaterThan(100)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      const expected = withPlain.theirs(text)
      expect(withPlain.ours(text), file).toEqual(expected)
      expect(without.ours(text), file).toEqual(expected)
    }
  })

  // Paragraph and heading text around what makes text not plain: white space
  // at a line's edges, tabs, every inline construct's first character, line
  // endings of every kind, characters micromark replaces.
  const words = fc.constantFrom('plain', 'two words', 'end.', 'a:b', 'x', '  lead', 'trail ', 'trail  ', 'a\tb', '*em*', '_u_', '`c`', '[l](/u)', '![i](/i)',
    '<b>', '&amp;', 'a\\', '~s~', 'http://a.co', 'www.b.co', 'c@d.co', 'h', 'w', '\0', 'é', '{x}', '  ')
  const prefix = fc.constantFrom('', '', '', '# ', '## ', '> ', '- ', '1. ', '  ', '| ')
  const ending = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '\n\n')
  const paragraphs = fc.array(fc.tuple(prefix, fc.array(words, {minLength: 1, maxLength: 4}), ending), {maxLength: 10})
    .map((lines) => lines.map(([a, parts, end]) => a + parts.join(' ') + end).join(''))

  it('gives fromMarkdown’s tree on generated paragraphs, plain and not', () => {
    const {ours, theirs} = both()
    fc.assert(
      fc.property(paragraphs, (text) => {
        expect(ours(text)).toEqual(theirs(text))
      }),
      {numRuns: stress ? 50_000 : 3000}
    )
  })

  // Line starts that open, continue or break containers, and what can follow.
  const start = fc.constantFrom('', '', '- ', '* ', '1. ', '2) ', '> ', '> - ', '- > ', '  ', '   ', '    ', '\t', '  - ', '    - ', '- - ', '10. ')
  const rest = fc.constantFrom(
    '', '+++', 'a = 1', 'text', 'more *text*', '`code`', '```', '~~~js', '# Heading', '===', '---', '***', '<div>', '</div>', '[a]: /b', '[a]',
    '- [ ] task', '[x] done', '| a | b |', '|---|---|', 'a  ', 'b\\', '<!-- c -->', '[^1]: note', 'www.a.co', 'x@y.co'
  )
  const line = fc.tuple(start, rest).map(([a, b]) => a + b)
  const document = fc.array(line, {maxLength: 14}).map((lines) => lines.join('\n'))

  it('gives fromMarkdown’s tree on generated lists, quotes and code', () => {
    const {ours, theirs} = both()
    fc.assert(
      fc.property(document, (text) => {
        expect(ours(text)).toEqual(theirs(text))
      }),
      {numRuns: stress ? 50_000 : 2000}
    )
  })

  it('starts each document afresh', () => {
    const {ours, theirs} = both()
    const texts = ['1. a\n\n2. b', '- a\n- b', '```js\nx\n', '[x]: /y\n\n[x]', '| a |\n|---|\n| `\\|` |', '']
    for (const text of [...texts, ...texts.reverse()]) expect(ours(text), JSON.stringify(text)).toEqual(theirs(text))
  })

  it('calls an extension’s handles and listeners with the context of the document', () => {
    const seen: string[] = []
    const extension: Extension = {
      enter: {
        strong(this: CompileContext, token: Token) {
          this.enter({type: 'emphasis', children: []}, token)
        }
      },
      exit: {
        strong(this: CompileContext, token: Token) {
          this.exit(token)
          seen.push(`strong ${this.sliceSerialize(token)}`)
        }
      },
      beforeEnter(this: CompileContext, token: Token) {
        if (token.type === 'paragraph') seen.push(`before ${this.stack.length}`)
      },
      afterExit(this: CompileContext, token: Token) {
        if (token.type === 'paragraph') seen.push(`after ${this.sliceSerialize(token)}`)
      }
    }
    const {ours, theirs} = both([extension])
    // Making the compiler runs none of them.
    expect(seen).toEqual([])
    const text = 'a **b** c\n\n> **d**'
    const tree = ours(text)
    const ourSeen = seen.splice(0)
    expect(tree).toEqual(theirs(text))
    expect(ourSeen).toEqual(seen)
    expect(ourSeen).toEqual(['before 1', 'strong **b**', 'after a **b** c', 'before 2', 'strong **d**', 'after **d**'])
    expect(tree.children[0]).toMatchObject({type: 'paragraph', children: [{type: 'text'}, {type: 'emphasis'}, {type: 'text'}]})
  })

  it('fails as fromMarkdown does on a token an extension leaves open', () => {
    // An exit handle that does nothing leaves its node open.
    const leaving = (type: string) => both([{exit: {[type]() {}}}])
    const cases: Array<[type: string, markdown: string, error: string]> = [
      ['paragraph', 'a', 'Cannot close document, a token (`paragraph`, 1:1-1:2) is still open'],
      ['strong', '**a**', 'Cannot close `paragraph` (1:1-1:6): a different token (`strong`, 1:1-1:6) is open']
    ]
    for (const [type, markdown, error] of cases) {
      const {ours, theirs} = leaving(type)
      expect(() => theirs(markdown)).toThrow(error)
      expect(() => ours(markdown)).toThrow(error)
    }
  })
})
