/**
 * Vendored from `mdast-util-gfm-task-list-item` 2.0.1 (`lib/index.js`,
 * `gfmTaskListItemFromMarkdown` and its handles), MIT licence, (c) Titus
 * Wormer <https://github.com/syntax-tree/mdast-util-gfm-task-list-item>.
 *
 * The package imports `mdast-util-to-markdown` for its serialiser, fifty
 * modules that every lint thread would load to parse; the from-markdown half
 * alone is copied here. Changes from upstream, marked `Changed:` below:
 * TypeScript, checks instead of assertions, one condition and `find` for the
 * nested tests and loop. `test/gfm-on-demand.test.ts` compares the trees
 * with remark-gfm's.
 */
import type {Paragraph} from 'mdast'
import type {CompileContext, Extension as MdastExtension, Token} from 'mdast-util-from-markdown'

/** `[x]` / `[ ]`: the list item of the paragraph is checked or not. */
function exitCheck(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 2]
  // Changed: a check for upstream's assertion.
  if (node?.type === 'listItem') node.checked = token.type === 'taskListCheckValueChecked'
  return undefined
}

/** The first paragraph of a task item loses the space after its check. */
function exitParagraphWithTaskListItem(this: CompileContext, token: Token): undefined {
  const parent = this.stack[this.stack.length - 2]
  const node = this.stack[this.stack.length - 1] as Paragraph
  const head = node.children[0]
  // Changed: one condition and `find` for upstream's nested tests and loop.
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

/** Set `checked` on the list item of a GFM task (`[x]`, `[ ]`), and drop the space after the check. */
export const gfmTaskListItemFromMarkdown: MdastExtension = {
  exit: {
    taskListCheckValueChecked: exitCheck,
    taskListCheckValueUnchecked: exitCheck,
    paragraph: exitParagraphWithTaskListItem
  }
}
