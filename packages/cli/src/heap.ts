/**
 * How V8 manages each thread's heap in a run of the CLI (the flags are the
 * process's: they hold in every thread, workers included).
 *
 * Growth. After a full collection V8 sets the next one at up to 4 times the
 * live heap (plus the young generation) on a machine with plenty of memory.
 * A lint keeps little (the pipeline's code and each file's result) and makes
 * much short-lived garbage (every syntax tree), so the heaps were mostly
 * garbage waiting, several times what they kept. A factor of 3 makes full
 * collections more frequent but never limits what a thread may hold: a large
 * file is parsed as before, only sooner followed by a collection. A factor of
 * 2 saved a little more memory but cost much more CPU.
 *
 * Pretenuring. V8 allocates the objects of an allocation site (an object or
 * array literal) straight in the old generation once most of them outlived
 * two young collections in a row. Early in a run the young generation is
 * small and loading the modules fills it, so a collection can fall in the
 * middle of the first file's parse, when every token and event micromark has
 * made is still alive: on Node 20 and 22 micromark's sites were then
 * pretenured for the whole run, and every syntax tree after went to the old
 * generation. A lint allocates nothing that lives long enough to gain from
 * it, so it is off (docs/performance.md, "Pretenuring", has the figures).
 */
import {setFlagsFromString} from 'node:v8'

/** The heap grows by at most this percentage of the live heap between full collections (a factor of 3). */
export const heapGrowingPercent = 200

/** Each flag `tuneHeap` sets, and how the command line of `node` gives it (then it is left as given). */
const tuned = [
  {given: /^--heap[-_]growing[-_]percent(?:=|$)/, flag: `--heap-growing-percent=${heapGrowingPercent}`},
  {given: /^--(?:no[-_])?allocation[-_]site[-_]pretenuring$/, flag: '--no-allocation-site-pretenuring'}
]

/**
 * Set V8's heap growing factor and turn allocation-site pretenuring off, for
 * the process (every thread, workers included), each unless the command line
 * of `node` set it.
 */
export function tuneHeap(execArgv: readonly string[] = process.execArgv): void {
  for (const {given, flag} of tuned) {
    if (!execArgv.some((argument) => given.test(argument))) setFlagsFromString(flag)
  }
}
