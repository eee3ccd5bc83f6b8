/**
 * Write a file atomically: write a temporary file next to it, flush it, then
 * rename it over the target. A process killed mid-write leaves the old file
 * whole (and at worst a stray `.<name>.<pid>-<random>.tmp` beside it).
 */
import {randomBytes} from 'node:crypto'
import {chmod, open, rename, stat, unlink} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/** Options of `writeAtomic`. */
export interface AtomicOptions {
  /**
   * Test hook: after writing half of the temporary file, call this and wait
   * for it (a test kills the process while it waits).
   */
  pause?: ((temporary: string) => Promise<void>) | undefined
}

/** Write `data` to `path` atomically, keeping the mode of an existing file. */
export async function writeAtomic(path: string, data: string | Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  let mode: number | undefined
  try {
    mode = (await stat(path)).mode & 0o7777
  } catch {
    mode = undefined
  }

  const handle = await open(temporary, 'wx', 0o666)
  try {
    const half = options.pause ? Math.floor(bytes.length / 2) : bytes.length
    await handle.write(bytes, 0, half, 0)
    if (options.pause) {
      await handle.sync()
      await options.pause(temporary)
      await handle.write(bytes, half, bytes.length - half, half)
    }

    await handle.sync()
    await handle.close()
    if (mode !== undefined) await chmod(temporary, mode)
    await rename(temporary, path)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}
