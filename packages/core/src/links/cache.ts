/**
 * The persistent link cache: one JSON file, URL -> last result, its history
 * (last seen working, first failed, consecutive failed checks) and its
 * archive lookup. Read defensively (a corrupt or foreign file is reported and
 * ignored; a version 1 file is migrated), written atomically with an fsync
 * (`writeAtomic` of `@coursemark/core/node`).
 */
import {mkdir, readFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import type {VFileMessage} from 'vfile-message'
import {writeAtomic} from '../atomic.js'
import {createMessage} from '../messages.js'
import type {ArchivedCopy, ArchiveLookup, LinkClass, LinkHistory} from './types.js'

export type {ArchivedCopy, ArchiveLookup, LinkHistory} from './types.js'

/** The `format` field that marks a file as ours. */
export const cacheFormat = 'coursemark-link-cache'

/** The version of the file layout: 2 adds history and archive lookups; 1 is migrated, any other is ignored. */
export const cacheVersion = 2

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
  /** ISO 8601 time of the last check that found it working. */
  lastWorkingAt?: string
  /** ISO 8601 time of the first of the consecutive failed (`dead`) checks. */
  firstFailedAt?: string
  /** Consecutive failed checks; absent for none. */
  failedChecks?: number
  /** The last archive lookup for this URL. */
  archive?: ArchiveLookup
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

  if (data.version !== cacheVersion && data.version !== 1) {
    return {
      entries: new Map(),
      writable: true,
      messages: [cacheWarning(path, `Unexpected link cache version \`${String(data.version)}\`, expected \`${cacheVersion}\`; it is ignored and replaced`)]
    }
  }

  const migrate = data.version === 1
  const entries = new Map<string, CacheEntry>()
  for (const [url, value] of Object.entries(data.entries)) {
    const entry = toEntry(value)
    if (entry) entries.set(url, migrate ? migrateEntry(entry) : entry)
  }

  return {entries, writable: true, messages: []}
}

/**
 * Write the cache atomically (temporary file, fsync, rename): a reader sees
 * the old file or the new one, never half of one. Returns a warning instead
 * of throwing.
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
  try {
    await mkdir(dirname(path), {recursive: true})
    await writeAtomic(path, JSON.stringify(file, null, 1) + '\n')
    return undefined
  } catch (error) {
    return cacheWarning(path, `Unexpected failure writing the link cache (${describe(error)}), expected a writable path; results are not cached`)
  }
}

/**
 * The history after a check of class `kind` at `checkedAt`, given the cached
 * entry of the previous check (if any).
 */
export function nextHistory(previous: CacheEntry | undefined, kind: LinkClass, checkedAt: string): LinkHistory {
  const before = historyOf(previous)
  switch (kind) {
    case 'ok':
    case 'redirected': {
      return {lastWorkingAt: checkedAt, failedChecks: 0}
    }

    case 'dead': {
      const history: LinkHistory = {failedChecks: before.failedChecks + 1}
      if (before.lastWorkingAt !== undefined) history.lastWorkingAt = before.lastWorkingAt
      history.firstFailedAt = before.failedChecks > 0 ? (before.firstFailedAt ?? checkedAt) : checkedAt
      return history
    }

    default: {
      return before
    }
  }
}

/** The history a cache entry holds (an empty one for none). */
export function historyOf(entry: CacheEntry | undefined): LinkHistory {
  const history: LinkHistory = {failedChecks: entry?.failedChecks ?? 0}
  if (entry?.lastWorkingAt !== undefined) history.lastWorkingAt = entry.lastWorkingAt
  if (entry?.firstFailedAt !== undefined && history.failedChecks > 0) history.firstFailedAt = entry.firstFailedAt
  return history
}

/** The fields of a cache entry that hold `history` (none for an empty history). */
export function historyFields(history: LinkHistory | undefined): Pick<CacheEntry, 'lastWorkingAt' | 'firstFailedAt' | 'failedChecks'> {
  const fields: Pick<CacheEntry, 'lastWorkingAt' | 'firstFailedAt' | 'failedChecks'> = {}
  if (history?.lastWorkingAt !== undefined) fields.lastWorkingAt = history.lastWorkingAt
  if (history && history.failedChecks > 0) {
    if (history.firstFailedAt !== undefined) fields.firstFailedAt = history.firstFailedAt
    fields.failedChecks = history.failedChecks
  }

  return fields
}

/** A version 1 entry as version 2: its one check starts the history. */
function migrateEntry(entry: CacheEntry): CacheEntry {
  return {...entry, ...historyFields(nextHistory(undefined, entry.class, entry.checkedAt))}
}

function toEntry(value: unknown): CacheEntry | undefined {
  if (!isRecord(value)) return undefined
  const {class: kind, status, redirectedTo, reason, checkedAt} = value
  if (typeof kind !== 'string' || !classes.has(kind)) return undefined
  if (typeof reason !== 'string' || !isTime(checkedAt)) return undefined
  const entry: CacheEntry = {class: kind as CacheEntry['class'], reason, checkedAt}
  if (typeof status === 'number') entry.status = status
  if (typeof redirectedTo === 'string') entry.redirectedTo = redirectedTo
  for (const key of ['unverifiableSince', 'lastWorkingAt', 'firstFailedAt'] as const) {
    const time = value[key]
    if (isTime(time)) entry[key] = time
  }

  const failed = value.failedChecks
  if (typeof failed === 'number' && Number.isSafeInteger(failed) && failed > 0) entry.failedChecks = failed
  const archive = toLookup(value.archive)
  if (archive) entry.archive = archive
  return entry
}

function toLookup(value: unknown): ArchiveLookup | undefined {
  if (!isRecord(value) || !isTime(value.checkedAt)) return undefined
  const copy = value.copy
  if (copy === null) return {checkedAt: value.checkedAt, copy: null}
  if (!isRecord(copy) || typeof copy.url !== 'string' || typeof copy.timestamp !== 'string') return undefined
  return {checkedAt: value.checkedAt, copy: {url: copy.url, timestamp: copy.timestamp}}
}

/** Whether a result of `checkedAt` is younger than `ttl` at `now` (a time in the future is not). */
export function isFresh(checkedAt: string, ttl: number, now: number): boolean {
  const age = now - Date.parse(checkedAt)
  return age >= 0 && age < ttl
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
}

function cacheWarning(path: string, reason: string): VFileMessage {
  return createMessage(reason, {ruleId: 'link-cache', place: undefined, severity: 'warning', file: path})
}

/** Whether `value` is a plain object (a JSON object read from a file or an answer). */
export function isRecord(value: unknown): value is Record<string, unknown> {
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
