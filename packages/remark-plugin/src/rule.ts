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
import type {VFileMessage} from 'vfile-message'
import {setFix, type FixEdit} from './fix.js'
import {fatalOf, type Severity} from '@coursemark/core/severity'
import {defineRuleMeta, readSeverity, type RuleMeta, type RuleMetaInput, type RuleSeverity} from './rule-meta.js'
import {kindOf} from './file-site.js'

export {defaultKinds, defineRuleMeta, lessonKinds, ruleSetting, type PresetName, type RuleConfig, type RuleConfigInput, type SeverityInput, type RuleMeta, type RuleMetaInput, type RuleSeverity} from './rule-meta.js'

/** A rule: its metadata and the unified plugin that runs it. */
export interface Rule extends RuleMeta {
  /** The unified plugin; its config is `[severity, options?]` (a bare value is options, at `warning`). */
  plugin: Plugin<[unknown?, unknown?], Root>
  /** The finish phase over the file set, for a rule that compares files (`defineRule`'s `hooks.finish`). */
  finish?: Finish<unknown> | undefined
}

/** What a rule with a finish phase records of one file: a value and where it is written. */
export interface SetFact {
  value: string
  place: Position | null
}

/** What a file keeps for the finish phase of one rule (in `file.data.coursemarkSet`, by rule id). */
export interface SetRecord {
  fact: SetFact
  /** The rule's options for this file. */
  options: unknown
  /** The rule's severity for this file. */
  severity: Severity
  /** Whether a message of the rule at the fact's place is kept (`false` under `<!--lint disable-->`). */
  enabled: boolean
}

/** One file's fact, as the finish phase sees it. */
export interface SetEntry<Options> {
  /** The file, as messages name it (`file.path`). */
  path: string
  /** The folder of the file (`path` without its last segment, `''` at the top). */
  folder: string
  fact: SetFact
  options: Options | undefined
}

/** Report a finding of the finish phase on one entry's file. */
export type SetReport<Options> = (entry: SetEntry<Options>, reason: string, options?: ReportOptions) => void

/**
 * The finish phase of a rule over the file set: runs once all files are
 * checked, on the fact each file recorded, and reports on any of them. It
 * must be linear in the number of files (group by key with a `Map`).
 */
export type Finish<Options> = (entries: ReadonlyArray<SetEntry<Options>>, report: SetReport<Options>) => void

/** Optional parts of a rule besides its check. */
export interface RuleHooks<Options, State> {
  /**
   * Makes per-processor state (a cache of what was read from disk), once for
   * every processor the rule is attached to.
   */
  setup?: (() => State) | undefined
  /**
   * The finish phase over the file set: the check records a fact with
   * `context.record`, and this compares the facts of all files. It runs under
   * unified-engine (remark-cli, the remark language server) through the file
   * set, and in `coursemark lint`; in a plain unified pipeline on one file
   * there is no file set, and it does not run.
   */
  finish?: Finish<Options> | undefined
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
  /** Report a diagnostic the model made for this rule (its rule id), keeping its own severity under a rule at `error`, else taking the rule's. */
  adopt: (message: VFileMessage) => void
  /** Record the file's fact for the rule's finish phase (rules with `finish` only). */
  record: (fact: SetFact) => void
}

/** The check of a rule. */
export type Check<Options, State> = (context: RuleContext<Options, State>) => void | Promise<void>

/**
 * Define a rule: its metadata, its check, and optionally per-processor state
 * and a finish phase over the file set (`RuleHooks`).
 */
export function defineRule<Options = undefined, State = undefined>(
  meta: RuleMetaInput,
  check: Check<Options, State>,
  hooks: RuleHooks<Options, State> = {}
): Rule {
  const full = defineRuleMeta(meta)
  const {setup, finish} = hooks
  const rule: Rule = {...full, plugin: attacher, finish: finish as Finish<unknown> | undefined}
  function attacher(config?: unknown, fileSet?: unknown) {
    const {severity, options} = coerce(full, config)
    if (severity === 'off') return undefined
    // Under unified-engine the second argument is the file set: finish once every file is checked.
    if (finish) addCompleter(rule, fileSet)
    const state = (setup ? setup() : undefined) as State
    const record = (file: VFile) => (fact: SetFact) => {
      file.data.coursemarkSet = {...file.data.coursemarkSet, [full.id]: {fact, options, severity, enabled: true}}
    }

    return function (tree: Root, file: VFile): Promise<undefined> | undefined {
      // The one place rules apply by kind: a file of another kind (a template, a page for a lesson rule) is not checked.
      if (!full.kinds.includes(kindOf(file))) return undefined
      const report = reporter(full, file, severity)
      const adopt = (message: VFileMessage) => {
        if (severity !== 'error') message.fatal = fatalOf(severity)
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
        const result = check({
          id: full.id,
          tree,
          file,
          options: options as Options | undefined,
          state,
          report,
          adopt,
          record: record(file)
        })
        // Synchronous rules stay synchronous, so `processSync` works with them.
        return result ? result.then(() => undefined, fail) : undefined
      } catch (error) {
        return fail(error)
      }
    }
  }

  Object.defineProperty(attacher, 'name', {value: full.origin})
  return rule
}

declare module 'vfile' {
  interface DataMap {
    /** What the file recorded for the finish phase of each rule that has one, by rule id. */
    coursemarkSet: Record<string, SetRecord>
  }
}

/** The messages made by finish phases, so that a second run over the same files replaces them. */
const finished = new WeakSet<VFileMessage>()

/**
 * Run a rule's finish phase over `files` (their `coursemarkSet` records);
 * messages go to each file, made by `report()`. Running it again replaces the
 * messages of the earlier run: unified-engine runs its completers each time
 * the files transformed so far can be flushed (it does not wait for a file
 * with a fatal message, such as one it could not read), and the language
 * server runs them again on each check.
 */
export function finishRule(rule: Rule, files: Iterable<VFile>): void {
  const owners = new Map<SetEntry<unknown>, {file: VFile; record: SetRecord}>()
  for (const file of files) {
    if (file.messages.some((message) => finished.has(message) && message.ruleId === rule.id)) {
      file.messages = file.messages.filter((message) => !(finished.has(message) && message.ruleId === rule.id))
    }

    const record = file.data.coursemarkSet?.[rule.id]
    if (record) owners.set(entryOf(file.path ?? '', record), {file, record})
  }

  rule.finish?.([...owners.keys()], (entry, reason, options) => {
    const owner = owners.get(entry)
    // Inline comments of the entry's file turned the rule off at its place.
    if (!owner?.record.enabled) return
    const message = reporter(rule, owner.file, owner.record.severity)(reason, {place: entry.fact.place, ...options})
    finished.add(message)
  })
}

/**
 * Whether a rule's finish phase over these records (by file path) would
 * report anything, without making a message: a tool can skip making files
 * and loading the message library when nothing is found.
 */
export function finishFinds(rule: Rule, records: Iterable<{path: string; record: SetRecord}>): boolean {
  const enabled = new Map<SetEntry<unknown>, boolean>()
  for (const {path, record} of records) enabled.set(entryOf(path, record), record.enabled)
  let found = false
  rule.finish?.([...enabled.keys()], (entry) => {
    if (enabled.get(entry)) found = true
  })
  return found
}

function entryOf(path: string, record: SetRecord): SetEntry<unknown> {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return {path, folder: slash === -1 ? '' : path.slice(0, slash), fact: record.fact, options: record.options}
}

/**
 * Add the rule's finish phase to unified-engine's file set, as
 * remark-validate-links does: a completer with a `pluginId`, so that the
 * attacher, called once per file, adds it once. The completer runs when every
 * file of the set is transformed, before any is reported.
 */
function addCompleter(rule: Rule, fileSet: unknown): void {
  if (!isFileSet(fileSet)) return
  const completer = (set: FileSetLike) => finishRule(rule, set.valueOf())
  completer.pluginId = rule.origin
  fileSet.use(completer)
}

/** What this module uses of unified-engine's `FileSet`. */
interface FileSetLike {
  valueOf(): VFile[]
  use(completer: ((set: FileSetLike) => void) & {pluginId?: string}): unknown
}

function isFileSet(value: unknown): value is FileSetLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as {use?: unknown}).use === 'function' &&
    typeof (value as {valueOf?: unknown}).valueOf === 'function'
  )
}

function reporter(meta: RuleMeta, file: VFile, severity: Severity): Report {
  return function (reason, options = {}) {
    // `file.message` makes the message (named after the file) and adds it:
    // this module loads no message library of its own.
    const message = file.message(reason, {
      place: options.place,
      ruleId: meta.id,
      source: 'coursemark',
      ...(options.cause ? {cause: options.cause} : {})
    })
    message.fatal = fatalOf(severity)
    message.url = meta.url
    if (options.actual !== undefined) message.actual = options.actual
    if (options.expected !== undefined) message.expected = options.expected
    if (options.fix) setFix(message, options.fix)
    return message
  }
}

/** A plugin config as unified-lint-rule reads it: `[severity, options?]`, or bare options at `warning`. */
function coerce(meta: RuleMeta, config: unknown): {severity: RuleSeverity; options: unknown} {
  if (Array.isArray(config)) {
    const [written, options] = config as unknown[]
    const severity = readSeverity(written)
    if (severity !== undefined) return {severity, options: options ?? meta.options}
    if (typeof written === 'number') {
      throw new TypeError(`Unexpected severity \`${written}\` for \`${meta.id}\`, expected 0, 1, or 2`)
    }

    return {severity: 'warning', options: config}
  }

  return {severity: 'warning', options: config ?? meta.options}
}
