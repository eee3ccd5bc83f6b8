/**
 * ## What is this?
 *
 * Checks that each learning objective starts with a measurable verb: something
 * a reviewer could watch the learner do ("explain", "write", "compare"), not a
 * state of mind ("understand", "know", "learn", "be familiar with",
 * "appreciate"). A flagged verb is reported with measurable verbs from Bloom's
 * taxonomy that could replace it.
 *
 * Lead-ins are skipped before the verb is read: "By the end of this
 * checkpoint,", "you will", "students should", "be able to". So "Be able to
 * define networking" is fine (the verb is "define") and "You will understand
 * loops" is not.
 *
 * ## When should I use this?
 *
 * On lessons whose objectives should be assessable. Objectives that do not
 * start with a verb at all are left alone.
 *
 * ## Options
 *
 * - `unmeasurable` (`string[]`): verbs and phrases to flag, replacing the
 *   default list (`understand`, `know`, `learn`, `be familiar with`,
 *   `appreciate`, `be aware of`, `gain an understanding of`, …).
 * - `suggestions` (`Record<string, string[]>`): measurable verbs to suggest
 *   for a flagged verb, merged over the defaults (Bloom's levels: `understand`
 *   gets `explain`, `describe`, `summarise`; `know` gets `define`, `list`,
 *   `identify`; `learn` gets `use`, `apply`, `demonstrate`). A flagged verb
 *   with no suggestions gets `explain`, `apply` or `create`.
 *
 * ## Recommendation
 *
 * Measurable objectives are what make a lesson assessable. On in
 * `recommended` and `strict` as a warning.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Objectives
 *
 *   By the end of this checkpoint, you will:
 *
 *   - Be able to define a loop
 *   - Write a `for` loop over a list
 *
 * @example
 *   {"label": "input", "name": "vague.md"}
 *
 *   ## Objectives
 *
 *   - Understand loops
 *   - You will **know** how to stop a loop
 *   - Be familiar with `while`
 *
 * @example
 *   {"label": "output", "name": "vague.md"}
 *
 *   3:3-3:13: Unexpected objective verb `understand`, expected a measurable verb such as `explain`, `describe` or `summarise`
 *   4:14-4:18: Unexpected objective verb `know`, expected a measurable verb such as `define`, `list` or `identify`
 *   5:3-5:19: Unexpected objective verb `be familiar with`, expected a measurable verb such as `identify`, `describe` or `recognise`
 *
 * @example
 *   {"label": "input", "name": "inline.md"}
 *
 *   **Objective:** By the end of this lesson, you will be able to understand recursion.
 *
 * @example
 *   {"label": "output", "name": "inline.md"}
 *
 *   1:63-1:73: Unexpected objective verb `understand`, expected a measurable verb such as `explain`, `describe` or `summarise`
 *
 * @example
 *   {"label": "input", "name": "options.md", "config": {"unmeasurable": ["explore"], "suggestions": {"explore": ["compare"]}}}
 *
 *   ## Objectives
 *
 *   - Explore sorting algorithms
 *   - Understand recursion
 *
 * @example
 *   {"label": "output", "name": "options.md"}
 *
 *   3:3-3:10: Unexpected objective verb `explore`, expected a measurable verb such as `compare`
 */
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {positionAt, sourceOf} from '../position.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** Options of `objective-measurable-verb`. */
export interface Options {
  /** Verbs and phrases to flag (replaces the defaults). */
  unmeasurable?: string[] | undefined
  /** Measurable verbs to suggest per flagged verb (merged over the defaults). */
  suggestions?: Record<string, string[]> | undefined
}

const meta: RuleMetaInput = {
  id: 'objective-measurable-verb',
  description: 'Warn on objectives that start with an unmeasurable verb (`understand`, `know`, `learn`); suggest verbs from Bloom\'s taxonomy',
  tags: ['objectives', 'pedagogy'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'},
  kinds: ['lesson']
}

const understand = ['explain', 'describe', 'summarise']
const remember = ['define', 'list', 'identify']
const apply = ['use', 'apply', 'demonstrate']
const recognise = ['identify', 'describe', 'recognise']
const evaluate = ['explain', 'justify', 'evaluate']

/** Unmeasurable verbs and the measurable verbs (Bloom's taxonomy) to suggest instead. */
const defaultSuggestions: Record<string, string[]> = {
  understand,
  comprehend: understand,
  grasp: understand,
  realise: understand,
  realize: understand,
  'gain an understanding of': understand,
  'develop an understanding of': understand,
  'have an understanding of': understand,
  'gain a better understanding of': understand,
  know: remember,
  'get to know': remember,
  'gain knowledge of': remember,
  learn: apply,
  'be familiar with': recognise,
  'become familiar with': recognise,
  'get familiar with': recognise,
  'be aware of': recognise,
  'become aware of': recognise,
  'be exposed to': recognise,
  'be introduced to': recognise,
  appreciate: evaluate,
  believe: evaluate,
  internalise: evaluate,
  internalize: evaluate
}

const fallback = ['explain', 'apply', 'create']

const leadIns: RegExp[] = [
  /^(?:by|at|after|upon|on)\s+(?:the\s+end\s+of\s+|completing\s+|finishing\s+|completion\s+of\s+)?(?:this|the|each)\s+(?:checkpoint|lesson|module|unit|section|course|session|tutorial|chapter|workshop|week|day|class|episode|exercise)\s*,?/i,
  /^in\s+this\s+(?:checkpoint|lesson|module|unit|section|tutorial|chapter|episode)\s*,?/i,
  /^(?:you|students?|learners?|participants?|the\s+(?:student|learner|participant)s?)(?:'ll|\s+will|\s+should|\s+shall|\s+can|\s+must|\s+are\s+going\s+to)(?:\s+(?:now|also|then))?(?![\p{L}\p{N}])/iu,
  /^(?:be\s+able\s+to|have\s+the\s+ability\s+to)(?![\p{L}\p{N}])/iu
]

const markup = /^[\s*_"'[(:,-]+/

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: {unmeasurable: Object.keys(defaultSuggestions)}},
  ({tree, file, options, report}) => {
    const {checkpoint} = getModel(tree, file)
    if (checkpoint.objectives.length === 0) return
    const {suggestions, phrases, pattern} = compiled(options)
    const value = sourceOf(file)

    for (const objective of checkpoint.objectives) {
      const start = objective.position.start.offset
      const text = value.slice(start, objective.position.end.offset)
      let index = skip(text, 0)
      let stripped = true
      while (stripped) {
        stripped = false
        for (const leadIn of leadIns) {
          const match = leadIn.exec(text.slice(index))
          if (match) {
            index = skip(text, index + match[0].length)
            stripped = true
          }
        }
      }

      const match = pattern?.exec(text.slice(index))
      // The one group that took part names the phrase (groups follow `phrases`).
      const phrase = match ? phrases[match.findIndex((group, at) => at > 0 && group !== undefined) - 1] : undefined
      if (!match || phrase === undefined) continue
      const expected = suggestions[phrase] ?? fallback
      const message = report(
        `Unexpected objective verb \`${phrase}\`, expected a measurable verb such as ${list(expected)}`,
        {place: positionAt(file, start + index, start + index + match[0].length)}
      )
      message.actual = phrase
      message.expected = expected
    }
  }
)

export default rule

const compiledByOptions = new WeakMap<object, Compiled>()
let compiledDefault: Compiled | undefined

interface Compiled {
  suggestions: Record<string, string[]>
  /** The phrases, longest first: the order the pattern tries them in. */
  phrases: string[]
  /**
   * One pattern for all phrases, each in its own group: one compile of the
   * case-insensitive Unicode classes instead of one per phrase (`undefined`
   * when there is no phrase).
   */
  pattern: RegExp | undefined
}

/** Options read and their patterns compiled once per options object, not per file. */
function compiled(options: Options | undefined): Compiled {
  const cached = options ? compiledByOptions.get(options) : compiledDefault
  if (cached) return cached
  const {unmeasurable, suggestions} = readOptions(options)
  const words = unmeasurable
    .map((phrase) => phrase.trim().toLowerCase().split(/\s+/))
    .filter((words) => words.length > 0 && words[0] !== '')
    .sort((a, b) => b.length - a.length)
  const phrases = words.map((phrase) => phrase.join(' '))
  const alternatives = words.map((phrase) => '(' + phrase.map((word) => escape(word)).join('\\s+') + ')')
  const pattern = alternatives.length === 0 ? undefined : new RegExp('^(?:' + alternatives.join('|') + ')(?![\\p{L}\\p{N}])', 'iu')
  const result = {suggestions, phrases, pattern}
  if (options) compiledByOptions.set(options, result)
  else compiledDefault = result
  return result
}

function readOptions(options: Options | undefined): {
  unmeasurable: string[]
  suggestions: Record<string, string[]>
} {
  const unmeasurable = options?.unmeasurable ?? Object.keys(defaultSuggestions)
  if (!Array.isArray(unmeasurable) || !unmeasurable.every((item) => typeof item === 'string')) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(unmeasurable)}\` for \`unmeasurable\`, expected a list of strings`
    )
  }

  const suggestions: Record<string, string[]> = {...defaultSuggestions}
  const extra = options?.suggestions ?? {}
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(extra)}\` for \`suggestions\`, expected an object of verb lists`
    )
  }

  for (const [verb, verbs] of Object.entries(extra)) {
    if (!Array.isArray(verbs) || !verbs.every((item) => typeof item === 'string')) {
      throw new Error(
        `Unexpected value \`${JSON.stringify(verbs)}\` for \`suggestions.${verb}\`, expected a list of strings`
      )
    }

    suggestions[verb.trim().toLowerCase().split(/\s+/).join(' ')] = verbs
  }

  return {unmeasurable, suggestions}
}

function skip(text: string, index: number): number {
  const match = markup.exec(text.slice(index))
  return match ? index + match[0].length : index
}

function list(verbs: string[]): string {
  const quoted = verbs.map((verb) => '`' + verb + '`')
  if (quoted.length <= 1) return quoted.join('')
  return quoted.slice(0, -1).join(', ') + ' or ' + quoted.at(-1)
}

function escape(value: string): string {
  return value.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&')
}
