/**
 * ## What is this?
 *
 * Checks that `timeHours`, when a checkpoint has it, agrees with `time`
 * (within the rounding of the number written: `timeHours: 1.7` for
 * `time: 100`, `timeHours: 2` for `time: 110`). Catalogues that read one
 * field or the other otherwise show different durations.
 *
 * The check runs once, in `@coursemark/core`'s frontmatter validation; this
 * rule reports it (and `frontmatter-schema` leaves it out), so the finding
 * has its own rule id that can be turned off or down alone. With frontmatter
 * validation off (the `validate: false` setting) it reports nothing.
 *
 * ## When should I use this?
 *
 * On curricula that keep both fields.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * On in `recommended` and `strict` as an error: one of the two is wrong.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ---
 *   title: Loops
 *   time: 2 hours
 *   timeHours: 2
 *   ---
 *
 * @example
 *   {"label": "input", "name": "disagree.md"}
 *
 *   ---
 *   title: Loops
 *   time: 60
 *   timeHours: 2
 *   ---
 *
 * @example
 *   {"label": "output", "name": "disagree.md"}
 *
 *   4:12-4:13: Unexpected `timeHours` value `2`, expected `1` to agree with `time` (`60`)
 */
import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {getModel} from '../model.js'
import {isTimeHoursDisagreement, reportModelMessage} from '../model-messages.js'
import {ruleUrl} from '../util.js'

const id = 'time-hours-consistent'

const rule = lintRule<Root>({origin: 'coursemark:' + id, url: ruleUrl(id)}, (tree, file) => {
  const {messages, frontmatter} = getModel(tree, file)
  for (const message of messages) {
    if (isTimeHoursDisagreement(message, frontmatter)) reportModelMessage(file, message)
  }
})

export default rule
