/**
 * Property tests: whatever the input, `parseCheckpoint` returns, every
 * position lies inside the input and agrees with its offset, the Checkpoint
 * validates against its schema, and the result is deterministic.
 *
 * `npm test` runs a few hundred cases; `npm run test:stress` (which sets
 * `COURSEMARK_STRESS=1`) runs many thousands.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {formatNames, parseCheckpoint} from '../src/index.js'
import type {FormatName} from '../src/index.js'
import {checkPosition, positionsOf, validateCheckpoint} from './schema-helpers.js'

const stress = Boolean(process.env.COURSEMARK_STRESS)
const runs = stress ? 20_000 : 300
const timeout = stress ? 1_200_000 : 30_000
let casesRun = 0

const word = fc.constantFrom(
  'loop', 'Write', 'understand', 'résumé', 'naïve', '日本語', '😀', 'TODO', '`code`',
  '**bold**', '_em_', '&amp;', '<br>', '\\', '[', ']', '(', ')', '#', '*', '-', '>', '|', '"', "'"
)
const text = fc.array(word, {minLength: 0, maxLength: 12}).map((words) => words.join(' '))
const url = fc.constantFrom(
  'https://example.com/a?utm_source=x#frag', 'http://example.org', '../other/content.md',
  '#objectives', 'mailto:a@example.com', 'javascript:alert(1)', '', '<>', 'images/a b.png',
  'https://docs.google.com/document/d/abc/edit?usp=sharing'
)
const inline = fc.oneof(
  text,
  fc.tuple(text, url).map(([t, u]) => `[${t}](${u})`),
  fc.tuple(text, url).map(([t, u]) => `![${t}](${u})`),
  fc.tuple(text, url).map(([t, u]) => `[${t}]((${u}))`),
  url.map((u) => `<${u}>`),
  fc.constantFrom('[ref]', '[x][ref]', '<a href="https://example.com">a</a>', '<img src="x.png">')
)
const line = fc.array(inline, {minLength: 1, maxLength: 4}).map((parts) => parts.join(' '))
const block = fc.oneof(
  fc.tuple(fc.integer({min: 1, max: 7}), line, fc.boolean()).map(
    ([depth, t, space]) => '#'.repeat(depth) + (space ? ' ' : '') + t
  ),
  fc.constantFrom('## Objectives', '## Assignment', '## Additional Resources', '## **Getting Involved**', '**Objective:** Write a loop.', 'By the end of this checkpoint, you will:'),
  line,
  fc.array(fc.tuple(fc.integer({min: 0, max: 4}), fc.constantFrom('-', '*', '1.', '2)'), line), {minLength: 1, maxLength: 6}).map(
    (items) => items.map(([indent, marker, t]) => '  '.repeat(indent) + marker + ' ' + t).join('\n')
  ),
  fc.tuple(fc.integer({min: 1, max: 5}), line).map(([depth, t]) => '> '.repeat(depth) + t),
  fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'python', 'bash'), line, fc.boolean()).map(
    ([fence, lang, body, closed]) => `${fence}${lang}\n${body}\n${closed ? fence : ''}`
  ),
  fc.constantFrom(
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '<iframe src="https://trinket.io/embed/x" width="100%"></iframe>',
    '<jupyter notebook-name="N" course-code="C"/>',
    '<div>\n<p>html block</p>\n</div>',
    '<!-- lint disable -->',
    '[ref]: https://example.com/ref',
    '***',
    '---'
  )
)
const frontmatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '---\ntitle: T\ntime: 120\n---\n',
    '---\ntitle: "Quoted"\nauthor: A\nteam: careers\ntime: 1.5 hours\nuuid: 178a45b5-2fd4-4f8b-8c8f-02d5a5bd3d41\ntimeHours: 1.5\n---\n',
    '---\ntitle: T\n',
    '---\n- a\n- b\n---\n',
    '---\njust a string\n---\n',
    '---\ntitle: [unclosed\n---\n',
    '---\ntitle: a\ntitle: b\n---\n',
    '---\n\ttitle: tab\n---\n',
    '---\n__proto__: {x: 1}\nconstructor: 1\n---\n',
    '---\na: &a [1, 2]\nb: [*a, *a]\ntime: null\n---\n',
    '---\n---\n',
    '---\ntime: .inf\ntitle: 5\n---\n'
  ),
  fc.tuple(fc.constantFrom('title', 'time', 'timeHours', 'uuid', 'tags', 'tilte'), fc.oneof(text, fc.integer().map(String))).map(
    ([key, value]) => `---\n${key}: ${value}\n---\n`
  )
)
const checkpointLike = fc
  .tuple(
    fc.boolean(),
    frontmatter,
    fc.array(block, {maxLength: 14}),
    fc.boolean(),
    fc.boolean()
  )
  .map(([bom, head, blocks, crlf, finalNewline]) => {
    let value = head + blocks.join('\n\n') + (finalNewline ? '\n' : '')
    if (crlf) value = value.replace(/\n/g, '\r\n')
    return (bom ? '\uFEFF' : '') + value
  })

/** Syntax of the other curriculum formats: fences, attribute lists, templates, TOML. */
const formatBlock = fc.oneof(
  block,
  fc.constantFrom(
    '::: challenge', ':::', '::::::: objectives', ':::: {.solution #s1}', '::: callout :::',
    '- item\n:::', '{: #anchor}', '{: .challenge}', '> ## Quote\n> text\n{: .challenge}',
    '> > inner\n> {: .solution}\n{: .challenge}', '[term]{#term}', '## Heading {#own}',
    "![](a.png){alt='x'}", '{{< note title="x" >}}', '{{</ note >}}', '{{% tip %}}',
    '{% include links.md %}', '[setup]({{page.root}}/setup.html)', '<span id="s">x</span>',
    '### Lesson overview\n\n- One', '# --description--', '# --instructions--', 'https://example.com/bare'
  )
)
const tomlHead = fc.constantFrom(
  '',
  '+++\ntitle = "T"\ntime = 90\nobjectives = ["a", \'b\']\n[build]\n  list = "local"\n+++\n',
  "+++\ntitle = 'T'\n[objectives]\n  1 = \"a\"\n+++\n",
  '+++\ntitle = "unclosed\n+++\n',
  '+++\na = [[1, 2], {b = "c"}]\nd = """multi\nline"""\n+++\n',
  '+++\ntitle = "T"\n',
  '---\ntitle: T\nteaching: 20\nexercises: 5\n---\n'
)
const formatLike = fc
  .tuple(fc.constantFrom(...formatNames), tomlHead, fc.array(formatBlock, {maxLength: 14}), fc.boolean())
  .map(([format, head, blocks, crlf]) => {
    const value = head + blocks.join('\n\n') + '\n'
    return [format, crlf ? value.replace(/\n/g, '\r\n') : value] as const
  })

function holds(value: string, format: FormatName = 'checkpoint') {
  casesRun++
  const first = parseCheckpoint(value, {path: 'case.md', format})
  const again = parseCheckpoint(value, {path: 'case.md', format})
  expect(JSON.stringify(again.checkpoint)).toBe(JSON.stringify(first.checkpoint))
  expect(again.messages.map(String)).toEqual(first.messages.map(String))
  expect(validateCheckpoint(first.checkpoint)).toEqual([])
  const body = value.charCodeAt(0) === 0xfe_ff ? value.slice(1) : value
  const positions = [
    ...positionsOf(first.checkpoint),
    ...first.messages.flatMap((message) =>
      message.place && 'start' in message.place ? [message.place as never] : []
    )
  ]
  for (const position of positions) {
    expect(checkPosition(body, position)).toBeUndefined()
  }
}

const fixtureFolder = fileURLToPath(new URL('../../../fixtures/parse/', import.meta.url))
const seeds = readdirSync(fixtureFolder)
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(fixtureFolder + name, 'utf8'))

describe('parseCheckpoint properties', () => {
  afterAll(() => {
    console.info(`property tests: ${casesRun} cases run`)
  })

  it('holds for generated checkpoint-like markdown', () => {
    fc.assert(fc.property(checkpointLike, (value) => holds(value)), {numRuns: runs, seed: stress ? undefined : 20_261_126})
  }, timeout)

  it('holds in every format for markdown with their syntax', () => {
    fc.assert(
      fc.property(formatLike, ([format, value]) => holds(value, format)),
      {numRuns: runs, seed: stress ? undefined : 20_261_130}
    )
  }, timeout)

  it('holds for fixtures mutated byte by byte', () => {
    const mutation = fc.tuple(
      fc.constantFrom(...seeds),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('insert', 'delete', 'replace'),
          fc.constantFrom('\u0000', '\n', '\r', '#', '-', '>', '*', '[', ']', '(', ')', '`', '<', ':', ' ', '\t', '\uFFFD', '\u00e9', 'x', '\uD83D')
        ),
        {minLength: 1, maxLength: 8}
      )
    ).map(([seed, edits]) => {
      let value = seed
      for (const [at, kind, char] of edits) {
        const index = value.length === 0 ? 0 : at % value.length
        value =
          kind === 'insert'
            ? value.slice(0, index) + char + value.slice(index)
            : kind === 'delete'
              ? value.slice(0, index) + value.slice(index + 1)
              : value.slice(0, index) + char + value.slice(index + 1)
      }

      return value
    })
    fc.assert(fc.property(mutation, (value) => holds(value)), {numRuns: runs, seed: stress ? undefined : 20_261_127})
  }, timeout)

  it('holds for arbitrary strings and bytes', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 400}), (value) => holds(value)),
      {numRuns: runs, seed: stress ? undefined : 20_261_128}
    )
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 400}), (bytes) => {
        casesRun++
        const {checkpoint} = parseCheckpoint(bytes)
        expect(validateCheckpoint(checkpoint)).toEqual([])
      }),
      {numRuns: runs, seed: stress ? undefined : 20_261_129}
    )
  }, timeout)
})
