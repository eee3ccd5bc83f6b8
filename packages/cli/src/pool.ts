/**
 * Spread files over worker threads with piscina. Only used when there are
 * enough files for the start-up cost of the workers to pay.
 */
import {Piscina} from 'piscina'
import type {LintTask} from './engine.js'
import type {FileOutcome} from './types.js'

/** Lint tasks in `threads` workers, `batch` files per message; outcomes in task order. */
export async function runPool(tasks: LintTask[], batch: number, threads: number): Promise<FileOutcome[]> {
  const pool = new Piscina<LintTask[], FileOutcome[]>({
    filename: new URL('worker.js', import.meta.url).href,
    minThreads: Math.min(threads, Math.ceil(tasks.length / batch)),
    maxThreads: threads,
    idleTimeout: 1000
  })

  try {
    const batches: LintTask[][] = []
    for (let index = 0; index < tasks.length; index += batch) batches.push(tasks.slice(index, index + batch))
    const results = await Promise.all(batches.map((items) => pool.run(items)))
    return results.flat()
  } finally {
    await pool.destroy()
  }
}
