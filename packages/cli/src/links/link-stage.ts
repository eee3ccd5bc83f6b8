/**
 * The link stage of a run, the same for `coursemark links` and `coursemark
 * lint --links`: the check starts while the files are read, takes each
 * file's external URLs (`LinkUse`s with their exact ranges) as soon as the
 * file is read, and at the end adds its messages to the files; with `--fix`
 * or `--fix-dry-run`, permanent redirects (and with `--fix-archived`,
 * archived copies) become fix edits on those messages, applied by the lint's
 * fix path (`applyFixes`, then `writeFixes`).
 */
import {createRequire} from 'node:module'
import {readFile} from 'node:fs/promises'
import {describeFsError} from '../errors.js'
import {applyFixes, countFixes} from '../lint/edits.js'
import {warn, type LintState} from '../lint/lint-state.js'
import {sortMessages} from '../lint/plain-messages.js'
import type {LinkPhase} from './phase.js'
import {sourceBase} from './report-flags.js'
import type {FileResult, LintMessage} from '../types.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

/**
 * Start the link check as the files are linted: the link checker loads while
 * the workers read the first files, and each file's links go to it as soon as
 * both the file and the checker are ready.
 */
export function startLinks(state: LintState): Promise<LinkPhase> {
  const waiting: FileResult[] = []
  state.onResult = (result) => waiting.push(result)
  const starting = (async () => {
    const {startLinkPhase} = require('./phase.js') as typeof import('./phase.js')
    const phase = await startLinkPhase(state.config, state.flags.linkFlags, state.context)
    for (const result of waiting.splice(0)) phase.add(result)
    state.onResult = (result) => phase.add(result)
    return phase
  })()
  // A failure is reported where the phase is awaited, after the lint.
  starting.catch(() => undefined)
  return starting
}

/** The link check: its messages join the files', and with `--fix` permanent redirects (and archived copies) are fixed. */
export async function checkLinks(state: LintState, links: LinkPhase): Promise<void> {
  const {flags, context} = state
  const results = state.linted.map(({result}) => result)
  const outcome = await links.finish()
  state.links = {results: outcome.results, checkedAt: (context.now ?? Date.now)(), sourceBase: sourceBase(context.env)}
  if (flags.values.debug) context.stderr.write(`coursemark: ${outcome.summary}\n`)
  // Messages about no linted file (the link cache could not be read or written).
  const linted = new Set(results.map((result) => result.path))
  for (const [path, messages] of outcome.messages) {
    if (!linted.has(path)) for (const message of messages) warn(state, message.reason)
  }

  const fixing = Boolean(flags.values.fix || flags.values['fix-dry-run'])
  const addLinkFixes = fixing ? (require('./fixes.js') as typeof import('./fixes.js')).addLinkFixes : undefined
  for (const {task, result} of state.linted) {
    const messages = outcome.messages.get(result.path)
    if (!messages) continue
    for (const message of messages) result.messages.push(message)
    sortMessages(result.messages)
    if (!addLinkFixes) continue
    const input = await readText(state, task.path, task.display)
    if (input === undefined) continue
    fixLinks(state, task.path, result, input, addLinkFixes(input.text, messages, result.facts.external, Boolean(flags.values['fix-archived'])))
  }
}

/**
 * Apply the link messages' fix edits to a file, through the lint's fix path
 * (`applyFixes`, then `writeFixes`): the fixed text and the counts by rule;
 * with `--fix`, report what is left (a URL that is not safe to write is
 * left, and so is its message).
 */
function fixLinks(state: LintState, path: string, result: FileResult, input: {text: string; bom: boolean}, fixable: LintMessage[]): void {
  if (fixable.length === 0) return
  const {text, fixed} = applyFixes(input.text, fixable)
  state.fixed.set(path, (input.bom ? '\uFEFF' : '') + text)
  state.fixes.set(path, countFixes(state.fixes.get(path) ?? {}, fixed))
  if (state.flags.values.fix) {
    const done = new Set(fixed)
    result.messages = result.messages.filter((message) => !done.has(message))
  }
}

/** The text of a file as fixed so far (or as it is), without its byte order mark. */
async function readText(state: LintState, path: string, display: string): Promise<{text: string; bom: boolean} | undefined> {
  try {
    const {readInput} = require('@coursemark/core/read-links') as typeof import('@coursemark/core/read-links')
    const {text, bom} = readInput(state.fixed.get(path) ?? (await readFile(path, 'utf8')))
    return {text, bom}
  } catch (error) {
    state.problems.push(`cannot read \`${display}\`: ${describeFsError(error)}`)
    return undefined
  }
}

