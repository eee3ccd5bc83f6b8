/**
 * Write a file atomically: write a temporary file next to it, flush it, then
 * rename it over the target. A process killed mid-write leaves the old file
 * whole (and at worst a stray `.<name>.<pid>-<random>.tmp` beside it).
 *
 * A symbolic link is never replaced by a regular file: the write goes through
 * it, to its target (the temporary file beside the target), and with
 * `inside`, only when that target is inside the given folder.
 */
import {randomBytes} from 'node:crypto'
import {chmod, lstat, open, realpath, rename, stat, unlink} from 'node:fs/promises'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'

/** Options of `writeAtomic`. */
export interface AtomicOptions {
  /**
   * Test hook: after writing half of the temporary file, call this and wait
   * for it (a test kills the process while it waits).
   */
  pause?: ((temporary: string) => Promise<void>) | undefined
  /**
   * When `path` is a symbolic link, write its target only when the target is
   * inside this folder; else the write is refused (an error, nothing written).
   */
  inside?: string | undefined
}

/** Write `data` to `path` atomically, keeping the mode of an existing file. */
export async function writeAtomic(given: string, data: string | Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const path = await targetOf(given, options.inside)
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

/** The file to write for `path`: itself, or the target of the symbolic link it is. */
async function targetOf(path: string, inside: string | undefined): Promise<string> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return path
  } catch {
    return path
  }

  let target: string
  try {
    target = await realpath(path)
  } catch {
    throw new Error(`Unexpected symbolic link \`${path}\` to a missing file, expected a file or a link to one; it is left unchanged`)
  }

  if (inside !== undefined) {
    const root = await realpath(inside).catch(() => resolve(inside))
    const rest = relative(root, target)
    if (rest === '..' || rest.startsWith('..' + sep) || isAbsolute(rest)) {
      throw new Error(`Unexpected symbolic link \`${path}\` to \`${target}\` outside the project, expected a link to a file inside it; it is left unchanged`)
    }
  }

  return target
}
