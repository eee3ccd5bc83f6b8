/**
 * `node bench/compile-cache.js [file] [--runs N]`: a one-file lint with
 * Node's module compile cache on (the CLI turns it on from Node 22.1) and
 * off (`NODE_DISABLE_COMPILE_CACHE=1`), each a fresh process, alternated, run
 * with the Node that runs this script (run it with Node 24 to see the cache;
 * on Node 20 both rows are the same code path). The cache lives in a scratch
 * folder (`NODE_COMPILE_CACHE`), warmed by one untimed run. Prints medians.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'packages/cli/bin/coursemark.js')
const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const runs = runsAt === -1 ? 10 : Number(args[runsAt + 1])
const file = args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--runs') ?? join(root, 'fixtures/sample/pipes-and-redirection.md')
const cacheFolder = mkdtempSync(join(tmpdir(), 'coursemark-compile-cache-'))

/** Wall time of one lint, in ms. */
function lint(cache) {
  const env = {...process.env, NODE_COMPILE_CACHE: cacheFolder}
  if (cache) delete env.NODE_DISABLE_COMPILE_CACHE
  else env.NODE_DISABLE_COMPILE_CACHE = '1'
  const start = performance.now()
  const result = spawnSync(process.execPath, [bin, 'lint', '--no-color', file], {env, encoding: 'utf8'})
  const ms = performance.now() - start
  if (result.status !== 0 && result.status !== 1) throw new Error(`coursemark exited ${result.status}: ${result.stderr}`)
  return ms
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

try {
  lint(true)
  const on = []
  const off = []
  for (let index = 0; index < runs; index++) {
    // Alternate which goes first, so both see the same load.
    if (index % 2) {
      off.push(lint(false))
      on.push(lint(true))
    } else {
      on.push(lint(true))
      off.push(lint(false))
    }
  }

  console.log(`Node ${process.version}, ${runs} alternated runs each, one-file lint of ${file}`)
  console.log(`compile cache on:  median ${median(on).toFixed(0)} ms (min ${Math.min(...on).toFixed(0)})`)
  console.log(`compile cache off: median ${median(off).toFixed(0)} ms (min ${Math.min(...off).toFixed(0)})`)
  console.log(`ratio on/off: ${(median(on) / median(off)).toFixed(2)}x`)
} finally {
  rmSync(cacheFolder, {recursive: true, force: true})
}
