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
import {reportModelMessages} from '../model-messages.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'time-hours-consistent',
  description: 'Report a `timeHours` that disagrees with `time`',
  tags: ['frontmatter', 'time'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'},
  kinds: ['lesson', 'break', 'project']
}

export default defineRule(meta, reportModelMessages)
