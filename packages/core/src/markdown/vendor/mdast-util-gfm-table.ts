/**
 * Vendored from `mdast-util-gfm-table` 2.0.1 (`lib/index.js`,
 * `gfmTableFromMarkdown` and its handles), MIT licence, (c) Titus Wormer
 * <https://github.com/syntax-tree/mdast-util-gfm-table>.
 *
 * The package imports `mdast-util-to-markdown` for its serialiser, fifty
 * modules that every lint thread would load to parse; the from-markdown half
 * alone is copied here (`../gfm-mdast.ts` loads the serialiser when a
 * pipeline first serialises). Changes from upstream, marked `Changed:`
 * below: TypeScript, checks instead of assertions, no `position: undefined`
 * placeholders. `test/gfm-on-demand.test.ts` compares the trees with
 * remark-gfm's.
 */
import type {CompileContext, Extension as MdastExtension, Token} from 'mdast-util-from-markdown'

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
  // Changed: no assertion that `_align` is there, and no trailing `position: undefined` (here and below).
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
  // Changed: a check for upstream's assertion.
  if (node?.type === 'inlineCode') node.value = value
  this.exit(token)
  return undefined
}

/** Turn the tokens of micromark's GFM table into mdast's `table`, `tableRow` and `tableCell`. */
export const gfmTableFromMarkdown: MdastExtension = {
  enter: {table: enterTable, tableData: enterCell, tableHeader: enterCell, tableRow: enterRow},
  exit: {codeText: exitCodeText, table: exitTable, tableData: exit, tableHeader: exit, tableRow: exit}
}
