/**
 * ## What is this?
 *
 * Checks the minutes of the course against a budget: a module whose lessons
 * add up to more than `module` minutes is reported on its first lesson, and
 * a course whose lessons add up to more than `course` minutes on the course's
 * first lesson. Minutes are each lesson's `timeMinutes` as its format counts
 * them (`time`, the Carpentries' `teaching` + `exercises`); a lesson without
 * minutes counts 0. The modules and their order are the site's, as
 * `coursemark course` shows them.
 *
 * ## When should I use this?
 *
 * When a course is taught in a fixed time (a two-day workshop, a 40-hour
 * term): a lesson added to a full module shows here before it shows in the
 * room. The rule sums files, so it needs the set of files and their site: it
 * runs under unified-engine (remark-cli) through the file set. A run that
 * lints part of the course sums that part.
 *
 * ## Options
 *
 * An object: `module` (maximum minutes of one module) and `course` (maximum
 * minutes of the whole course), each a positive number; either may be left
 * out. Without options the rule checks nothing.
 *
 * ## Recommendation
 *
 * A budget is a project's own: off in `recommended` and `strict`. Turn it on with the
 * budgets of your course, such as
 * `course-time-budget: [warn, {module: 240, course: 960}]`.
 *
 * @example
 *   {"name": "knots/bowline.md", "config": {"module": 60, "course": 120}, "site": {"ordered": true, "modules": [{"title": "Knots", "path": "knots", "lessons": ["knots/bowline.md", "knots/hitch.md"]}, {"title": "Splices", "path": "splices", "lessons": ["splices/eye.md"]}]}}
 *
 *   ---
 *   title: The bowline
 *   time: 45
 *   ---
 *
 * @example
 *   {"label": "output", "name": "knots/bowline.md"}
 *
 *   1:1: Unexpected module `Knots` of 75 minutes, expected at most 60 minutes (option `module`)
 *   1:1: Unexpected course of 125 minutes, expected at most 120 minutes (option `course`)
 *
 * @example
 *   {"label": "input", "name": "knots/hitch.md", "config": {"module": 60, "course": 120}}
 *
 *   ---
 *   title: The clove hitch
 *   time: 30
 *   ---
 *
 * @example
 *   {"label": "input", "name": "splices/eye.md", "config": {"module": 60, "course": 120}}
 *
 *   ---
 *   title: The eye splice
 *   time: 50
 *   ---
 */
import {courseFacts, orderedKinds} from '../course-facts.js'
import {defineRule, type RuleMetaInput, type SetEntry} from '../rule.js'
import {siteOf} from '../file-site.js'

/** Options of `course-time-budget`. */
export interface Options {
  /** Maximum minutes of one module. */
  module?: number | undefined
  /** Maximum minutes of the whole course. */
  course?: number | undefined
}

/** What a lesson records: its module, its minutes, and whether it carries the module's or the course's message. */
interface Fact {
  module: number
  title: string | null
  minutes: number
  first: boolean
  carrier: boolean
}

const meta: RuleMetaInput = {
  id: 'course-time-budget',
  description: 'Report a module or a course whose lessons take more minutes than its budget (options `module`, `course`)',
  tags: ['course', 'time', 'cross-file'],
  fixable: false,
  presets: {recommended: 'off', strict: 'off'}
}

const rule = defineRule<Options>(
  meta,
  async ({tree, file, options, record}) => {
    budgetsOf(options)
    const place = siteOf(file)
    if (!place) return
    const kind = place.site.files[place.path]?.kind
    if (kind === undefined || !orderedKinds.has(kind)) return
    const facts = courseFacts(place.site)
    const module = facts.moduleOf.get(place.path)
    if (!module) return
    // Loaded when the check runs: the finish phase alone needs no parser.
    const {getModel} = await import('../file-model.js')
    const minutes = getModel(tree, file).checkpoint.timeMinutes ?? 0
    const fact: Fact = {module: module.index, title: module.title ?? null, minutes, first: module.first, carrier: facts.carrier === place.path}
    record({value: JSON.stringify(fact), place: null})
  },
  {
    finish(entries, report) {
      const modules = new Map<number, Array<{entry: SetEntry<Options>; fact: Fact}>>()
      const all: Array<{entry: SetEntry<Options>; fact: Fact}> = []
      for (const entry of entries) {
        const fact = JSON.parse(entry.fact.value) as Fact
        const item = {entry, fact}
        all.push(item)
        const group = modules.get(fact.module)
        if (group) group.push(item)
        else modules.set(fact.module, [item])
      }

      for (const group of modules.values()) {
        // The module's first lesson carries the message; when it is not in the run, the first that is.
        const carrier = group.find((item) => item.fact.first) ?? group[0]
        const budget = carrier && validBudgets(carrier.entry.options)?.module
        if (!carrier || budget === undefined) continue
        const total = group.reduce((sum, item) => sum + item.fact.minutes, 0)
        if (total <= budget) continue
        const name = carrier.fact.title === null ? `${carrier.fact.module + 1}` : `\`${carrier.fact.title}\``
        report(carrier.entry, `Unexpected module ${name} of ${total} minutes, expected at most ${budget} minutes (option \`module\`)`, {actual: String(total)})
      }

      const carrier = all.find((item) => item.fact.carrier) ?? all[0]
      const budget = carrier && validBudgets(carrier.entry.options)?.course
      if (!carrier || budget === undefined) return
      const total = all.reduce((sum, item) => sum + item.fact.minutes, 0)
      if (total > budget) report(carrier.entry, `Unexpected course of ${total} minutes, expected at most ${budget} minutes (option \`course\`)`, {actual: String(total)})
    }
  }
)

export default rule

/** The budgets of the options; throws (a message of the rule) for a bad one. */
function budgetsOf(options: unknown): Options {
  if (options === undefined || options === null) return {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`Unexpected options \`${JSON.stringify(options)}\`, expected an object with \`module\` and \`course\` minutes`)
  }

  const result: Options = {}
  for (const [key, value] of Object.entries(options)) {
    if (key !== 'module' && key !== 'course') throw new TypeError(`Unexpected option \`${key}\`, expected \`module\` or \`course\``)
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new TypeError(`Unexpected \`${key}\` value \`${JSON.stringify(value)}\`, expected minutes as a positive number`)
    }

    result[key] = value
  }

  return result
}

/** The budgets, or `undefined` for bad options (the file's check said so). */
function validBudgets(options: unknown): Options | undefined {
  try {
    return budgetsOf(options)
  } catch {
    return undefined
  }
}
