/**
 * The worker of the pool: reads a batch of files with the run's reader
 * (paths and plain settings in, plain results out): the lint pipeline, or
 * for `coursemark links` only the link reader (`links/read-links.ts`).
 *
 * The pool starts before the files are found, and says what its workers will
 * run (`workerData.reader`), so each worker loads that pipeline while the
 * main thread walks the folders, instead of when its first batch comes: in
 * a large project the first batch comes well after the worker started, and
 * loading the lint pipeline then would add to the wait.
 */
import {createRequire} from 'node:module'
import {workerData} from 'node:worker_threads'
import type {FileOutcome, LintTask, Reader} from '../types.js'
import {useSiteBuffer} from './run-site.js'

type LintFile = (task: LintTask) => Promise<FileOutcome>

/** `require` of the pipeline's ES modules: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

const load = async (reader: Reader): Promise<LintFile> =>
  reader === 'links'
    ? (require('../links/read-links.js') as typeof import('../links/read-links.js')).linkFile
    : (require('./engine.js') as typeof import('./engine.js')).lintFile

const data = workerData as {reader?: Reader; site?: unknown} | undefined
const reader = data?.reader ?? 'lint'
useSiteBuffer(data?.site)
// Loaded a turn after this module, not while it is evaluated: piscina loads
// this module with `require`, and on Node 20 a `require` of an ES module made
// while another is being evaluated for `require` could abort the process
// ("IsGraphAsync must be used on an instantiated module").
const reading = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => load(reader))
// A failed load is reported by the task that needs the module, not here.
reading.catch(() => undefined)

/** The batch this worker is on: the next one waits for it. */
let current: Promise<unknown> = Promise.resolve()

/**
 * Lint a batch of files. The pool hands a worker its next batch before this
 * one is done (piscina's `concurrentTasksPerWorker`), so that it is already
 * here when the worker is free: handing it out takes a turn of the main
 * thread's event loop, which waits while the main thread lints a file. The
 * batches still run one after the other, each as fast as alone.
 */
export default async function lintBatch(tasks: LintTask[]): Promise<FileOutcome[]> {
  const run = current.then(async () => lintAll(tasks))
  current = run.catch(() => undefined)
  return run
}

async function lintAll(tasks: LintTask[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = []
  for (const task of tasks) {
    const lintFile = await reading
    outcomes.push(await lintFile(task))
  }

  return outcomes
}
