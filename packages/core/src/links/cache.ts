/**
 * The persistent link cache: one JSON file, URL -> last result. Read
 * defensively (a corrupt or foreign file is reported and ignored), written
 * atomically (a temporary file in the same folder, then `rename`).
 */
import {randomBytes} from 'node:crypto'
import {mkdir, readFile, rename, unlink, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import type {VFileMessage} from 'vfile-message'
import {createMessage} from '../messages.js'
import type {LinkClass} from './types.js'

/** The `format` field that marks a file as ours. */
export const cacheFormat = 'coursemark-link-cache'

/** The version of the file layout; another version is ignored. */
export const cacheVersion = 1

/** One cached result. */
export interface CacheEntry {
  /** Any class but `skipped` (decided anew each run). */
  class: Exclude<LinkClass, 'skipped'>
  status?: number
  redirectedTo?: string
  reason: string
  /** ISO 8601 time of the check. */
  checkedAt: string
  /** ISO 8601 time since which the URL has been unverifiable in every run. */
  unverifiableSince?: string
}

/** The file as written. */
export interface CacheFile {
  format: typeof cacheFormat
  version: typeof cacheVersion
  entries: Record<string, CacheEntry>
}

/** What reading the cache gave. */
export interface LoadedCache {
  entries: Map<string, CacheEntry>
  /** Whether the file may be replaced (false for a foreign file). */
  writable: boolean
  messages: VFileMessage[]
}

const classes = new Set<string>(['ok', 'redirected', 'dead', 'unverifiable'])

/** Read the cache at `path`; a missing file is an empty cache. Never throws. */
export async function readCache(path: string): Promise<LoadedCache> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (isMissing(error)) return {entries: new Map(), writable: true, messages: []}
    return {
      entries: new Map(),
      writable: false,
      messages: [cacheWarning(path, `Unexpected unreadable link cache (${describe(error)}), expected a readable file; it is ignored`)]
    }
  }

  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return {
      entries: new Map(),
      writable: true,
      messages: [cacheWarning(path, 'Unexpected corrupt link cache (not JSON), expected a coursemark link cache; it is ignored and replaced')]
    }
  }

  if (!isRecord(data) || data.format !== cacheFormat || !isRecord(data.entries)) {
    return {
      entries: new Map(),
      writable: false,
      messages: [cacheWarning(path, `Unexpected file that is not a coursemark link cache, expected \`format: '${cacheFormat}'\`; it is ignored and left unchanged`)]
    }
  }

  if (data.version !== cacheVersion) {
    return {
      entries: new Map(),
      writable: true,
      messages: [cacheWarning(path, `Unexpected link cache version \`${String(data.version)}\`, expected \`${cacheVersion}\`; it is ignored and replaced`)]
    }
  }

  const entries = new Map<string, CacheEntry>()
  for (const [url, value] of Object.entries(data.entries)) {
    const entry = toEntry(value)
    if (entry) entries.set(url, entry)
  }

  return {entries, writable: true, messages: []}
}

/**
 * Write the cache atomically: a reader sees the old file or the new one,
 * never half of one. Returns a warning instead of throwing.
 */
export async function writeCache(
  path: string,
  entries: ReadonlyMap<string, CacheEntry>
): Promise<VFileMessage | undefined> {
  const file: CacheFile = {
    format: cacheFormat,
    version: cacheVersion,
    entries: Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await mkdir(dirname(path), {recursive: true})
    await writeFile(temporary, JSON.stringify(file, null, 1) + '\n')
    await rename(temporary, path)
    return undefined
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    return cacheWarning(path, `Unexpected failure writing the link cache (${describe(error)}), expected a writable path; results are not cached`)
  }
}

function toEntry(value: unknown): CacheEntry | undefined {
  if (!isRecord(value)) return undefined
  const {class: kind, status, redirectedTo, reason, checkedAt, unverifiableSince} = value
  if (typeof kind !== 'string' || !classes.has(kind)) return undefined
  if (typeof reason !== 'string' || typeof checkedAt !== 'string') return undefined
  if (Number.isNaN(Date.parse(checkedAt))) return undefined
  const entry: CacheEntry = {class: kind as CacheEntry['class'], reason, checkedAt}
  if (typeof status === 'number') entry.status = status
  if (typeof redirectedTo === 'string') entry.redirectedTo = redirectedTo
  if (typeof unverifiableSince === 'string' && !Number.isNaN(Date.parse(unverifiableSince))) {
    entry.unverifiableSince = unverifiableSince
  }

  return entry
}

function cacheWarning(path: string, reason: string): VFileMessage {
  return createMessage(reason, {ruleId: 'link-cache', place: undefined, severity: 'warning', file: path})
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return '`' + error.code + '`'
  }

  return error instanceof Error ? error.message : String(error)
}
