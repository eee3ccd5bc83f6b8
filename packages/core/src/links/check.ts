/**
 * `checkLinks`: every external link, requested once per run, through
 * linkinator, with the limits linkinator 7 leaves to its caller: a global and
 * a per-host cap on requests in flight, a per-request timeout, bounded retries
 * with exponential backoff and jitter, `Retry-After` up to a cap, an overall
 * deadline, a persistent cache, and a guard against private addresses that
 * holds for redirects and DNS answers too.
 *
 * linkinator does each check (`LinkChecker#crawl` with `crawl: false`: HEAD,
 * then GET when HEAD is not 2xx) with `redirects: 'error'`, so every redirect
 * comes back to us with its `Location`: we follow hops ourselves and guard
 * each one. Its own queue, retries and redirect following are not used.
 */
import type {VFileMessage} from 'vfile-message'
import type {Checkpoint} from '../model.js'
import {readCache, writeCache, type CacheEntry} from './cache.js'
import {collectLinks, normaliseUrl, type LinkOccurrence} from './collect.js'
import {second, settingsFrom, type CheckLinksOptions} from './options.js'
import {linkMessages} from './report.js'
import {Run, type Counter, type Item, type Outcome} from './run.js'

/** How a URL fared. */
export type LinkClass = 'ok' | 'redirected' | 'dead' | 'unverifiable' | 'skipped'

/** The result for one unique URL. */
export interface UrlResult {
  /** The URL requested: normalised, without `#fragment`. */
  url: string
  class: LinkClass
  /** HTTP status: the permanent redirect's for `redirected`, else the last answer's. */
  status?: number
  /** For `redirected`: where the permanent redirects lead (the fix). */
  redirectedTo?: string
  /** Why, as written in messages: "`404 Not Found`", "refused connection". */
  reason: string
  /**
   * Checks this URL made (each a HEAD, and a GET when the HEAD is not 2xx),
   * retries and redirect hops included; a hop to a URL already checked in the
   * run reuses that answer and is not counted.
   */
  attempts: number
  /** HTTP requests those checks made. */
  requests: number
  /** ISO 8601 time of the check (from `now()`; of the cached check when `fromCache`). */
  checkedAt: string
  fromCache: boolean
  /** For `unverifiable`: since when every run found it unverifiable (ISO 8601). */
  unverifiableSince?: string
  /** Every place the URL is written. */
  occurrences: LinkOccurrence[]
}

/** Numbers of a run, for progress lines and benchmarks. */
export interface LinkStats {
  /** Unique URLs (after normalising and dropping fragments). */
  uniqueUrls: number
  /** Unique URLs that were requested in this run. */
  checked: number
  /** HTTP requests made. */
  requests: number
  /** Unique URLs answered from a fresh cache entry. */
  cacheHits: number
  skipped: number
  /** Most requests in flight at once. */
  peakConcurrency: number
  /** Most requests in flight at once to one host. */
  peakPerHost: number
  /** Most requests in flight at once, per host name. */
  hostPeaks: Record<string, number>
  /** Wall time of the run, in ms. */
  wallTimeMs: number
  /** Whether the deadline (or `signal`) stopped checks. */
  stopped: boolean
}

/** What `checkLinks` returns. */
export interface LinkReport {
  /** One per unique URL, in order of first occurrence. */
  results: UrlResult[]
  stats: LinkStats
  /**
   * Diagnostics: one per occurrence of a `dead`, `redirected` or
   * `unverifiable` URL, in input order, plus `link-cache` warnings.
   */
  messages: VFileMessage[]
}

/**
 * Check every external link of the given checkpoints (or of the given
 * occurrences). Each unique URL is requested at most once per run however
 * often it is written. Never throws for a link: problems are results and
 * messages. Throws only for invalid options.
 *
 * @example
 *   const report = await checkLinks(checkpoints, {cache: {path: '.cache/links.json'}})
 *   for (const message of report.messages) console.log(String(message))
 *   report.stats.requests // HTTP requests made
 */
export async function checkLinks(
  input: readonly LinkOccurrence[] | readonly Checkpoint[],
  options: CheckLinksOptions = {}
): Promise<LinkReport> {
  const settings = settingsFrom(options)
  const started = performance.now()
  const occurrences = isCheckpoints(input) ? collectLinks(input) : [...input]
  const items = new Map<string, Item>()
  /** URLs decided without a request: other schemes, excluded, unparsable. */
  const decided: Array<{item: Item; outcome: Outcome}> = []

  for (const occurrence of occurrences) {
    const parsed = normaliseUrl(occurrence.url)
    const key = parsed?.key ?? occurrence.url.trim()
    let item = items.get(key)
    if (!item) {
      item = {key, hostname: parsed?.hostname ?? '', occurrences: []}
      items.set(key, item)
      const early = parsed
        ? parsed.scheme !== 'http' && parsed.scheme !== 'https'
          ? {class: 'skipped' as const, reason: `\`${parsed.scheme}:\` URL, not \`http:\` or \`https:\``}
          : excluded(parsed.key, occurrence.url, settings.exclude)
        : {class: 'dead' as const, reason: 'invalid URL'}
      if (early) decided.push({item, outcome: early})
    }

    item.occurrences.push(occurrence)
  }

  const messages: VFileMessage[] = []
  const cachePath = settings.cache?.path
  const loaded = cachePath ? await readCache(cachePath) : undefined
  if (loaded) for (const message of loaded.messages) messages.push(message)
  const cached = loaded?.entries ?? new Map<string, CacheEntry>()
  const ttl = settings.cache?.ttl ?? {ok: 0, redirected: 0, dead: 0}

  const run = new Run(settings, options.signal)
  const total = items.size
  let done = 0
  const progress = (item: Item) => {
    done++
    if (options.onProgress) {
      const seconds = (performance.now() - started) / second
      options.onProgress({done, total, host: item.hostname, rate: seconds > 0 ? done / seconds : done})
    }
  }

  const early = new Set<Item>()
  for (const {item, outcome} of decided) {
    early.add(item)
    item.result = toResult(item, outcome, {attempts: 0, requests: 0}, settings.now(), false)
    progress(item)
  }

  let cacheHits = 0
  const pending: Item[] = []
  for (const item of items.values()) {
    if (early.has(item)) continue
    const entry = cached.get(item.key)
    if (entry && entry.class !== 'unverifiable' && isFresh(entry, ttl[entry.class], settings.now())) {
      cacheHits++
      item.result = fromEntry(item, entry)
      progress(item)
    } else {
      pending.push(item)
    }
  }

  run.start()
  try {
    await Promise.all(
      pending.map(async (item) => {
        const counter: Counter = {attempts: 0, requests: 0}
        const outcome = await run.check(item, counter)
        item.result = toResult(item, outcome, counter, settings.now(), false)
        if (outcome.stopped) run.stoppedItems.add(item)
        progress(item)
      })
    )
  } finally {
    run.finish()
  }

  const results: UrlResult[] = []
  const nowMs = settings.now()
  for (const item of items.values()) {
    const result = item.result
    if (!result) continue
    if (result.class === 'unverifiable' && !run.stoppedItems.has(item)) {
      const previous = cached.get(item.key)
      result.unverifiableSince =
        previous?.class === 'unverifiable' ? (previous.unverifiableSince ?? previous.checkedAt) : result.checkedAt
    }

    results.push(result)
  }

  if (cachePath && loaded?.writable) {
    let changed = false
    const entries = new Map(cached)
    for (const item of pending) {
      const result = item.result
      if (!result || result.class === 'skipped' || run.stoppedItems.has(item)) continue
      entries.set(item.key, toEntry(result))
      changed = true
    }

    const maxAge = settings.cache?.maxAge ?? 0
    for (const [url, entry] of entries) {
      if (nowMs - Date.parse(entry.checkedAt) > maxAge) {
        entries.delete(url)
        changed = true
      }
    }

    if (changed || loaded.messages.length > 0) {
      const warning = await writeCache(cachePath, entries)
      if (warning) messages.push(warning)
    }
  }

  const byUrl = new Map<string, UrlResult>()
  for (const result of results) byUrl.set(result.url, result)
  messages.push(
    ...linkMessages(occurrences, (url) => {
      const parsed = normaliseUrl(url)
      return byUrl.get(parsed?.key ?? url.trim())
    }, {unverifiableMaxAge: settings.unverifiableMaxAge, now: nowMs})
  )

  const hostPeaks = Object.fromEntries(run.limiter.hostPeaks)
  return {
    results,
    messages,
    stats: {
      uniqueUrls: items.size,
      checked: pending.length,
      requests: run.requests,
      cacheHits,
      skipped: results.filter((result) => result.class === 'skipped').length,
      peakConcurrency: run.limiter.peak,
      peakPerHost: Math.max(0, ...Object.values(hostPeaks)),
      hostPeaks,
      wallTimeMs: Math.round(performance.now() - started),
      stopped: run.stopped
    }
  }
}

function excluded(
  key: string,
  written: string,
  patterns: ReadonlyArray<{pattern: RegExp; text: string}>
): Outcome | undefined {
  for (const {pattern, text} of patterns) {
    pattern.lastIndex = 0
    const hit = pattern.test(key) || ((pattern.lastIndex = 0), pattern.test(written.trim()))
    if (hit) return {class: 'skipped', reason: `excluded by \`${text}\``}
  }

  return undefined
}

function isCheckpoints(input: readonly LinkOccurrence[] | readonly Checkpoint[]): input is readonly Checkpoint[] {
  const first = input[0]
  return first !== undefined && 'links' in first && 'sections' in first
}

function isFresh(entry: CacheEntry, ttl: number, now: number): boolean {
  const age = now - Date.parse(entry.checkedAt)
  return age >= 0 && age < ttl
}

function toResult(item: Item, outcome: Outcome, counter: Counter, now: number, fromCache: boolean): UrlResult {
  const result: UrlResult = {
    url: item.key,
    class: outcome.class,
    reason: outcome.reason,
    attempts: counter.attempts,
    requests: counter.requests,
    checkedAt: new Date(now).toISOString(),
    fromCache,
    occurrences: item.occurrences
  }
  if (outcome.status !== undefined) result.status = outcome.status
  if (outcome.redirectedTo !== undefined) result.redirectedTo = outcome.redirectedTo
  return result
}

function fromEntry(item: Item, entry: CacheEntry): UrlResult {
  const result: UrlResult = {
    url: item.key,
    class: entry.class,
    reason: entry.reason,
    attempts: 0,
    requests: 0,
    checkedAt: entry.checkedAt,
    fromCache: true,
    occurrences: item.occurrences
  }
  if (entry.status !== undefined) result.status = entry.status
  if (entry.redirectedTo !== undefined) result.redirectedTo = entry.redirectedTo
  return result
}

/** A cache entry from a checked result (never called for `skipped`, which is not stored). */
function toEntry(result: UrlResult): CacheEntry {
  const entry: CacheEntry = {
    class: result.class === 'skipped' ? 'unverifiable' : result.class,
    reason: result.reason,
    checkedAt: result.checkedAt
  }
  if (result.status !== undefined) entry.status = result.status
  if (result.redirectedTo !== undefined) entry.redirectedTo = result.redirectedTo
  if (result.unverifiableSince !== undefined) entry.unverifiableSince = result.unverifiableSince
  return entry
}
