#!/usr/bin/env node
import {createRequire} from 'node:module'
import {startCompileCache} from './compile-cache.js'

// First, so that the modules loaded below are compiled from the cache.
startCompileCache()
// \`require\` of ES modules (Node.js 20.19 and later) reads them synchronously:
// on Node 20 much faster than \`import()\` (docs/performance.md, "Loading the modules").
const require = createRequire(import.meta.url)
const {tuneHeap} = require('./heap.js') as typeof import('./heap.js')
const {main} = require('./main.js') as typeof import('./main.js')

tuneHeap()

// A reader that goes away (`coursemark | head`) ends the run quietly, not with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? (typeof process.exitCode === 'number' ? process.exitCode : 0) : 2)
  })
}

process.exitCode = await main({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env
})
