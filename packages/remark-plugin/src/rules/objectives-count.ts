/**
 * ## What is this?
 *
 * Checks that a checkpoint has a reasonable number of learning objectives:
 * at least `min` and at most `max`. A long list of objectives usually means
 * the checkpoint tries to do too much, or that topics were listed as goals.
 *
 * ## When should I use this?
 *
 * On lessons with an objectives list. A checkpoint without objectives is left
 * to `objectives-present`.
 *
 * ## Options
 *
 * - `min` (`number`, default `1`): fewest objectives.
 * - `max` (`number`, default `7`): most objectives.
 *
 * ## Recommendation
 *
 * One checkpoint, a handful of goals. On in `recommended` and `strict` as a
 * warning.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Objectives
 *
 *   - Write a `for` loop
 *   - Stop a loop with `break`
 *
 * @example
 *   {"label": "input", "name": "too-many.md", "config": {"max": 2}}
 *
 *   ## Objectives
 *
 *   - Write a `for` loop
 *   - Write a `while` loop
 *   - Stop a loop with `break`
 *   - Skip an item with `continue`
 *
 * @example
 *   {"label": "output", "name": "too-many.md"}
 *
 *   5:3-5:27: Unexpected 4 learning objectives, expected at most 2
 *
 * @example
 *   {"label": "input", "name": "too-few.md", "config": {"min": 2}}
 *
 *   ## Objectives
 *
 *   - Write a `for` loop
 *
 * @example
 *   {"label": "output", "name": "too-few.md"}
 *
 *   1:1-1:14: Unexpected 1 learning objective, expected at least 2
 */
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** Options of `objectives-count`. */
export interface Options {
  /** Fewest objectives (default 1). */
  min?: number | undefined
  /** Most objectives (default 7). */
  max?: number | undefined
}

const meta: RuleMetaInput = {
  id: 'objectives-count',
  description: 'Warn when there are fewer than `min` (1) or more than `max` (7) learning objectives',
  tags: ['objectives'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'},
  kinds: ['lesson']
}

/** The default bounds. */
const defaults = {min: 1, max: 7}

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: defaults},
  ({tree, file, options, report}) => {
    const min = count(options?.min, 'min', defaults.min)
    const max = count(options?.max, 'max', defaults.max)
    const {checkpoint} = getModel(tree, file)
    const objectives = checkpoint.objectives
    const total = objectives.length
    if (total === 0) return
    const noun = total === 1 ? 'learning objective' : 'learning objectives'

    if (total > max) {
      const first = objectives[max]
      const message = report(
        `Unexpected ${total} ${noun}, expected at most ${max}`,
        {place: first?.position ?? checkpoint.objectivesPosition ?? undefined}
      )
      message.actual = String(total)
      message.expected = ['at most ' + max]
    } else if (total < min) {
      const message = report(
        `Unexpected ${total} ${noun}, expected at least ${min}`,
        {place: checkpoint.objectivesPosition ?? objectives[0]?.position}
      )
      message.actual = String(total)
      message.expected = ['at least ' + min]
    }
  }
)

export default rule

function count(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(value)}\` for \`${name}\`, expected a whole number of objectives`
    )
  }

  return value
}
