/**
 * Spread files over worker threads (piscina) and the main thread. The pool
 * is started before the files are found, so the workers load while the main
 * thread walks the folders; the files are then handed out in batches of
 * about the same number of bytes, to whichever thread is free, the main
 * thread included. Results come back as plain data.
 */
import type {ProjectSite} from '@coursemark/remark-plugin/config'
import {Piscina} from 'piscina'
import {shareSite, siteBuffer} from './run-site.js'
import type {FileOutcome, LintMessage, LintTask, Reader} from '../types.js'

/** A file to lint, with its size (for batching). */
export interface SizedTask {
  task: LintTask
  bytes: number
}

/** About this many bytes per batch (a batch is the unit a thread takes at a time). */
const batchBytes = 128 * 1024

/**
 * The first batch has about this many bytes, and each next one twice as
 * many up to `batchBytes`: a worker's first files are read before its
 * compiler has warmed up (its first files take several times longer than
 * the later ones), and a link check starts on a file's URLs only when its
 * batch comes back.
 */
const firstBatchBytes = 16 * 1024

/** At most this many files per batch. */
const batchFiles = 32

/**
 * Batches in flight per worker (handed to it, and run by it one after the
 * other), so a worker never waits for the main thread to hand out the next.
 */
const inFlight = 2


/** Worker threads, started before they are given work. */
export class LintPool {
  readonly threads: number
  private readonly piscina: Piscina<LintTask[], FileOutcome[]>
  private closing: Promise<void> | undefined
  /** Where the run's site is written for the workers (`run-site.ts`). */
  private readonly site = siteBuffer()

  /** Start `threads` workers, each loading the run's `reader` right away. */
  constructor(threads: number, reader: Reader = 'lint') {
    this.threads = threads
    this.piscina = new Piscina<LintTask[], FileOutcome[]>({
      filename: new URL('worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 1000,
      concurrentTasksPerWorker: inFlight,
      workerData: {reader, site: this.site}
    })
  }

  /** Give the workers the run's site (once; before the first task that needs it). */
  shareSite(site: ProjectSite): void {
    shareSite(this.site, site)
  }

  /**
   * Lint `items` in the workers and, with `lintHere`, in the main thread
   * too; outcomes in the order of `items`, and to `onOutcome` as each batch
   * is done.
   */
  async run(
    items: SizedTask[],
    lintHere?: (task: LintTask) => Promise<FileOutcome>,
    onOutcome?: (task: LintTask, outcome: FileOutcome) => void
  ): Promise<FileOutcome[]> {
    const queue = batches(items, batchBytes, batchFiles, firstBatchBytes)
    const outcomes: FileOutcome[] = []
    const take = () => queue.shift()
    const share = sharedStrings()
    const store = (batch: Batch, results: FileOutcome[]) => {
      for (const [index, outcome] of results.entries()) {
        if (outcome.ok) for (const message of outcome.result.messages) shareStrings(message, share)
        outcomes[batch.first + index] = outcome
        const task = batch.tasks[index]
        if (task) onOutcome?.(task, outcome)
      }
    }

    const workerLoop = async () => {
      for (let batch = take(); batch; batch = take()) store(batch, await this.piscina.run(batch.tasks))
    }

    const mainLoop = async () => {
      if (!lintHere) return
      for (let batch = take(); batch; batch = take()) {
        const results: FileOutcome[] = []
        for (const task of batch.tasks) {
          results.push(await lintHere(task))
          // A lint in this thread never waits for anything, so without a turn
          // of the event loop here a worker's finished batch would wait for
          // this whole batch, and the next batch for the worker with it: the
          // worker linted an eighth of the files, not half.
          await nextTurn()
        }

        store(batch, results)
      }
    }

    const loops = Array.from({length: this.threads * inFlight}, workerLoop)
    await Promise.all([...loops, mainLoop()])
    return outcomes
  }

  /** Stop the workers (once; later calls wait for the same). */
  async close(): Promise<void> {
    this.closing ??= this.piscina.destroy()
    await this.closing
  }
}

/** Let the event loop take the messages that are waiting (the workers' results). */
async function nextTurn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
}

/** The one copy of a string seen before in the run, or the string itself from now on. */
type Share = <Value extends string>(value: Value) => Value

/** A store of strings for one run. */
function sharedStrings(): Share {
  const known = new Map<string, string>()
  return <Value extends string>(value: Value): Value => {
    const seen = known.get(value) as Value | undefined
    if (seen !== undefined) return seen
    known.set(value, value)
    return value
  }
}

/**
 * Make a message's rule id, source, severity and URL the run's one copy of
 * each. The results kept until the report grow the main thread's live heap,
 * and V8 sizes a heap in proportion to it; a worker's results come with their
 * own copy of every string, so without this a large run keeps thousands of
 * copies of a few strings.
 */
function shareStrings(message: LintMessage, share: Share): void {
  message.ruleId = share(message.ruleId)
  message.source = share(message.source)
  message.severity = share(message.severity)
  if (message.url !== null) message.url = share(message.url)
}

/** A run of consecutive tasks. */
export interface Batch {
  /** Index of its first task in the items. */
  first: number
  tasks: LintTask[]
}

/**
 * Consecutive runs of tasks of about `bytesEach` bytes (at least one task, at
 * most `filesEach`); with `firstBytes`, the first run has about that many
 * bytes and each next one twice as many, up to `bytesEach`.
 */
export function batches(items: SizedTask[], bytesEach: number, filesEach: number, firstBytes = bytesEach): Batch[] {
  const result: Batch[] = []
  let current: Batch | undefined
  let bytes = 0
  let limit = Math.min(firstBytes, bytesEach)
  for (const [index, item] of items.entries()) {
    if (!current || bytes >= limit || current.tasks.length >= filesEach) {
      if (current) limit = Math.min(2 * limit, bytesEach)
      current = {first: index, tasks: []}
      result.push(current)
      bytes = 0
    }

    current.tasks.push(item.task)
    bytes += item.bytes
  }

  return result
}
