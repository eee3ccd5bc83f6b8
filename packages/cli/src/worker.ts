/**
 * The worker of the pool: lints a batch of files (paths and plain settings
 * in, plain results out).
 */
import {lintFile} from './engine.js'
import type {FileOutcome, LintTask} from './types.js'

/** Lint a batch of files. */
export default async function lintBatch(tasks: LintTask[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = []
  for (const task of tasks) outcomes.push(await lintFile(task))
  return outcomes
}
