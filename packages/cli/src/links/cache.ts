/**
 * The persistent link cache: one JSON file, URL -> last result, its history
 * (last seen working, first failed, consecutive failed checks) and its
 * archive lookup. Read defensively (a corrupt cache of ours is reported and
 * replaced; a file that is not ours is reported and never written; an entry
 * with a value out of range is dropped; a time in the future is taken as now;
 * a version 1 file is migrated), written under a lock (`withFileLock`), merged
 * with what another run wrote meanwhile, then atomically with an fsync
 * (`writeAtomic` of `@coursemark/core/node`).
 */
import {mkdir, readFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import type {VFileMessage} from 'vfile-message'
import {writeAtomic, withFileLock, type LockOptions} from '@coursemark/core/node'
import {createMessage} from '@coursemark/core/messages'
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
  /** Whether a file is there that is not a link cache (never replaced). */
  foreign: boolean
  messages: VFileMessage[]
}

/** Options of `readCache`. */
export interface ReadCacheOptions {
  /** The clock (ms since 1970, default `Date.now()`): a time after it is taken as it. */
  now?: number | undefined
}

/** Options of `writeCache`. */
export interface WriteCacheOptions extends ReadCacheOptions {
  /**
   * Merge with the cache on disk (written by another run since this one read
   * it): per URL the newest entry (`mergeCacheEntries`).
   */
  merge?: boolean | undefined
  /** Which entries to keep (after merging). */
  keep?: ((entry: CacheEntry) => boolean) | undefined
  /** The lock's timeouts. */
  lock?: LockOptions | undefined
}

const classes = new Set<string>(['ok', 'redirected', 'dead', 'unverifiable'])

/**
 * The start of a file written by `writeCache` (and of earlier versions): a
 * file that starts so is ours even when the rest is damaged.
 */
const formatMarker = /^\s*\{\s*"format"\s*:\s*"coursemark-link-cache"/

/** Read the cache at `path`; a missing (or empty) file is an empty cache. Never throws. */
export async function readCache(path: string, options: ReadCacheOptions = {}): Promise<LoadedCache> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (isMissing(error)) return {entries: new Map(), writable: true, foreign: false, messages: []}
    return {
      entries: new Map(),
      writable: false,
      foreign: false,
      messages: [cacheWarning(path, `Unexpected unreadable link cache (${describe(error)}), expected a readable file; it is ignored`)]
    }
  }

  if (text.trim() === '') return {entries: new Map(), writable: true, foreign: false, messages: []}
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    data = undefined
  }

  if (!isRecord(data) || data.format !== cacheFormat || !isRecord(data.entries)) {
    if (formatMarker.test(text)) {
      return {
        entries: new Map(),
        writable: true,
        foreign: false,
        messages: [cacheWarning(path, 'Unexpected corrupt link cache, expected a coursemark link cache; it is ignored and replaced')]
      }
    }

    return {entries: new Map(), writable: false, foreign: true, messages: [foreignWarning(path)]}
  }

  if (data.version !== cacheVersion && data.version !== 1) {
    return {
      entries: new Map(),
      writable: true,
      foreign: false,
      messages: [cacheWarning(path, `Unexpected link cache version \`${String(data.version)}\`, expected \`${cacheVersion}\`; it is ignored and replaced`)]
    }
  }

  const migrate = data.version === 1
  const now = options.now ?? Date.now()
  const entries = new Map<string, CacheEntry>()
  let malformed = 0
  for (const [url, value] of Object.entries(data.entries)) {
    let bad = false
    const entry = toEntry(value, now, () => (bad = true))
    if (entry) entries.set(url, migrate ? migrateEntry(entry) : entry)
    if (!entry || bad) malformed++
  }

  const messages =
    malformed === 0
      ? []
      : [cacheWarning(path, `Unexpected ${malformed} malformed ${malformed === 1 ? 'entry' : 'entries'} in the link cache (a value of another type or out of range), expected entries as coursemark writes them; what is malformed is ignored`)]
  return {entries, writable: true, foreign: false, messages}
}

/**
 * Why the file at `path` may not be used as the link cache (it is there and
 * is not one), or `undefined` when it may: missing, empty, or ours.
 */
export async function foreignCacheMessage(path: string): Promise<VFileMessage | undefined> {
  const loaded = await readCache(path)
  return loaded.foreign ? loaded.messages[0] : undefined
}

/**
 * Write the cache: under its lock, read the file again (another run may have
 * written it since), merge when asked to, then write atomically (temporary
 * file, fsync, rename): a reader sees the old file or the new one, never half
 * of one. A file that is not a link cache is never replaced. Returns a
 * warning instead of throwing.
 */
export async function writeCache(
  path: string,
  entries: ReadonlyMap<string, CacheEntry>,
  options: WriteCacheOptions = {}
): Promise<VFileMessage | undefined> {
  try {
    await mkdir(dirname(path), {recursive: true})
    const outcome = await withFileLock(
      path,
      async () => {
        const onDisk = await readCache(path, options)
        if (onDisk.foreign) return onDisk.messages[0]
        let merged = options.merge && onDisk.writable ? mergeCacheEntries([onDisk.entries, entries]) : new Map(entries)
        if (options.keep) merged = new Map([...merged].filter(([, entry]) => options.keep?.(entry)))
        const file: CacheFile = {
          format: cacheFormat,
          version: cacheVersion,
          entries: Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        }
        await writeAtomic(path, JSON.stringify(file, null, 1) + '\n')
        return undefined
      },
      options.lock
    )
    if (!outcome.locked) {
      return cacheWarning(path, `Unexpected lock \`${outcome.lockPath}\` held by another run, expected it released in time; results of this run are not cached`)
    }

    return outcome.value
  } catch (error) {
    return cacheWarning(path, `Unexpected failure writing the link cache (${describe(error)}), expected a writable path; results are not cached`)
  }
}

/**
 * Per URL, the newest entry (by `checkedAt`) with every field it has; on a
 * tie, the later cache wins.
 *
 * @example
 *   mergeCacheEntries([shard1.entries, shard2.entries])
 */
export function mergeCacheEntries(caches: ReadonlyArray<ReadonlyMap<string, CacheEntry>>): Map<string, CacheEntry> {
  const merged = new Map<string, CacheEntry>()
  for (const entries of caches) {
    for (const [url, entry] of entries) {
      const current = merged.get(url)
      if (!current || Date.parse(entry.checkedAt) >= Date.parse(current.checkedAt)) merged.set(url, entry)
    }
  }

  return merged
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

/**
 * A cache entry read from the file, or `undefined` when a required field is
 * of another type or out of range; an optional field that is (history, an
 * archive lookup, a status) is dropped. Either way `problem` is called. Its
 * times are taken as `now` when later.
 */
function toEntry(value: unknown, now: number, problem: () => void): CacheEntry | undefined {
  if (!isRecord(value)) return undefined
  const {class: kind, status, redirectedTo, reason, checkedAt} = value
  if (typeof kind !== 'string' || !classes.has(kind)) return undefined
  if (typeof reason !== 'string' || !isTime(checkedAt)) return undefined
  const entry: CacheEntry = {class: kind as CacheEntry['class'], reason, checkedAt: notAfter(checkedAt, now)}
  if (isStatus(status)) entry.status = status
  else if (status !== undefined) problem()
  if (typeof redirectedTo === 'string') entry.redirectedTo = redirectedTo
  else if (redirectedTo !== undefined) problem()
  for (const key of ['unverifiableSince', 'lastWorkingAt', 'firstFailedAt'] as const) {
    const time = value[key]
    if (isTime(time)) entry[key] = notAfter(time, now)
    else if (time !== undefined) problem()
  }

  const failed = value.failedChecks
  if (typeof failed === 'number' && Number.isSafeInteger(failed) && failed >= 0) {
    if (failed > 0) entry.failedChecks = failed
  } else if (failed !== undefined) {
    problem()
  }

  const archive = toLookup(value.archive, now)
  if (archive) entry.archive = archive
  else if (value.archive !== undefined) problem()
  return entry
}

function toLookup(value: unknown, now: number): ArchiveLookup | undefined {
  if (!isRecord(value) || !isTime(value.checkedAt)) return undefined
  const checkedAt = notAfter(value.checkedAt, now)
  const copy = value.copy
  if (copy === null) return {checkedAt, copy: null}
  if (!isRecord(copy) || typeof copy.url !== 'string' || typeof copy.timestamp !== 'string') return undefined
  return {checkedAt, copy: {url: copy.url, timestamp: copy.timestamp}}
}

/** An HTTP status code: three digits (some sites answer with their own, such as `999`). */
function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 999
}

/** `time`, or `now` when `time` is later (a clock that was ahead, or a forged entry that would stay fresh for ever). */
function notAfter(time: string, now: number): string {
  return Date.parse(time) > now ? new Date(now).toISOString() : time
}

/** Whether a result of `checkedAt` is younger than `ttl` at `now` (a time in the future is not). */
export function isFresh(checkedAt: string, ttl: number, now: number): boolean {
  const age = now - Date.parse(checkedAt)
  return age >= 0 && age < ttl
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
}

function foreignWarning(path: string): VFileMessage {
  return createMessage(
    `Unexpected file that is not a coursemark link cache, expected \`format: '${cacheFormat}'\` or no file; it is left unchanged`,
    {ruleId: 'link-cache', place: undefined, severity: 'warning', file: path}
  )
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
