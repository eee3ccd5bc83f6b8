/**
 * GitHub-flavoured markdown, with only the constructs a document can use.
 *
 * remark-gfm registers every GFM construct for every document. Three of them
 * are costly because micromark tries them where they almost never match: the
 * email autolink literal at the start of every word, the table at the start
 * of every line of a paragraph, the footnote at every `[`. Together they
 * about double the parse of a typical lesson. A construct that needs a
 * character the document does not contain can never match, and a construct
 * that does not match leaves no trace in the tree, so this parser leaves it
 * out for that document: the tree is the same as remark-gfm's, node for node
 * (`test/gfm-on-demand.test.ts` checks it on every fixture and on generated
 * markdown). What each construct needs:
 *
 * - email literal (`a@b.co`, `mailto:`, `xmpp:`): an `@`;
 * - `www.` literal: `www.` not right after a letter, digit, `/` or `.`
 *   (micromark's `previousWww` refuses those, and none of them can end a
 *   construct, so the character before is the tokenizer's `previous`);
 * - `http(s)://` literal: `http://` or `https://` in any case;
 * - table: a `|`, `:-` or `-:` (a delimiter row has a pipe or a colon);
 * - footnote: `[^`.
 *
 * Strikethrough and task list items are kept always: micromark tries them
 * only at `~` and `[`, which costs nothing worth a scan. The nodes are made
 * by `gfm-mdast.ts`.
 */
import type {Root} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import {combineExtensions} from 'micromark-util-combine-extensions'
import type {Construct, ConstructRecord, Extension} from 'micromark-util-types'
import type {Processor} from 'unified'
import {gfmFromMarkdown, gfmToMarkdownOnDemand} from './gfm-mdast.js'

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

/**
 * unified plugin: GFM as remark-gfm reads it, each document parsed with only
 * the constructs it can use. It takes over the parser of `remark-parse`
 * (which it must follow): the same call of `mdast-util-from-markdown` with
 * the processor's extensions, GFM's in the place remark-gfm would put them.
 * remark-parse's own options are not read (no coursemark pipeline sets any).
 */
export function remarkGfmOnDemand(this: Processor): undefined {
  const self = this
  const data = self.data()
  const micromarkAt = (data.micromarkExtensions ??= []).length
  const mdastAt = (data.fromMarkdownExtensions ??= []).length
  // As remark-gfm: GFM out again for remark-stringify, when a pipeline has it.
  const out = data as {toMarkdownExtensions?: unknown[]}
  ;(out.toMarkdownExtensions ??= []).push(gfmToMarkdownOnDemand)
  self.parser = (document: string): Root => {
    const micromark = [...(self.data('micromarkExtensions') ?? [])]
    micromark.splice(micromarkAt, 0, gfmSyntax(gfmNeeds(document)))
    const mdast = [...(self.data('fromMarkdownExtensions') ?? [])]
    mdast.splice(mdastAt, 0, gfmFromMarkdown)
    return fromMarkdown(document, {...self.data('settings'), extensions: micromark, mdastExtensions: mdast})
  }

  return undefined
}
