/**
 * The site of the last run, kept beside the lint cache (`<cache>.site`) so
 * that a cached rerun loads no site builder. Untrusted like the cache: read
 * only when it is ours (`coursemarkSite: 1`), every field checked by
 * `isStoredSite` before use; a file there that is not ours is never
 * replaced.
 */
import {lstatSync, readFileSync} from 'node:fs'
import type {StoredSite} from '@coursemark/remark-plugin/config'
import {writeAtomic} from '../files/write-file.js'

/** Marks the file as ours. */
const marker = 'coursemarkSite'

/** The stored site at `path`: what it holds (checked by the caller), or `undefined` when absent or not ours. */
export function readStoredSite(path: string): unknown {
  const data = readOurs(path)
  return data === 'foreign' ? undefined : data
}

/** Store `stored` at `path`, unless a file there is not ours or is a symbolic link. Best effort: a failed write changes nothing. */
export async function writeStoredSite(path: string, stored: StoredSite): Promise<void> {
  if (readOurs(path) === 'foreign') return
  try {
    await writeAtomic(path, JSON.stringify({[marker]: 1, ...stored}))
  } catch {
    // The next run builds the site again.
  }
}

function readOurs(path: string): unknown {
  let text: string
  try {
    if (lstatSync(path).isSymbolicLink()) return 'foreign'
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }

  try {
    const data: unknown = JSON.parse(text)
    return typeof data === 'object' && data !== null && (data as {[marker]?: unknown})[marker] === 1 ? data : 'foreign'
  } catch {
    return 'foreign'
  }
}
