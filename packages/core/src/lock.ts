/**
 * A lock beside a file that several processes rewrite (the lint and link
 * caches: two jobs of a CI matrix, an editor next to a terminal): a
 * `<file>.lock` created exclusively, holding who took it and when. A lock
 * older than `staleMs`, or taken on this host by a process that is gone, is
 * broken; a lock that cannot be had within `waitMs` is given up on, so a run
 * never waits forever (the caller then writes nothing: losing a cache write
 * is acceptable, corrupting a cache is not).
 */
import {randomBytes} from 'node:crypto'
import {link, open, readFile, rename, stat, unlink} from 'node:fs/promises'
import {hostname} from 'node:os'

/** Options of `withFileLock`. */
export interface LockOptions {
  /** A lock older than this (ms) is broken (default 10 s). */
  staleMs?: number | undefined
  /** Give up after waiting this long for the lock (ms, default 12 s). */
  waitMs?: number | undefined
}

/** What `withFileLock` gave: the value of the work, or `locked: false` when the lock could not be had. */
export type LockOutcome<T> = {locked: true; value: T} | {locked: false; lockPath: string}

/** What a lock file holds. */
interface LockData {
  pid: number
  host: string
  time: number
  nonce: string
}

/**
 * Run `work` while holding the lock of `path` (`<path>.lock`), and release
 * it after, also when `work` throws. The folder of `path` must exist.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<LockOutcome<T>> {
  const lockPath = path + '.lock'
  const staleMs = options.staleMs ?? 10_000
  const deadline = Date.now() + (options.waitMs ?? 12_000)
  const nonce = randomBytes(8).toString('hex')
  let delay = 10
  for (;;) {
    if (await tryCreate(lockPath, nonce)) break
    const held = await readLock(lockPath)
    if (held === 'gone') continue
    if (isStale(held, staleMs)) {
      await breakLock(lockPath, held)
      continue
    }

    if (Date.now() >= deadline) return {locked: false, lockPath}
    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay))
    delay = Math.min(delay * 2, 200)
  }

  try {
    return {locked: true, value: await work()}
  } finally {
    const held = await readLock(lockPath)
    if (held !== 'gone' && 'nonce' in held && held.nonce === nonce) await unlink(lockPath).catch(() => undefined)
  }
}

/** Create the lock file; `false` when it exists. `wx` never follows a symlink left at its path. */
async function tryCreate(lockPath: string, nonce: string): Promise<boolean> {
  let handle
  try {
    handle = await open(lockPath, 'wx', 0o666)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }

  try {
    const data: LockData = {pid: process.pid, host: hostname(), time: Date.now(), nonce}
    await handle.writeFile(JSON.stringify(data) + '\n')
  } finally {
    await handle.close()
  }

  return true
}

/** A lock file that is not (yet) a lock's content, with its modification time. */
interface Unreadable {
  mtimeMs: number
}

/** The lock held, `gone` when there is none. */
async function readLock(lockPath: string): Promise<LockData | Unreadable | 'gone'> {
  let text: string
  try {
    text = await readFile(lockPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    text = ''
  }

  try {
    const data = JSON.parse(text) as Partial<LockData> | null
    if (
      typeof data === 'object' && data !== null &&
      Number.isSafeInteger(data.pid) && typeof data.host === 'string' && Number.isFinite(data.time) && typeof data.nonce === 'string'
    ) {
      return data as LockData
    }
  } catch {
    // A lock being written, or one left half written: judged by the age of the file.
  }

  try {
    return {mtimeMs: (await stat(lockPath)).mtimeMs}
  } catch {
    return 'gone'
  }
}

/**
 * Whether a lock may be broken: it is older than `staleMs` or dated in the
 * future (a clock set back), or its process on this host is gone. A lock
 * file without a lock's content (being written, or left half written) is
 * judged by the age of the file.
 */
function isStale(held: LockData | Unreadable, staleMs: number): boolean {
  const age = Date.now() - ('time' in held ? held.time : held.mtimeMs)
  if (age > staleMs || age < -staleMs) return true
  return 'time' in held && held.host === hostname() && !isAlive(held.pid)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Break a stale lock: move it aside (one of several processes breaking it at
 * once succeeds), and put it back when what was moved is not the stale lock
 * read (another process took a fresh one meanwhile); `link` never replaces a
 * lock taken since.
 */
async function breakLock(lockPath: string, stale: LockData | Unreadable): Promise<void> {
  const aside = `${lockPath}.${process.pid}-${randomBytes(4).toString('hex')}.stale`
  try {
    await rename(lockPath, aside)
  } catch {
    return
  }

  const moved = await readLock(aside)
  const same = moved !== 'gone' && ('nonce' in moved ? 'nonce' in stale && moved.nonce === stale.nonce : !('nonce' in stale))
  if (moved !== 'gone' && !same) {
    await link(aside, lockPath).catch(() => undefined)
  }

  await unlink(aside).catch(() => undefined)
}
