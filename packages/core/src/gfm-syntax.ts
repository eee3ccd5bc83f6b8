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
import type {Construct, ConstructRecord, Extension} from 'micromark-util-types'

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

const syntaxCache = new Map<string, Extension>()

/** One micromark extension with the GFM constructs of `needs`, in remark-gfm's order. */
export function gfmSyntax(needs: GfmNeeds): Extension {
  const key = `${+needs.email}${+needs.www}${+needs.protocol}${+needs.table}${+needs.footnote}`
  let extension = syntaxCache.get(key)
  if (!extension) {
    const parts = [literalAutolinks(needs)]
    if (needs.footnote) parts.push(gfmFootnote())
    parts.push(gfmStrikethrough())
    if (needs.table) parts.push(gfmTable())
    parts.push(gfmTaskListItem())
    extension = combineExtensions(parts)
    syntaxCache.set(key, extension)
  }

  return extension
}
