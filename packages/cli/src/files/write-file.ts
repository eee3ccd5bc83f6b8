/**
 * Atomic writes for the CLI, with the writer loaded at the first write: a
 * run that writes nothing (a cached rerun that changed nothing, a report on
 * stdout) does not load `@coursemark/core/node` and what it imports.
 */
import {createRequire} from 'node:module'
import type {AtomicOptions} from '@coursemark/core/node'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

export type {AtomicOptions} from '@coursemark/core/node'

/** `writeAtomic` of `@coursemark/core/node`: a temporary file, then a rename. */
export async function writeAtomic(path: string, data: string | Uint8Array, options?: AtomicOptions): Promise<void> {
  const {writeAtomic: write} = require('@coursemark/core/node') as typeof import('@coursemark/core/node')
  await write(path, data, options)
}
