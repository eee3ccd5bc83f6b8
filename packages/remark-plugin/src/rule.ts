/**
 * One rule, one definition: `defineRule(meta, check)` keeps a rule's id,
 * description, tags, fixable flag, presets and default options next to its
 * code. The registry, the presets, the docs, the config schema and
 * `coursemark rules` are all read from these definitions.
 *
 * A rule reports each finding once, as its final message: rule id, source
 * `coursemark`, docs URL, severity, place and fix are set when the message is
 * made, and nothing relabels it on the way to the reporter.
 */
import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {setFix, type FixEdit} from './fix.js'
import {defineRuleMeta, type RuleMeta, type RuleMetaInput, type RuleSeverity} from './rule-meta.js'

export {defineRuleMeta, ruleSetting, type PresetName, type RuleConfig, type RuleMeta, type RuleMetaInput, type RuleSeverity} from './rule-meta.js'

/** A rule: its metadata and the unified plugin that runs it. */
export interface Rule extends RuleMeta {
  /** The unified plugin; its config is `[severity, options?]` (a bare value is options, at `warn`). */
  plugin: Plugin<[unknown?], Root>
}

/** Where and how to report a finding. */
export interface ReportOptions {
  /** The smallest span that is wrong. */
  place?: Position | Point | null | undefined
  /** A second place, such as the first definition of a duplicate. */
  cause?: VFileMessage | Error | undefined
  /** What was found, as written. */
  actual?: string | undefined
  /** What would be right. */
  expected?: string[] | undefined
  /** Edits that fix it (fixable rules only). */
  fix?: FixEdit[] | undefined
}

/** Report a finding of the running rule; returns the message, already final. */
export type Report = (reason: string, options?: ReportOptions) => VFileMessage

/** What a rule's check receives. */
export interface RuleContext<Options, State> {
  /** The rule's id. */
  id: string
  tree: Root
  file: VFile
  /** The configured options, or the rule's default options. */
  options: Options | undefined
  /** State made once per processor by the rule's `setup` (caches). */
  state: State
  report: Report
  /** Report a diagnostic the model made for this rule (its rule id), keeping its own severity, capped by the rule's. */
  adopt: (message: VFileMessage) => void
}

/** The check of a rule. */
export type Check<Options, State> = (context: RuleContext<Options, State>) => void | Promise<void>

/**
 * Define a rule: its metadata and its check.
 *
 * @param setup
 *   Makes per-processor state (a cache of what was read from disk), once for
 *   every processor the rule is attached to.
 */
export function defineRule<Options = undefined, State = undefined>(
  meta: RuleMetaInput,
  check: Check<Options, State>,
  setup?: () => State
): Rule {
  const full = defineRuleMeta(meta)
  const plugin: Plugin<[unknown?], Root> = function (config) {
    const {severity, options} = coerce(full, config)
    if (severity === 'off') return undefined
    const state = (setup ? setup() : undefined) as State
    const fatal = severity === 'error'
    return function (tree: Root, file: VFile): Promise<undefined> | undefined {
      const report = reporter(full, file, fatal)
      const adopt = (message: VFileMessage) => {
        if (!fatal) message.fatal = false
        if (file.path && message.file !== file.path) message.file = file.path
        if (file.path && !message.name.startsWith(file.path + ':')) message.name = file.path + ':' + message.name
        file.messages.push(message)
      }

      // A bad option, or a fault in the rule: a message of the rule, as unified-lint-rule made it.
      const fail = (error: unknown) => {
        report(error instanceof Error ? error.message : String(error), {
          cause: error instanceof Error ? error : undefined
        })
        return undefined
      }

      try {
        const result = check({id: full.id, tree, file, options: options as Options | undefined, state, report, adopt})
        // Synchronous rules stay synchronous, so `processSync` works with them.
        return result ? result.then(() => undefined, fail) : undefined
      } catch (error) {
        return fail(error)
      }
    }
  }

  Object.defineProperty(plugin, 'name', {value: full.origin})
  return {...full, plugin}
}

function reporter(meta: RuleMeta, file: VFile, fatal: boolean): Report {
  return function (reason, options = {}) {
    const message = new VFileMessage(reason, {
      place: options.place,
      ruleId: meta.id,
      source: 'coursemark',
      ...(options.cause ? {cause: options.cause} : {})
    })
    if (file.path) {
      message.name = file.path + ':' + message.name
      message.file = file.path
    }

    message.fatal = fatal
    message.url = meta.url
    if (options.actual !== undefined) message.actual = options.actual
    if (options.expected !== undefined) message.expected = options.expected
    if (options.fix) setFix(message, options.fix)
    file.messages.push(message)
    return message
  }
}

/** A plugin config as unified-lint-rule reads it: `[severity, options?]`, or bare options at `warn`. */
function coerce(meta: RuleMeta, config: unknown): {severity: RuleSeverity; options: unknown} {
  if (Array.isArray(config)) {
    const [severity, options] = config as unknown[]
    const given = options ?? meta.options
    if (severity === false || severity === 0 || severity === 'off') return {severity: 'off', options: given}
    if (severity === true || severity === 1 || severity === 'on' || severity === 'warn') {
      return {severity: 'warn', options: given}
    }

    if (severity === 2 || severity === 'error') return {severity: 'error', options: given}
    if (typeof severity === 'number') {
      throw new TypeError(`Unexpected severity \`${severity}\` for \`${meta.id}\`, expected 0, 1, or 2`)
    }

    return {severity: 'warn', options: config}
  }

  return {severity: 'warn', options: config ?? meta.options}
}
