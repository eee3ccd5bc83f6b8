/**
 * How far V8 lets each thread's heap grow past what it keeps. After a full
 * collection V8 sets the next one at up to 4 times the live heap (plus the
 * young generation) on a machine with plenty of memory. A lint keeps little
 * (the pipeline's code and each file's result) and makes much short-lived
 * garbage (every syntax tree), so the heaps were mostly garbage waiting,
 * several times what they kept. A factor of 3 makes full collections more
 * frequent but never limits what a thread may hold: a large file is parsed as
 * before, only sooner followed by a collection. A factor of 2 saved a little
 * more memory but cost much more CPU.
 */
import {setFlagsFromString} from 'node:v8'

/** The heap grows by at most this percentage of the live heap between full collections (a factor of 3). */
export const heapGrowingPercent = 200

/**
 * Set V8's heap growing factor for the process (every thread, workers
 * included), unless the command line of `node` set it.
 */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((argument) => /^--heap[-_]growing[-_]percent(?:=|$)/.test(argument))) return
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`)
}
