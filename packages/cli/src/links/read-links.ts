/**
 * A file of `coursemark links`: its facts (external URLs with their places,
 * relative targets, `uuid` and `title`) read from micromark's events by
 * core's `extractLinkUses`, without the tree or the model, which cost far
 * more. The model is built, by the lint engine loaded then,
 * only where the events cannot stand in for it (a bare URL left in text, a
 * file over a limit). Messages other than the link check's are not shown by
 * `coursemark links`, so none are made here beyond the input checks.
 */
import {createRequire} from 'node:module'
import {extractLinkUses, readInput} from '@coursemark/core/read-links'
import {factsOf} from '../lint/facts.js'
import {toLintMessage} from '../lint/to-lint-message.js'
import {readTaskFile} from '../lint/read-file.js'
import type {Facts, FileOutcome, LintTask} from '../types.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

/** Read one file of `coursemark links` (never throws, as the engine's `lintFile`). */
export async function linkFile(task: LintTask): Promise<FileOutcome> {
  const read = readTaskFile(task)
  return read instanceof Uint8Array ? linkBytes(read, task) : read
}

/** The facts of one file of `coursemark links`, from its content. */
export async function linkBytes(bytes: Uint8Array, task: LintTask): Promise<FileOutcome> {
  const input = readInput(bytes, {path: task.display, limits: task.settings.limits})
  const facts = input.blocked ? undefined : linkFacts(input.text, task)
  if (facts) {
    return {ok: true, result: {path: task.display, messages: input.messages.map((message) => toLintMessage(message)), facts}}
  }

  const {modelBytes} = require('../lint/engine.js') as typeof import('../lint/engine.js')
  return modelBytes(bytes, task)
}

/** The facts from the events, or `undefined` when the model must be built. */
function linkFacts(text: string, task: LintTask): Facts | undefined {
  try {
    const uses = extractLinkUses(text, {format: task.settings.format, path: task.display, rawShortcodes: task.settings.rawShortcodes})
    return uses && factsOf(uses, uses.frontmatter?.locate)
  } catch {
    // The model path reports a fault on this file as an internal error.
    return undefined
  }
}
