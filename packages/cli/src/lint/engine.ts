/**
 * Lint one file: read it, check the input (core's `readInput`: decoding, byte
 * order mark, limits), run the pipeline of its settings on it, and return
 * plain data: messages with fix edits, and the few model fields the main
 * thread needs. Used by the main thread and by the workers.
 */
import {readInput} from '@coursemark/core'
import {createMessage} from '@coursemark/core/messages'
import {getModel, registry, urlsOf} from '@coursemark/remark-plugin'
import {VFile} from 'vfile'
import {applyFixes, countFixes} from './edits.js'
import {emptyFacts, factsOf, withRanges} from './facts.js'
import {toLintMessage} from './to-lint-message.js'
import {sortMessages} from './plain-messages.js'
import {processorFor, type LintProcessor} from './processor.js'
import {readTaskFile} from './read-file.js'
import {runSite} from './run-site.js'
import type {Facts, FileOutcome, LintMessage, LintTask} from '../types.js'

export {forgetProcessors} from './processor.js'

/** At most this many fix passes per file. */
export const maxFixPasses = 5

const ruleIds = new Set(registry.map((meta) => meta.id))

/** Rules comparing a fact the facts keep anyway (`uuid`, `title`). */
const comparing = new Set(registry.filter((meta) => meta.compares !== undefined).map((meta) => meta.id))
const start = {line: 1, column: 1, offset: 0}

/** Read and lint one file. Never throws: a file that cannot be read is an `ok: false` outcome. */
export async function lintFile(task: LintTask): Promise<FileOutcome> {
  const read = readTaskFile(task)
  return read instanceof Uint8Array ? lintBytes(read, task) : read
}

/** Lint the content of one file. */
export async function lintBytes(bytes: Uint8Array, task: LintTask): Promise<FileOutcome> {
  return readBytes(bytes, task, true)
}

/**
 * The facts of a file from its model, with no rule run: what `coursemark
 * links` falls back to where core's `extractLinkUses` cannot stand in for
 * the model (`links/read-links.ts`).
 */
export async function modelBytes(bytes: Uint8Array, task: LintTask): Promise<FileOutcome> {
  return readBytes(bytes, task, false)
}

/** Run the pipeline of the file's settings (`withRules`: the rules too, else the model only) on its content. */
async function readBytes(bytes: Uint8Array, task: LintTask, withRules: boolean): Promise<FileOutcome> {
  const input = readInput(bytes, {path: task.display, limits: task.settings.limits})
  const messages = input.messages.map((message) => toLintMessage(message))
  if (input.blocked) return {ok: true, result: {path: task.display, messages, facts: emptyFacts()}}

  let outcome: FixOutcome
  try {
    outcome = await lintText(processorFor(task.settings, withRules), input.text, task)
  } catch (error) {
    // A fault in a rule or the parser on this file: report it on the file and
    // go on with the others, never lose the run.
    const reason = `Unexpected internal error while linting this file: ${error instanceof Error ? error.message : String(error)}, expected to lint it (please report this file)`
    messages.push(toLintMessage(createMessage(reason, {ruleId: 'internal-error', place: {start, end: start}, file: task.display})))
    return {ok: true, result: {path: task.display, messages, facts: emptyFacts()}}
  }

  const reported = task.dryRun ? outcome.first : outcome.last
  return {
    ok: true,
    result: {path: task.display, messages: [...messages, ...reported.messages], facts: outcome.last.facts},
    ...(outcome.text === input.text ? {} : {fixed: (input.bom ? '\uFEFF' : '') + outcome.text, fixes: outcome.fixes})
  }
}

interface Pass {
  messages: LintMessage[]
  facts: Facts
}

interface FixOutcome {
  /** The first pass (the file as it is). */
  first: Pass
  /** The last pass (the file as fixed). */
  last: Pass
  /** The text as fixed. */
  text: string
  /** How many problems each rule fixed (the messages whose edits were applied, over all passes). */
  fixes: Record<string, number>
}

/** Lint `text`, and with `task.fix` apply the fixes and lint again, up to `maxFixPasses` times. */
async function lintText(processor: LintProcessor, text: string, task: LintTask): Promise<FixOutcome> {
  const first = await runOnce(processor, text, task)
  let last = first
  let value = text
  const fixes: Record<string, number> = {}
  for (let round = 0; task.fix && round < maxFixPasses; round++) {
    const {text: next, fixed} = applyFixes(value, last.messages)
    if (fixed.length === 0 || next === value) break
    value = next
    countFixes(fixes, fixed)
    last = await runOnce(processor, value, task)
  }

  return {first, last, text: value, fixes}
}

async function runOnce(processor: LintProcessor, value: string, task: LintTask): Promise<Pass> {
  const file = new VFile({value, path: task.display, cwd: task.cwd})
  const site = task.site === undefined ? undefined : runSite()
  if (site && task.site !== undefined) file.data.coursemarkSite = {site: site.site, path: task.site, frontmatterless: site.frontmatterless, objectiveless: site.objectiveless}
  const tree = processor.parse(file)
  await processor.run(tree, file)
  const model = getModel(tree, file)
  const messages = file.messages.map((message) => toLintMessage(message))
  // Model diagnostics (YAML, frontmatter schema) that no rule of the registry reports.
  for (const message of model.messages) {
    if (!ruleIds.has(message.ruleId ?? '') && !file.messages.some((other) => other.ruleId === message.ruleId)) {
      messages.push(toLintMessage(message))
    }
  }

  sortMessages(messages)
  // The range of each URL, which the link fixes replace, as the rules found it.
  const sources = task.identityOnly ? model.checkpoint : withRanges(model.checkpoint, urlsOf(tree, file))
  const facts = factsOf(sources, model.frontmatter?.locate, task.identityOnly)
  // The finish phase runs in the main thread: say which facts inline comments keep quiet.
  const quiet = Object.entries(file.data.coursemarkSet ?? {}).filter(([, record]) => !record.enabled)
  // Rules that record a fact of their own (not the `uuid` or `title` the facts keep) send their record along.
  const records = Object.entries(file.data.coursemarkSet ?? {}).filter(([id]) => !comparing.has(id))
  if (records.length > 0) facts.records = Object.fromEntries(records)
  if (quiet.length > 0) facts.quiet = quiet.map(([id]) => id)
  const rootUnchecked = file.data.coursemarkRootUnchecked
  if (rootUnchecked !== undefined) facts.rootUnchecked = rootUnchecked
  return {messages, facts}
}
