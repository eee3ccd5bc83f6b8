/**
 * The mdast half of GFM: how micromark's GFM tokens become nodes.
 *
 * Footnotes, strikethrough and literal autolinks come from their mdast
 * packages. Tables and task list items are built here, with the code of
 * `mdast-util-gfm-table` and `mdast-util-gfm-task-list-item` (MIT, Titus
 * Wormer): those packages import `mdast-util-to-markdown` for their
 * serialisers, fifty modules that every lint thread would load to parse.
 * `test/gfm-on-demand.test.ts` compares the trees with remark-gfm's.
 *
 * Serialising (remark-stringify) still gets all of GFM: on Node.js, the
 * to-markdown extension is loaded the first time a pipeline serialises.
 */
import type {Paragraph, Root} from 'mdast'
import type {CompileContext, Extension as MdastExtension, Token} from 'mdast-util-from-markdown'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** Whether we are in a table (code in a cell unescapes `\|`). */
    inTable?: boolean | undefined
  }
}

/** Tokens of micromark's table carry their alignment. */
interface TableToken extends Token {
  _align?: Array<'center' | 'left' | 'none' | 'right'> | undefined
}

function enterTable(this: CompileContext, token: TableToken): undefined {
  const align = token._align ?? []
  this.enter({type: 'table', align: align.map((value) => (value === 'none' ? null : value)), children: []}, token)
  this.data.inTable = true
  return undefined
}

function exitTable(this: CompileContext, token: Token): undefined {
  this.exit(token)
  this.data.inTable = undefined
  return undefined
}

function enterRow(this: CompileContext, token: Token): undefined {
  this.enter({type: 'tableRow', children: []}, token)
  return undefined
}

function enterCell(this: CompileContext, token: Token): undefined {
  this.enter({type: 'tableCell', children: []}, token)
  return undefined
}

function exit(this: CompileContext, token: Token): undefined {
  this.exit(token)
  return undefined
}

/** Code in a table cell: `\|` is a pipe (backslashes before other characters stay). */
function exitCodeText(this: CompileContext, token: Token): undefined {
  let value = this.resume()
  if (this.data.inTable) value = value.replace(/\\([\\|])/g, (whole: string, character: string) => (character === '|' ? character : whole))
  const node = this.stack[this.stack.length - 1]
  if (node?.type === 'inlineCode') node.value = value
  this.exit(token)
  return undefined
}

const table: MdastExtension = {
  enter: {table: enterTable, tableData: enterCell, tableHeader: enterCell, tableRow: enterRow},
  exit: {codeText: exitCodeText, table: exitTable, tableData: exit, tableHeader: exit, tableRow: exit}
}

/** `[x]` / `[ ]`: the list item of the paragraph is checked or not. */
function exitCheck(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 2]
  if (node?.type === 'listItem') node.checked = token.type === 'taskListCheckValueChecked'
  return undefined
}

/** The first paragraph of a task item loses the space after its check. */
function exitParagraphWithTaskListItem(this: CompileContext, token: Token): undefined {
  const parent = this.stack[this.stack.length - 2]
  const node = this.stack[this.stack.length - 1] as Paragraph
  const head = node.children[0]
  if (parent?.type === 'listItem' && typeof parent.checked === 'boolean' && head?.type === 'text') {
    const firstParagraph = parent.children.find((sibling) => sibling.type === 'paragraph')
    if (firstParagraph === node) {
      head.value = head.value.slice(1)
      if (head.value.length === 0) {
        node.children.shift()
      } else if (node.position && head.position && typeof head.position.start.offset === 'number') {
        head.position.start.column++
        head.position.start.offset++
        node.position.start = {...head.position.start}
      }
    }
  }

  this.exit(token)
  return undefined
}

const taskListItem: MdastExtension = {
  exit: {
    taskListCheckValueChecked: exitCheck,
    taskListCheckValueUnchecked: exitCheck,
    paragraph: exitParagraphWithTaskListItem
  }
}

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
  table,
  taskListItem
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
