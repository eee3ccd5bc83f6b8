/**
 * The mdast half of GFM: how micromark's GFM tokens become nodes.
 *
 * Footnotes, strikethrough and literal autolinks come from their mdast
 * packages. Tables and task list items are built with the from-markdown half
 * of `mdast-util-gfm-table` and `mdast-util-gfm-task-list-item`, copied
 * under `vendor/`: those packages import `mdast-util-to-markdown` for their
 * serialisers, fifty modules that every lint thread would load to parse.
 * `test/gfm-on-demand.test.ts` compares the trees with remark-gfm's.
 *
 * Serialising (remark-stringify) still gets all of GFM: on Node.js, the
 * to-markdown extension is loaded the first time a pipeline serialises.
 */
import type {Root} from 'mdast'
import type {Extension as MdastExtension} from 'mdast-util-from-markdown'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from './vendor/mdast-util-gfm-table.js'
import {gfmTaskListItemFromMarkdown} from './vendor/mdast-util-gfm-task-list-item.js'

const literal = gfmAutolinkLiteralFromMarkdown()
const literalTransforms = literal.transforms ?? []
const literalCandidate = /@|https?:\/\/|www\./i

/** Whether a text node outside links (where remark-gfm's literal pass looks) could hold a literal. */
function mayHoldLiteral(node: Root | Root['children'][number]): boolean {
  if (node.type === 'text') return literalCandidate.test(node.value)
  if (node.type === 'link' || node.type === 'linkReference' || !('children' in node)) return false
  for (const child of node.children) if (mayHoldLiteral(child)) return true
  return false
}

/**
 * GFM's from-markdown extensions, in mdast-util-gfm's order, with the
 * literal autolink pass (four walks of the tree) run only where it can find
 * something.
 */
export const gfmFromMarkdown: MdastExtension[] = [
  {
    ...literal,
    transforms: [
      (tree: Root) => {
        if (!mayHoldLiteral(tree)) return undefined
        for (const transform of literalTransforms) transform(tree)
        return undefined
      }
    ]
  },
  gfmFootnoteFromMarkdown(),
  gfmStrikethroughFromMarkdown(),
  gfmTableFromMarkdown,
  gfmTaskListItemFromMarkdown
]

type ToMarkdownExtension = ReturnType<typeof import('mdast-util-gfm').gfmToMarkdown>
let toMarkdown: ToMarkdownExtension | undefined

/**
 * GFM's to-markdown extension, loaded when a pipeline first serialises
 * (mdast-util-to-markdown reads an extension's `extensions` when it starts),
 * with Node.js's `require` (which loads ES modules since 20.19). The main
 * entry of core imports no `node:` module, so it asks `process` for it; where
 * there is no Node.js (a browser), a pipeline that serialises GFM adds
 * remark-gfm, and this says so.
 */
export const gfmToMarkdownOnDemand = {
  get extensions(): ToMarkdownExtension[] {
    toMarkdown ??= loadGfmToMarkdown()
    return [toMarkdown]
  }
}

function loadGfmToMarkdown(): ToMarkdownExtension {
  const node = globalThis.process?.getBuiltinModule?.('node:module')
  if (!node) {
    throw new Error('Unexpected serialisation of GFM without Node.js, expected `remark-gfm` in the pipeline to serialise GFM')
  }

  return (node.createRequire(import.meta.url)('mdast-util-gfm') as typeof import('mdast-util-gfm')).gfmToMarkdown()
}
