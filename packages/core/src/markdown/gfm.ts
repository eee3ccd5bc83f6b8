/**
 * GitHub-flavoured markdown, with only the constructs a document can use.
 *
 * remark-gfm registers every GFM construct for every document. Three of them
 * are costly because micromark tries them where they almost never match: the
 * email autolink literal at the start of every word, the table at the start
 * of every line of a paragraph, the footnote at every `[`. Together they
 * are much of the parse of a typical lesson. A construct that needs a
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
import type {Processor} from 'unified'
import {addsNoText, createCompiler, parseWith, type Compiler} from './compile.js'
import {gfmFromMarkdown, gfmToMarkdownOnDemand} from './gfm-mdast.js'
import {gfmNeeds, gfmSyntax} from './gfm-syntax.js'

export {gfmNeeds, gfmSyntax} from './gfm-syntax.js'
export type {GfmNeeds} from './gfm-syntax.js'

/**
 * unified plugin: GFM as remark-gfm reads it, each document parsed with only
 * the constructs it can use. It takes over the parser of `remark-parse`
 * (which it must follow): micromark and `mdast-util-from-markdown`'s handles
 * (`compile.ts`) with the processor's extensions, GFM's in the place
 * remark-gfm would put them. remark-parse's own options are not read (no
 * coursemark pipeline sets any).
 */
export function remarkGfmOnDemand(this: Processor): undefined {
  const self = this
  const data = self.data()
  const micromarkAt = (data.micromarkExtensions ??= []).length
  const mdastAt = (data.fromMarkdownExtensions ??= []).length
  // As remark-gfm: GFM out again for remark-stringify, when a pipeline has it.
  const out = data as {toMarkdownExtensions?: unknown[]}
  ;(out.toMarkdownExtensions ??= []).push(gfmToMarkdownOnDemand)
  // The handles are the same for every document: made on the first parse,
  // when every plugin of the (frozen) processor has added its extensions.
  let compiler: Compiler | undefined
  self.parser = (document: string): Root => {
    const micromark = [...(self.data('micromarkExtensions') ?? [])]
    micromark.splice(micromarkAt, 0, gfmSyntax(gfmNeeds(document)))
    if (!compiler) {
      const mdast = [...(self.data('fromMarkdownExtensions') ?? [])]
      mdast.splice(mdastAt, 0, gfmFromMarkdown)
      compiler = createCompiler(mdast)
    }

    return parseWith(document, micromark, compiler, plainText(micromark, micromarkAt))
  }

  return undefined
}

/**
 * Whether plain text may be left unsplit (`parseWith`): every micromark
 * extension but GFM's (at `gfmAt`) leaves text alone.
 */
function plainText(extensions: ReadonlyArray<Parameters<typeof addsNoText>[0]>, gfmAt: number): boolean {
  return extensions.every((extension, index) => index === gfmAt || addsNoText(extension))
}
