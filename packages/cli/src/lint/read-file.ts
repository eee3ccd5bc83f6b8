/**
 * Read the file of a task, or say why it cannot be linted: shared by the lint
 * engine and the links-only reader (`links/read-links.ts`), so both refuse the same
 * files with the same words.
 */
import {readFileSync, statSync} from 'node:fs'
import {createMessage, defaultLimits} from '@coursemark/core/read-links'
import {describeFsError} from '../errors.js'
import {emptyFacts} from './facts.js'
import {toLintMessage} from './to-lint-message.js'
import type {FileOutcome, LintTask} from '../types.js'

const start = {line: 1, column: 1, offset: 0}

/**
 * The bytes of the task's file, or the outcome that stands for it: `ok:
 * false` when it cannot be read, an `input-too-large` message when it is over
 * three bytes a character of `maxSize` (too large whatever its encoding: said
 * without reading it into memory). The read is synchronous: a lesson is a
 * few kilobytes, read in microseconds, where the promise API's open, stat,
 * read and close each wait for a turn of the thread pool.
 */
export function readTaskFile(task: LintTask): Uint8Array | FileOutcome {
  try {
    const limits = {...defaultLimits, ...task.settings.limits}
    const size = task.content === undefined ? statSync(task.path).size : task.content.byteLength
    if (size > limits.maxSize * 3) {
      const message = createMessage(
        `Unexpected file of ${size} bytes, expected at most ${limits.maxSize} characters (option \`maxSize\`)`,
        {ruleId: 'input-too-large', place: {start, end: start}, file: task.display}
      )
      return {ok: true, result: {path: task.display, messages: [toLintMessage(message)], facts: emptyFacts()}}
    }

    return task.content ?? readFileSync(task.path)
  } catch (error) {
    return {ok: false, path: task.display, error: `cannot read \`${task.display}\`: ${describeFsError(error)}`}
  }
}
