/**
 * The worker of the pool: lints a batch of files (paths and plain settings
 * in, plain results out). A task of `coursemark links` loads only the link
 * reader (`link-file.ts`), not the lint pipeline.
 */
import type {FileOutcome, LintTask} from './types.js'

/** Lint a batch of files. */
export default async function lintBatch(tasks: LintTask[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = []
  for (const task of tasks) {
    const {lintFile} = task.modelOnly ? {lintFile: (await import('./link-file.js')).linkFile} : await import('./engine.js')
    outcomes.push(await lintFile(task))
  }

  return outcomes
}
