/**
 * The least wall a lint of a small folder can take in one thread or in two,
 * from a cold start: core's parse alone, nothing else. Each run is a fresh
 * process, as a lint is: with `--threads 1` it imports core, reads the files
 * and parses them all; with `--threads 2` it first starts a worker thread
 * (which imports core and parses every other file), then does the same with
 * the rest in the main thread, and waits for the worker. Each thread compiles
 * the parser's code for itself, and a thread parses its first files several
 * times slower than later ones, so on a small folder a second thread pays
 * for a second warm-up; on 2 cores the threads also share the cores with
 * V8's compiler and garbage collector.
 *
 * Usage: `node bench/cold-split.js [--rounds n] <folder>` (default: the
 * bench's 200-file corpus): alternates both, n rounds (default 5), and prints
 * the wall (to the process's exit) and CPU of each run and the medians.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {isMainThread, parentPort, Worker, workerData} from 'node:worker_threads'
import {markdownFiles} from './lib/files.js'
import {run} from './lib/measure.js'

const self = fileURLToPath(import.meta.url)

/**
 * Parse every `step`-th file from `first` with a parser made here.
 *
 * @param {string[]} files
 * @param {number} first
 * @param {number} step
 */
async function parse(files, first, step) {
  const {createParser} = await import('@coursemark/core')
  const parser = createParser('checkpoint').freeze()
  let nodes = 0
  for (let index = first; index < files.length; index += step) {
    nodes += parser.parse(readFileSync(/** @type {string} */ (files[index]), 'utf8')).children.length
  }

  return nodes
}

const args = process.argv.slice(2)
if (!isMainThread) {
  const {files} = /** @type {{files: string[]}} */ (workerData)
  parentPort?.postMessage(await parse(files, 1, 2))
} else if (args[0] === '--run') {
  const threads = Number(args[1])
  const files = markdownFiles(/** @type {string} */ (args[2]), [])
  if (threads === 2) {
    const worker = new Worker(self, {workerData: {files}})
    const done = new Promise((resolve) => worker.once('message', resolve))
    await parse(files, 0, 2)
    await done
  } else {
    await parse(files, 0, 1)
  }
} else {
  const at = args.indexOf('--rounds')
  const rounds = at === -1 ? 5 : Number(args[at + 1])
  const folder = args.find((arg, index) => !arg.startsWith('--') && index !== at + 1) ?? fileURLToPath(new URL('corpus/lint-200', import.meta.url))
  /** @type {Record<string, Array<{wall: number, cpu: number}>>} */
  const runs = {1: [], 2: []}
  for (let round = 0; round < rounds; round++) {
    for (const threads of round % 2 === 0 ? [1, 2] : [2, 1]) {
      const result = await run(process.execPath, [self, '--run', String(threads), folder])
      const one = {wall: result.wallMs / 1000, cpu: (result.cpuMs ?? Number.NaN) / 1000}
      runs[threads]?.push(one)
      process.stdout.write(`${threads} thread${threads === 1 ? '' : 's'}: ${one.wall.toFixed(2)} s wall, ${one.cpu.toFixed(2)} s CPU\n`)
    }
  }

  /** @param {number[]} values */
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
  for (const threads of [1, 2]) {
    const list = runs[threads] ?? []
    process.stdout.write(
      `median, ${threads} thread${threads === 1 ? '' : 's'}: ${median(list.map((run) => run.wall)).toFixed(2)} s wall, ${median(list.map((run) => run.cpu)).toFixed(2)} s CPU\n`
    )
  }
}
