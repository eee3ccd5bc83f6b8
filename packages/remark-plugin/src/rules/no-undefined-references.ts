/**
 * ## What is this?
 *
 * Warns on references with no definition: `[text][id]`, `[id][]`, `[id]`
 * and `![alt][id]` where no `[id]: url` exists, and `[^id]` footnote calls
 * where no `[^id]: …` exists. Markdown shows such a reference as plain
 * text with its brackets. Identifiers compare as markdown compares them
 * (case and white space folded); `\[` escapes a bracket.
 *
 * Same id, options, behaviour and `<!--lint disable no-undefined-references-->`
 * control as remark-lint's `no-undefined-references`, on coursemark's shared
 * node index. Brackets that are curriculum format syntax are not references:
 * pandoc spans (`[term]{#term}`), links whose URL is a template
 * (`[setup]({{ page.root }}/setup.html)`, `[prep]({{< ref "prep" >}})`), Hugo
 * tab labels (`===[[Answer]]===`) and GitHub alerts (`> [!TIP]`); a file that
 * includes another (`{% include links.md %}`) may use its definitions.
 *
 * ## When should I use this?
 *
 * On curricula that use reference links. Prose with brackets (`[sic]`,
 * `[x] (url)`) trips it, hence not in `recommended`.
 *
 * ## Options
 *
 * - `allow` (array of strings, or of `{source, flags?}` regular
 *   expressions, default `[]`): identifiers that need no definition.
 * - `allowShortcutLink` (boolean, default `false`): allow `[text]` alone.
 *
 * ## Recommendation
 *
 * On in `strict` as a warning (`[x] (url)` in `recommended` is
 * `no-malformed-link`'s).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Read [the docs][docs], [docs][] and [Docs].
 *
 *   [docs]: https://example.com/docs
 *
 * @example
 *   {"label": "input", "name": "undefined.md"}
 *
 *   Read [the docs][docs] and ![a plot][plot].
 *
 *   [guide]: https://example.com/guide
 *
 * @example
 *   {"label": "output", "name": "undefined.md"}
 *
 *   1:6-1:22: Unexpected reference to undefined definition, expected corresponding definition (`docs`) for a link or escaped opening bracket (`\[`) for regular text
 *   1:28-1:42: Unexpected reference to undefined definition, expected corresponding definition (`plot`) for an image or escaped opening bracket (`\[`) for regular text
 *
 * @example
 *   {"name": "formats.md"}
 *
 *   A [term]{#term}, the [setup]({{ page.root }}/setup.html) and a tab:
 *
 *   ===[[Answer]]===
 *
 *   > [!TIP]
 *   > Keep a copy.
 *
 * @example
 *   {"name": "allowed.md", "config": {"allow": ["sic", {"source": "^todo-"}]}}
 *
 *   It was [sic] late, see [TODO-1].
 */
import type {Nodes, Parents, Text} from 'mdast'
import {normalizeIdentifier} from 'micromark-util-normalize-identifier'
import {hasTemplateInclude, isBracketSyntax} from '../format-syntax.js'
import {nodesOfTypes} from '../node-index.js'
import {positionAt, sourceOf} from '../position.js'
import {defineRule, type Report, type RuleMetaInput} from '../rule.js'

/** Options of `no-undefined-references`. */
export interface Options {
  /** Identifiers that need no definition: strings, or `{source, flags?}` regular expressions. */
  allow?: Array<string | {source: string; flags?: string | undefined}> | undefined
  /** Allow shortcut references (`[text]` alone). */
  allowShortcutLink?: boolean | undefined
}

const meta: RuleMetaInput = {
  id: 'no-undefined-references',
  description: 'Warn on `[text][id]` references with no definition (strict only, since `[x] (url)` is `no-malformed-link`)',
  tags: ['links'],
  fixable: false,
  presets: {strict: 'warning'}
}

/** A line ending with the indent and block quote markers after it (not part of a label). */
const lineEnding = /(\r?\n|\r)[\t ]*(>[\t ]*)*/g

/** Open bracket, then the ends and starts of the bracket pairs that follow it. */
type Brackets = number[]

interface Scan {
  value: string
  definitions: Set<string>
  footnotes: Set<string>
  strings: Set<string>
  patterns: RegExp[]
  allowShortcutLink: boolean
  /** The file includes other files (`{% include links.md %}`), whose definitions it may use. */
  included: boolean
  report: Report
  toPlace: (start: number, end: number) => ReturnType<typeof positionAt>
}

export default defineRule<Options>({...meta, options: {allow: [], allowShortcutLink: false}}, ({tree, file, options, report}) => {
  const value = sourceOf(file)
  const scan: Scan = {
    value,
    definitions: new Set(),
    footnotes: new Set(),
    strings: new Set(),
    patterns: [],
    allowShortcutLink: options?.allowShortcutLink ?? false,
    included: hasTemplateInclude(value),
    report,
    toPlace: (start, end) => positionAt(file, start, end)
  }

  for (const item of options?.allow ?? []) {
    if (typeof item === 'string') scan.strings.add(normalizeIdentifier(item))
    else if (typeof item === 'object' && 'source' in item) scan.patterns.push(new RegExp(item.source, item.flags ?? 'i'))
  }

  for (const node of nodesOfTypes(tree, ['definition', 'footnoteDefinition'])) {
    const set = node.type === 'definition' ? scan.definitions : scan.footnotes
    set.add(normalizeIdentifier(node.identifier))
  }

  for (const node of nodesOfTypes(tree, ['heading', 'paragraph', 'tableCell'])) inContainer(scan, node)
})

/** Scan the text of one phrasing container; nested containers keep their own brackets. */
function inContainer(scan: Scan, node: Parents): void {
  const ranges: Brackets[] = []
  for (const child of node.children as Nodes[]) {
    if (child.type === 'text') inText(scan, ranges, child)
    else if ('children' in child) inContainer(scan, child)
  }

  for (const range of ranges) handleRange(scan, range)
}

function inText(scan: Scan, ranges: Brackets[], node: Text): void {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return
  const source = scan.value.slice(start, end)
  const lines: Array<[number, string]> = []
  let last = 0
  lineEnding.lastIndex = 0
  for (let match = lineEnding.exec(source); match; match = lineEnding.exec(source)) {
    lines.push([start + last, source.slice(last, match.index)])
    last = match.index + match[0].length
  }

  lines.push([start + last, source.slice(last)])
  for (const [lineStart, line] of lines) inLine(scan, ranges, lineStart, line)
}

function inLine(scan: Scan, ranges: Brackets[], lineStart: number, line: string): void {
  let index = 0
  while (index < line.length) {
    const code = line.charCodeAt(index)
    if (code === 91 /* `[` */) {
      ranges.push([lineStart + index])
      index++
    } else if (code === 92 /* `\` */) {
      const next = line.charCodeAt(index + 1)
      index += next === 91 || next === 93 ? 2 : 1
    } else if (code === 93 /* `]` */) {
      const open = ranges.at(-1)
      index++
      if (!open) continue
      if (line.charCodeAt(index) === 91 && open.length !== 3) {
        // `][`: the first pair ends where the second starts.
        open.push(lineStart + index, lineStart + index)
        index++
      } else {
        open.push(lineStart + index)
        handleRange(scan, open)
        ranges.pop()
      }
    } else {
      index++
    }
  }
}

function handleRange(scan: Scan, range: Brackets): void {
  if (range.length === 1) return
  if (range.length === 3) range.length = 2
  const [open = 0, close = 0] = range
  if (range.length === 2 && open + 2 === close) return
  const {value} = scan
  const label = value.charCodeAt(open - 1) === 33 /* `!` */ ? 'image' : value.charCodeAt(open + 1) === 94 /* `^` */ ? 'footnote' : 'link'
  const second = range.length === 4 && (range[2] ?? 0) + 2 !== range[3]
  const from = second ? (range[2] ?? 0) : open
  const to = second ? (range[3] ?? 0) : close
  let id = normalizeIdentifier(collapse(value.slice(from + 1, to - 1)))
  let defined = scan.definitions
  // Format syntax, or definitions that come from an included file.
  if (label !== 'footnote' && (scan.included || (range.length === 2 && isBracketSyntax(value, open, close)))) return

  if (label === 'footnote') {
    if (id.includes(' ')) return
    defined = scan.footnotes
    id = id.slice(1)
  }

  if (
    (scan.allowShortcutLink && range.length === 2) ||
    defined.has(id) ||
    scan.strings.has(id) ||
    scan.patterns.some((pattern) => pattern.test(id))
  ) {
    return
  }

  scan.report(
    `Unexpected reference to undefined definition, expected corresponding definition (\`${id.toLowerCase()}\`) for ${label === 'image' ? 'an' : 'a'} ${label} or escaped opening bracket (\`\\[\`) for regular text`,
    {place: scan.toPlace(open, range.at(-1) ?? open)}
  )
}

/** HTML white space collapsed to one space, and trimmed (as `collapse-white-space` with `style: 'html'`). */
function collapse(value: string): string {
  return value.replace(/[\t\n\v\f\r ]+/g, ' ').replace(/^ | $/g, '')
}
