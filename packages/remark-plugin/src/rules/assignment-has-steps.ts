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
import {getModel} from '../file-model.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'assignment-has-steps',
  description: 'Warn on an assignment section with no steps or paragraphs',
  tags: ['assignment', 'structure'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'error'},
  kinds: ['lesson', 'project']
}

const rule = defineRule(meta, ({tree, file, report}) => {
  const {checkpoint} = getModel(tree, file)
  const assignment = checkpoint.assignment
  if (!assignment || assignment.steps.length > 0) return
  if (checkpoint.embeds.some((embed) => embed.section === assignment.slug)) return
  report(
    'Unexpected assignment section without steps, expected a list of steps or a paragraph saying what to do',
    {place: assignment.position}
  )
})

export default rule
