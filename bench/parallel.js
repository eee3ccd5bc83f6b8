/**
 * How much a second thread adds to the parse on this machine: parse a
 * folder of lessons (default: the first 100 files of the 2,000-file bench
 * corpus) six times in one thread, then six times in each of two threads at
 * once (both warmed up first), and print the throughput of two threads as a
 * multiple of one. Pure arithmetic scales about 1.9x on 2 cores; the parse,
 * which allocates a tree per file, scales much less, which bounds what
 * worker threads can give the lint.
 *
 * Usage: `node bench/parallel.js [folder]`
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {isMainThread, parentPort, Worker} from 'node:worker_threads'
import {createParser} from '@coursemark/core'

const dir = process.argv[2] ?? new URL('corpus/lint-2000/module-000', import.meta.url).pathname
const texts = readdirSync(dir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(join(dir, name), 'utf8'))
const rounds = 6

/** @param {number} times */
function work(times) {
  const parser = createParser('checkpoint').freeze()
  let nodes = 0
  for (let round = 0; round < times; round++) for (const text of texts) nodes += parser.parse(text).children.length
  return nodes
}

if (isMainThread) {
  work(2)
  let start = performance.now()
  work(rounds)
  const one = performance.now() - start
  const worker = new Worker(new URL(import.meta.url), {argv: [dir]})
  await new Promise((resolve) => worker.once('message', resolve))
  start = performance.now()
  worker.postMessage('go')
  work(rounds)
  await new Promise((resolve) => worker.once('message', resolve))
  const two = performance.now() - start
  process.stdout.write(
    `${texts.length} files x ${rounds}: one thread ${one.toFixed(0)} ms; two threads at once (each the same work) ${two.toFixed(0)} ms; throughput of two threads ${((2 * one) / two).toFixed(2)}x one\n`
  )
  await worker.terminate()
} else {
  work(2)
  parentPort?.postMessage('ready')
  parentPort?.once('message', () => {
    work(rounds)
    parentPort?.postMessage('done')
  })
}
