/**
 * ## What is this?
 *
 * Warns when a heading skips a rank: an `###` right under a `#`. Headings in
 * HTML (`<h3>`) count too. The message names the rank expected, and its
 * cause points at the heading above.
 *
 * Same id, behaviour and `<!--lint disable heading-increment-->` control as
 * remark-lint's `heading-increment`, on coursemark's shared node index (no
 * walk of its own). Its message says "expected" where remark-lint's says
 * "exected".
 *
 * ## When should I use this?
 *
 * Always: screen readers and the table of contents read the heading ranks.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * On in `recommended` and `strict` as a warning.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   # Loops
 *
 *   ## While
 *
 *   ### Break
 *
 *   ## For
 *
 * @example
 *   {"label": "input", "name": "skip.md"}
 *
 *   # Loops
 *
 *   ### While
 *
 *   <h5>Break</h5>
 *
 * @example
 *   {"label": "output", "name": "skip.md"}
 *
 *   3:1-3:10: Unexpected heading rank `3`, expected rank `2`
 *   5:1-5:15: Unexpected heading rank `5`, expected rank `4`
 */
import type {Heading, Nodes} from 'mdast'
import {VFileMessage} from 'vfile-message'
import {nodesOfTypes} from '../node-index.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'heading-increment',
  description: 'Warn when headings skip a rank (`###` under `#`; HTML `<h3>` too)',
  tags: ['headings'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'}
}

const htmlRank = /<h([1-6])/

export default defineRule(meta, ({id, tree, report}) => {
  const stack: Array<{rank: number; node: Nodes} | undefined> = []

  for (const node of nodesOfTypes(tree, ['heading', 'html'])) {
    const rank = rankOf(node)
    if (rank === undefined) continue
    let parent: {rank: number; node: Nodes} | undefined
    for (let index = rank - 1; index >= 0 && !parent; index--) parent = stack[index]

    if (parent && node.position && rank > parent.rank + 1) {
      report(`Unexpected heading rank \`${rank}\`, expected rank \`${parent.rank + 1}\``, {
        place: node.position,
        cause: new VFileMessage('Parent heading defined here', {
          place: parent.node.position,
          source: 'coursemark',
          ruleId: id
        })
      })
    }

    stack[rank] = {rank, node}
    stack.length = rank + 1
  }
})

function rankOf(node: Nodes): Heading['depth'] | undefined {
  if (node.type === 'heading') return node.depth
  if (node.type !== 'html') return undefined
  const found = htmlRank.exec(node.value)
  return found ? (Number(found[1]) as Heading['depth']) : undefined
}
