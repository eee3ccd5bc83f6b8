/**
 * ## What is this?
 *
 * Checks that an assignment section says what to do: a list of steps or at
 * least one paragraph. An assignment section that holds only an embed (an
 * `<iframe>` exercise, a notebook) counts as having steps.
 *
 * ## When should I use this?
 *
 * On checkpoints with an assignment section.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * An empty assignment heading is a leftover from a template. On in
 * `recommended` (warning) and `strict` (error).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Assignment
 *
 *   1. Write a loop that prints 1 to 10.
 *   2. Change it to count down.
 *
 * @example
 *   {"name": "embed.md"}
 *
 *   ## Assignment
 *
 *   <iframe src="https://example.com/exercise"></iframe>
 *
 * @example
 *   {"label": "input", "name": "empty.md"}
 *
 *   ## Assignment
 *
 *   ## Resources
 *
 *   - [Loops](https://example.com/loops)
 *
 * @example
 *   {"label": "output", "name": "empty.md"}
 *
 *   1:1-1:14: Unexpected assignment section without steps, expected a list of steps or a paragraph saying what to do
 */
import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {getModel} from '../model.js'
import {ruleUrl} from '../util.js'

const id = 'assignment-has-steps'

const rule = lintRule<Root>({origin: 'coursemark:' + id, url: ruleUrl(id)}, (tree, file) => {
  const {checkpoint} = getModel(tree, file)
  const assignment = checkpoint.assignment
  if (!assignment || assignment.steps.length > 0) return
  if (checkpoint.embeds.some((embed) => embed.section === assignment.slug)) return
  file.message(
    'Unexpected assignment section without steps, expected a list of steps or a paragraph saying what to do',
    {place: assignment.position}
  )
})

export default rule
