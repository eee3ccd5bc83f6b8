/**
 * `createLinkRun` and `checkLinks`: every external link, requested once per
 * run, through linkinator, with the limits linkinator 7 leaves to its caller:
 * a global and a per-host cap on requests in flight (the host with the longest
 * queue first), a per-request timeout, bounded retries with exponential
 * backoff and jitter, `Retry-After` up to a cap, an overall deadline, a
 * persistent cache, and a guard against private addresses that holds for
 * redirects, reused connections and DNS answers too.
 *
 * A run starts checking as soon as URLs are added, so a caller can add each
 * file's links while other files are still being parsed.
 *
 * linkinator does each check (`LinkChecker#crawl` with `crawl: false`: HEAD,
 * then GET when HEAD is not 2xx) with `redirects: 'error'`, so every redirect
 * comes back to us with its `Location`: we follow hops ourselves and guard
 * each one. Its own queue, retries and redirect following are not used.
 */
import type {Checkpoint} from '@coursemark/core'
import {findArchivedCopies, type ArchiveRun} from './archive.js'
import {historyFields, historyOf, isFresh, nextHistory, readCache, writeCache, type CacheEntry, type LoadedCache} from './cache.js'
import {collectLinks, normaliseUrl, type LinkOccurrence} from './collect.js'
import {guardsHost, second, settingsFrom, type CheckLinksOptions, type Settings} from './options.js'
import {code} from '@coursemark/core/messages'
import {linkMessages} from './report.js'
import {Run, type Counter} from './run.js'
import {shardOf} from './shard.js'
import type {LinkReport, UrlFinding, UrlResult} from './types.js'

/** A link check that takes URLs as they are found. */
export interface LinkRun {
  /** Add places where URLs are written; URLs not seen before start checking at once. */
  add(occurrences: readonly LinkOccurrence[]): void
  /** No more URLs: wait for the checks, write the cache, and report. Call it once, always. */
  finish(): Promise<LinkReport>
}

/** A unique URL and where it is written. */
interface Item {
  key: string
  hostname: string
  occurrences: LinkOccurrence[]
  result?: UrlResult
  /** Checked in this run (not decided early, not from the cache). */
  checked?: boolean
  /** Cut short by the deadline: not cached. */
  stopped?: boolean
}

/**
 * Start a link run: checks begin with the first `add`, and the deadline runs
 * from now. Throws a `TypeError` for invalid options.
 *
 * @example
 *   const run = createLinkRun({cache: {path: '.cache/links.json'}})
 *   for (const file of files) run.add(collectLinks([parse(file)]))
 *   const report = await run.finish()
 */
export function createLinkRun(options: CheckLinksOptions = {}): LinkRun {
  return new StreamingRun(settingsFrom(options), options)
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
  const run = createLinkRun(options)
  run.add(isCheckpoints(input) ? collectLinks(input) : input)
  return run.finish()
}

class StreamingRun implements LinkRun {
  readonly #settings: Settings
  readonly #options: CheckLinksOptions
  readonly #started: number
  readonly #run: Run
  readonly #items = new Map<string, Item>()
  readonly #occurrences: LinkOccurrence[] = []
  /** The key of each URL as written, so that it is normalised once. */
  readonly #keys = new Map<string, string>()
  readonly #work: Array<Promise<void>> = []
  readonly #cache: Promise<LoadedCache | undefined>
  #failure: {error: unknown} | undefined
  #cacheHits = 0
  #done = 0
  /** When the first URL came, and when the last one settled (`now()`). */
  #firstAt: number | undefined
  #lastAt: number | undefined
  #finished = false

  constructor(settings: Settings, options: CheckLinksOptions) {
    this.#settings = settings
    this.#options = options
    this.#started = settings.now()
    const path = settings.cache?.path
    this.#cache = path ? readCache(path, {now: this.#started}) : Promise.resolve(undefined)
    this.#run = new Run(settings, options.signal)
    this.#run.start()
  }

  add(occurrences: readonly LinkOccurrence[]): void {
    if (this.#finished) throw new Error('Unexpected `add` after `finish`, expected every URL before it')
    const shard = this.#settings.shard
    if (occurrences.length > 0) this.#firstAt ??= this.#settings.now()
    for (const occurrence of occurrences) {
      const known = this.#keys.get(occurrence.url)
      const parsed = known === undefined ? normaliseUrl(occurrence.url) : undefined
      const key = known ?? parsed?.key ?? occurrence.url.trim()
      let item = this.#items.get(key)
      if (!item) {
        const hostname = parsed?.hostname ?? ''
        if (shard && shardOf(hostname, shard.count) !== shard.index) continue
        item = {key, hostname, occurrences: []}
        this.#items.set(key, item)
        const early: UrlFinding | undefined = parsed
          ? parsed.scheme !== 'http' && parsed.scheme !== 'https'
            ? {class: 'skipped', reason: `${code(parsed.scheme + ':')} URL, not \`http:\` or \`https:\``}
            : excluded(parsed.key, occurrence.url, this.#settings.exclude)
          : {class: 'dead', reason: 'invalid URL'}
        const decided = item
        // Decided ones settle after this `add`, so that progress counts all its URLs.
        const work = early
          ? Promise.resolve().then(() => this.#settle(decided, early, {attempts: 0, requests: 0}))
          : this.#check(decided)
        this.#work.push(work.catch((error: unknown) => {
          this.#failure ??= {error}
        }))
      }

      this.#keys.set(occurrence.url, key)
      item.occurrences.push(occurrence)
      this.#occurrences.push(occurrence)
    }
  }

  async finish(): Promise<LinkReport> {
    if (this.#finished) throw new Error('Unexpected second `finish`, expected one per run')
    this.#finished = true
    let loaded: LoadedCache | undefined
    try {
      await Promise.all(this.#work)
      loaded = await this.#cache
    } finally {
      await this.#run.finish()
    }

    if (this.#failure) throw this.#failure.error
    return this.#report(loaded)
  }

  /** A URL to request, unless the cache has a fresh answer for it. */
  async #check(item: Item): Promise<void> {
    const cached = (await this.#cache)?.entries.get(item.key)
    const ttl = this.#settings.cache?.ttl
    if (cached && ttl && cached.class !== 'unverifiable' && isFresh(cached.checkedAt, ttl[cached.class], this.#settings.now())) {
      this.#cacheHits++
      item.result = fromEntry(item, cached)
      this.#progress(item)
      return
    }

    const counter: Counter = {attempts: 0, requests: 0}
    const checked = await this.#run.check(item.key, counter)
    item.checked = true
    if (checked.stopped) item.stopped = true
    this.#settle(item, checked.finding, counter)
  }

  #settle(item: Item, finding: UrlFinding, counter: Counter): void {
    const result: UrlResult = {
      url: item.key,
      ...finding,
      attempts: counter.attempts,
      requests: counter.requests,
      checkedAt: new Date(this.#settings.now()).toISOString(),
      fromCache: false,
      occurrences: item.occurrences
    }
    item.result = result
    this.#progress(item)
  }

  #progress(item: Item): void {
    this.#done++
    this.#lastAt = this.#settings.now()
    const onProgress = this.#options.onProgress
    if (!onProgress) return
    const seconds = (this.#settings.now() - this.#started) / second
    onProgress({done: this.#done, total: this.#items.size, host: item.hostname, rate: seconds > 0 ? this.#done / seconds : this.#done})
  }

  /** Results in order of first occurrence, the cache written, messages and numbers. */
  async #report(loaded: LoadedCache | undefined): Promise<LinkReport> {
    const messages = [...(loaded?.messages ?? [])]
    const cached = loaded?.entries ?? new Map<string, CacheEntry>()
    const results: UrlResult[] = []
    for (const item of this.#items.values()) {
      const result = item.result
      if (!result) continue
      if (result.class === 'unverifiable' && !item.stopped && !result.fromCache) {
        const previous = cached.get(item.key)
        result.unverifiableSince =
          previous?.class === 'unverifiable' ? (previous.unverifiableSince ?? previous.checkedAt) : result.checkedAt
      }

      if ((item.checked || result.fromCache) && !item.stopped) {
        const previous = cached.get(item.key)
        result.history = result.fromCache ? historyOf(previous) : nextHistory(previous, result.class, result.checkedAt)
      }

      results.push(result)
    }

    const archived = await this.#archive(results, cached)
    if (archived) messages.push(...archived.messages)
    const warning = await this.#writeCache(loaded, archived)
    if (warning) messages.push(warning)
    const byUrl = new Map(results.map((result) => [result.url, result]))
    const now = this.#settings.now()
    messages.push(
      ...linkMessages(this.#occurrences, (url) => byUrl.get(this.#keys.get(url) ?? url.trim()), {
        unverifiableMaxAge: this.#settings.unverifiableMaxAge,
        archiveAfter: this.#settings.archiveAfter,
        now
      })
    )
    return {results, messages, stats: this.#stats(results)}
  }

  /** With `archive` on: look up archived copies of requested dead URLs and attach them to the results. */
  async #archive(results: UrlResult[], cached: ReadonlyMap<string, CacheEntry>): Promise<ArchiveRun | undefined> {
    const settings = this.#settings
    if (!settings.archive) return undefined
    const archived = await findArchivedCopies(
      // Requested and dead (an invalid URL has no history and no copy).
      results
        .filter((result) => result.class === 'dead' && result.history !== undefined)
        .map((result) => ({url: result.url, history: result.history, cached: cached.get(result.url)})),
      settings.archive,
      {now: settings.now, userAgent: settings.userAgent, guards: (hostname) => guardsHost(settings.allowPrivate, hostname), lookup: settings.lookup}
    )
    for (const result of results) {
      const lookup = archived.lookups.get(result.url)
      if (lookup) result.archive = lookup
    }

    return archived
  }

  /** Store what this run checked and new archive lookups; drop entries past `maxAge`. */
  async #writeCache(loaded: LoadedCache | undefined, archived: ArchiveRun | undefined): Promise<Awaited<ReturnType<typeof writeCache>>> {
    const path = this.#settings.cache?.path
    if (!path || !loaded?.writable) return undefined
    let changed = loaded.messages.length > 0
    const entries = new Map(loaded.entries)
    for (const item of this.#items.values()) {
      const result = item.result
      if (!item.checked || !result || result.class === 'skipped' || item.stopped) continue
      entries.set(item.key, toEntry(result))
      changed = true
    }

    // New lookups for dead results served from the cache.
    for (const url of archived?.fresh ?? []) {
      const entry = entries.get(url)
      const lookup = archived?.lookups.get(url)
      if (entry && lookup && entry.archive !== lookup) {
        entries.set(url, {...entry, archive: lookup})
        changed = true
      }
    }

    const maxAge = this.#settings.cache?.maxAge ?? 0
    const now = this.#settings.now()
    const keep = (entry: CacheEntry) => now - Date.parse(entry.checkedAt) <= maxAge
    for (const [url, entry] of entries) {
      if (!keep(entry)) {
        entries.delete(url)
        changed = true
      }
    }

    // Merged with what another run (a CI matrix, an editor) wrote since this one read the file.
    return changed ? writeCache(path, entries, {merge: true, keep, now}) : undefined
  }

  #stats(results: UrlResult[]): LinkReport['stats'] {
    const run = this.#run
    const hostPeaks = Object.fromEntries(run.limiter.hostPeaks)
    return {
      uniqueUrls: this.#items.size,
      checked: [...this.#items.values()].filter((item) => item.checked).length,
      requests: run.agent.requests,
      connections: run.agent.connections,
      closeAfterHead: [...run.agent.closeAfterHead].sort(),
      cacheHits: this.#cacheHits,
      skipped: results.filter((result) => result.class === 'skipped').length,
      peakConcurrency: run.limiter.peak,
      peakPerHost: Math.max(0, ...Object.values(hostPeaks)),
      hostPeaks,
      wallTimeMs: this.#firstAt === undefined || this.#lastAt === undefined ? 0 : Math.round(this.#lastAt - this.#firstAt),
      stopped: run.stopped
    }
  }
}

function excluded(
  key: string,
  written: string,
  patterns: ReadonlyArray<{test: (url: string) => boolean; text: string}>
): UrlFinding | undefined {
  for (const {test, text} of patterns) {
    if (test(key) || test(written.trim())) return {class: 'skipped', reason: `excluded by ${code(text)}`}
  }

  return undefined
}

function isCheckpoints(input: readonly LinkOccurrence[] | readonly Checkpoint[]): input is readonly Checkpoint[] {
  const first = input[0]
  return first !== undefined && 'links' in first && 'sections' in first
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
  Object.assign(entry, historyFields(result.history))
  if (result.archive !== undefined) entry.archive = result.archive
  return entry
}
