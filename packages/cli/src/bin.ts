#!/usr/bin/env node
import {startCompileCache} from './compile-cache.js'

// First, so that the modules loaded below are compiled from the cache.
startCompileCache()
const {boundHeapGrowth} = await import('./heap.js')
const {main} = await import('./main.js')

boundHeapGrowth()

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
