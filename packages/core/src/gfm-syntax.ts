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
 * a head row (no table row before it) when the document's next line has no
 * `-`. Every cell of a delimiter row has one, and a head row has a cell, so
 * the attempt would fail at the next line at the latest. Trying it leaves
 * nothing behind: the events are restored, and `interrupt`, which it sets at
 * the head row's end, it sets to `false` again at the next line's start (on
 * the flow tokenizer, where nothing else sets it, it is never true before).
 * So the tree is the same (`test/gfm-on-demand.test.ts`). A head row is
 * otherwise scanned to its end at the start of every line of every
 * paragraph. Where the document is not known (`documentEvents`), the table
 * is always tried.
 */
const table: Construct = {
  name: upstreamTable.name,
  tokenize(effects, ok, nok) {
    const dashes = dashLines(this.parser)
    if (dashes && dashes[this.now().line + 1] !== 1 && !afterTableRow(this.events)) return nok
    return upstreamTable.tokenize.call(this, effects, ok, nok)
  },
  resolveAll: upstreamTable.resolveAll
}

const dashLinesCache = new WeakMap<ParseContext, Uint8Array>()

/**
 * For each line of the parser's document (from 1), `1` when it holds a `-`;
 * `undefined` for a document not known.
 */
function dashLines(parser: ParseContext): Uint8Array | undefined {
  let lines = dashLinesCache.get(parser)
  if (lines) return lines
  const document = documentOf(parser)
  if (document === undefined) return undefined
  const dashed: number[] = []
  let line = 1
  for (let index = 0; index < document.length; index++) {
    const code = document.charCodeAt(index)
    if (code === 45) dashed.push(line)
    else if (code === 10) line++
    else if (code === 13) {
      if (document.charCodeAt(index + 1) === 10) index++
      line++
    }
  }

  lines = new Uint8Array(line + 2)
  for (const at of dashed) lines[at] = 1
  dashLinesCache.set(parser, lines)
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
