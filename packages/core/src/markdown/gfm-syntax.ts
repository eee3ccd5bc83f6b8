/**
 * Which GFM constructs a document can use, and micromark's extension with only
 * those (see `gfm.ts` for why). Separate from the mdast half, so that a reader
 * of micromark's events alone (`link-uses.ts`) loads no tree builder.
 */
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import {combineExtensions} from 'micromark-util-combine-extensions'
import type {Construct, ConstructRecord, Event, Extension, ParseContext, TokenizeContext} from 'micromark-util-types'
import {documentOf} from './document-events.js'

/** The costly GFM constructs a document may use. */
export interface GfmNeeds {
  email: boolean
  www: boolean
  protocol: boolean
  table: boolean
  footnote: boolean
}

const wwwPattern = /(?:^|[^\dA-Za-z/.])www\./im
const protocolPattern = /https?:\/\//i
const tablePattern = /\||:-|-:/

/** Which of the costly GFM constructs could match somewhere in `document`. */
export function gfmNeeds(document: string): GfmNeeds {
  return {
    email: document.includes('@'),
    www: wwwPattern.test(document),
    protocol: protocolPattern.test(document),
    table: tablePattern.test(document),
    footnote: document.includes('[^')
  }
}

/** Upstream's literal autolink text constructs, by character. */
const literalText: ConstructRecord = gfmAutolinkLiteral().text ?? {}

/**
 * Upstream's literal autolink text constructs, without those `needs` rules
 * out, in upstream's order for each character.
 */
function literalAutolinks(needs: GfmNeeds): Extension {
  const wanted: Record<string, boolean> = {emailAutolink: needs.email, wwwAutolink: needs.www, protocolAutolink: needs.protocol}
  const text: ConstructRecord = {}
  for (const [code, value] of Object.entries(literalText)) {
    const constructs = (Array.isArray(value) ? value : [value]).filter(
      (construct): construct is Construct => construct !== undefined && wanted[construct.name ?? ''] === true
    )
    if (constructs.length > 0) text[Number(code)] = constructs
  }

  return {text}
}

/** Upstream's table construct. */
const upstreamTable = gfmTable().flow?.null as Construct

/**
 * Upstream's table, not tried where it cannot start: at a line that would be
 * a head row (no table row before it) when the document's next line cannot
 * end in a delimiter row. A delimiter row is the rest of its line, all of it
 * `|`, `:`, `-`, spaces and tabs, with a `-` in each cell (and a head row has
 * a cell); what precedes it on the line is container prefixes. So the line's
 * last run of those characters must hold a `-`, or the attempt fails at the
 * next line at the latest. Trying it leaves nothing behind: the events are
 * restored, and `interrupt`, which it sets at the head row's end, it sets to
 * `false` again at the next line's start (on the flow tokenizer, where
 * nothing else sets it, it is never true before). So the tree is the same
 * (`test/gfm-on-demand.test.ts`). A head row is otherwise scanned to its end
 * at the start of every line of every paragraph. Where the document is not
 * known (`documentEvents`), the table is always tried.
 */
const table: Construct = {
  name: upstreamTable.name,
  tokenize(effects, ok, nok) {
    const lines = delimiterLines(this.parser)
    if (lines && lines[this.now().line + 1] !== 1 && !afterTableRow(this.events)) return nok
    return upstreamTable.tokenize.call(this, effects, ok, nok)
  },
  resolveAll: upstreamTable.resolveAll
}

const delimiterLinesCache = new WeakMap<ParseContext, Uint8Array>()

/**
 * For each line of the parser's document (from 1), `1` when its last run of
 * `|`, `:`, `-`, spaces and tabs holds a `-` (it may end in a delimiter row);
 * `undefined` for a document not known.
 */
function delimiterLines(parser: ParseContext): Uint8Array | undefined {
  let lines = delimiterLinesCache.get(parser)
  if (lines) return lines
  const document = documentOf(parser)
  if (document === undefined) return undefined
  const delimited: number[] = []
  let line = 1
  let index = 0
  while (index <= document.length) {
    let end = index
    let code = document.charCodeAt(end)
    while (end < document.length && code !== 10 && code !== 13) code = document.charCodeAt(++end)
    // The line's last run of delimiter row characters.
    let at = end
    while (at > index) {
      const before = document.charCodeAt(at - 1)
      if (before === 45) {
        delimited.push(line)
        break
      }

      if (before !== 124 && before !== 58 && before !== 32 && before !== 9) break
      at--
    }

    index = code === 13 && document.charCodeAt(end + 1) === 10 ? end + 2 : end + 1
    line++
  }

  lines = new Uint8Array(line + 2)
  for (const at of delimited) lines[at] = 1
  delimiterLinesCache.set(parser, lines)
  return lines
}

/**
 * Whether a table row ends right before, white space and line endings aside:
 * upstream then reads a body row (its `start`).
 */
function afterTableRow(events: TokenizeContext['events']): boolean {
  let index = events.length - 1
  while (index > -1) {
    const type = (events[index] as Event)[1].type
    if (type === 'lineEnding' || type === 'linePrefix') index--
    else return type === 'tableHead' || type === 'tableRow'
  }

  return false
}

const syntaxCache = new Map<string, Extension>()

/** One micromark extension with the GFM constructs of `needs`, in remark-gfm's order. */
export function gfmSyntax(needs: GfmNeeds): Extension {
  const key = `${+needs.email}${+needs.www}${+needs.protocol}${+needs.table}${+needs.footnote}`
  let extension = syntaxCache.get(key)
  if (!extension) {
    const parts = [literalAutolinks(needs)]
    if (needs.footnote) parts.push(gfmFootnote())
    parts.push(gfmStrikethrough())
    if (needs.table) parts.push({flow: {null: [table]}})
    parts.push(gfmTaskListItem())
    extension = combineExtensions(parts)
    syntaxCache.set(key, extension)
  }

  return extension
}
