/**
 * The site of the last run, kept beside the lint cache (`<cache>.site`) so
 * that a cached rerun loads no site builder. Two lines of JSON: the header
 * (what the site depends on, its id and summary), then the site itself,
 * parsed only when a rerun needs it (a file to lint). Untrusted like the
 * cache: read only when it is ours (`coursemarkSite: 1`), every field
 * checked before use (`isStoredHeader`, `isStoredProject`); a file there
 * that is not ours is never replaced.
 */
import {lstatSync, readFileSync} from 'node:fs'
import type {StoredSite, StoredSiteSource} from '@coursemark/remark-plugin/config'
import {writeAtomic} from '../files/write-file.js'

/** Marks the file as ours. */
const marker = 'coursemarkSite'

/** The stored site at `path` (checked by the caller), or `undefined` when absent or not ours. */
export function readStoredSite(path: string): StoredSiteSource | undefined {
  const data = readOurs(path)
  return data === 'foreign' || data === undefined ? undefined : data
}

/** Store `stored` at `path`, unless a file there is not ours or is a symbolic link. Best effort: a failed write changes nothing. */
export async function writeStoredSite(path: string, stored: StoredSite): Promise<void> {
  if (readOurs(path) === 'foreign') return
  const {project, ...header} = stored
  try {
    // `JSON.stringify` writes no line break: the first one ends the header.
    await writeAtomic(path, JSON.stringify({[marker]: 1, ...header}) + '\n' + JSON.stringify(project) + '\n')
  } catch {
    // The next run builds the site again.
  }
}

function readOurs(path: string): StoredSiteSource | 'foreign' | undefined {
  let text: string
  try {
    if (lstatSync(path).isSymbolicLink()) return 'foreign'
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }

  const end = text.indexOf('\n')
  let header: unknown
  try {
    header = JSON.parse(end === -1 ? text : text.slice(0, end))
  } catch {
    return 'foreign'
  }

  if (typeof header !== 'object' || header === null || (header as {[marker]?: unknown})[marker] !== 1) return 'foreign'
  const project = () => {
    try {
      return end === -1 ? undefined : (JSON.parse(text.slice(end + 1)) as unknown)
    } catch {
      return undefined
    }
  }

  return {header, project}
}
