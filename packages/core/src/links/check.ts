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
import {AsyncLocalStorage} from 'node:async_hooks'
import dc from 'node:diagnostics_channel'
import {createRequire} from 'node:module'
import {resolve} from 'node:path'
import type {Socket} from 'node:net'
import {LinkChecker, LinkState, type LinkResult} from 'linkinator'
import type {VFileMessage} from 'vfile-message'
import type {Checkpoint} from '../model.js'
import {checkHost, isPrivateAddress, systemLookup, type HostVerdict, type Lookup} from './address.js'
import {readCache, writeCache, type CacheEntry} from './cache.js'
import {classify, privateAddressCode, statusText, type Verdict} from './classify.js'
import {collectLinks, normaliseUrl, type LinkOccurrence} from './collect.js'
import {Limiter} from './limiter.js'
import {linkMessages} from './report.js'

const require = createRequire(import.meta.url)
const {version} = require('../../package.json') as {version: string}

/** The User-Agent sent unless `userAgent` or `headers` say otherwise. */
export const defaultUserAgent = `coursemark/${version} (+https://github.com/coursemark/coursemark; link checker)`

/** Where the cache goes, relative to `cwd`, unless `cache.path` says otherwise. */
export const defaultCachePath = 'node_modules/.cache/coursemark/links.json'

const second = 1000
const hour = 3600 * second
const day = 24 * hour

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
  /** Checks made (each one a HEAD, and a GET when the HEAD is not 2xx), retries and redirect hops included. */
  attempts: number
  /** HTTP requests made for this URL in this run. */
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

/** Progress of a run, after each unique URL. */
export interface LinkProgress {
  /** Unique URLs finished, cached and skipped included. */
  done: number
  total: number
  /** Host of the URL just finished. */
  host: string
  /** Unique URLs finished a second so far. */
  rate: number
}

/** The persistent cache. */
export interface LinkCacheOptions {
  /** File path, relative to `cwd` (default `node_modules/.cache/coursemark/links.json`). */
  path?: string | undefined
  /** How long an `ok` result stays fresh, in ms (default one day). */
  ttlOk?: number | undefined
  /** How long a `redirected` result stays fresh, in ms (default `ttlOk`). */
  ttlRedirected?: number | undefined
  /** How long a `dead` result stays fresh, in ms (default one hour). */
  ttlDead?: number | undefined
  /** Entries not checked for this long are dropped from the file, in ms (default 30 days). */
  maxAge?: number | undefined
}

/** Options of `checkLinks`. */
export interface CheckLinksOptions {
  /** Requests in flight at once, over all hosts (default 32). */
  concurrency?: number | undefined
  /** Requests in flight at once to one host name (default 4). */
  perHost?: number | undefined
  /** Per request, in ms (default 15000). */
  timeout?: number | undefined
  /** Retries after a 429, 408, 5xx, timeout or closed connection (default 2). */
  retries?: number | undefined
  /** First backoff, in ms; it doubles each retry, plus up to as much again of jitter (default 1000). */
  backoff?: number | undefined
  /** Longest `Retry-After` honoured, in ms; a longer one ends the retries (default 60000). */
  retryAfterCap?: number | undefined
  /** The whole run, in ms: checks not done by then are `unverifiable` (default 600000). */
  deadline?: number | undefined
  /** Stops the run like the deadline does. */
  signal?: AbortSignal | undefined
  /** Redirect hops followed before giving up (default 10). */
  maxRedirects?: number | undefined
  /** The cache, or `false` for none (default: on, at `defaultCachePath`). */
  cache?: LinkCacheOptions | false | undefined
  /** Folder the cache path is relative to (default `process.cwd()`). */
  cwd?: string | undefined
  /**
   * URLs not to request (`skipped`): a string is a URL prefix in which `*`
   * matches anything (`https://www.linkedin.com/`, `*://*.internal/*`); a
   * RegExp is tested against the URL.
   */
  exclude?: ReadonlyArray<string | RegExp> | undefined
  /**
   * Request private, loopback and link-local addresses too: `true` for any
   * host, or the host names and IP addresses that may be private (default
   * `false`: none).
   */
  allowPrivate?: boolean | readonly string[] | undefined
  /** Default `coursemark/<version> (+https://github.com/coursemark/coursemark; link checker)`. */
  userAgent?: string | undefined
  /** Extra request headers by host name: `'example.com'`, `'*.example.com'` or `'*'` (later, more specific ones win). */
  headers?: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined
  /**
   * An `unverifiable` URL that stayed unverifiable in every run for at least
   * this long (ms, tracked in the cache) is reported as an error. Default:
   * never.
   */
  unverifiableMaxAge?: number | undefined
  /** Clock for cache times and `Retry-After` dates (default `Date.now`). */
  now?: (() => number) | undefined
  /** Resolves host names for the private-address guard (default: the system resolver). */
  lookup?: Lookup | undefined
  /** Called after each unique URL. */
  onProgress?: ((progress: LinkProgress) => void) | undefined
}

interface Settings {
  concurrency: number
  perHost: number
  timeout: number
  retries: number
  backoff: number
  retryAfterCap: number
  deadline: number
  maxRedirects: number
  /** `true`: no guard at all; a set: hosts exempt from it. */
  allowPrivate: true | ReadonlySet<string>
  userAgent: string
  headers: Readonly<Record<string, Readonly<Record<string, string>>>>
  exclude: RegExp[]
  now: () => number
  lookup: Lookup
}

/** A unique URL and where it is written. */
interface Item {
  key: string
  hostname: string
  occurrences: LinkOccurrence[]
  result?: UrlResult
}

interface Outcome {
  class: LinkClass
  status?: number
  redirectedTo?: string
  reason: string
  /** Stopped by the deadline: not cached. */
  stopped?: boolean
}

interface Counter {
  attempts: number
  requests: number
}

type CrawlOptions = Parameters<LinkChecker['crawl']>[0]

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
  const cacheOptions = options.cache === false ? undefined : (options.cache ?? {})
  const cachePath = cacheOptions
    ? resolve(options.cwd ?? process.cwd(), cacheOptions.path ?? defaultCachePath)
    : undefined
  const loaded = cachePath ? await readCache(cachePath) : undefined
  if (loaded) messages.push(...loaded.messages)
  const cached = loaded?.entries ?? new Map<string, CacheEntry>()
  const ttl = {
    ok: cacheOptions?.ttlOk ?? day,
    redirected: cacheOptions?.ttlRedirected ?? cacheOptions?.ttlOk ?? day,
    dead: cacheOptions?.ttlDead ?? hour
  }

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

    const maxAge = cacheOptions?.maxAge ?? 30 * day
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
    }, {unverifiableMaxAge: options.unverifiableMaxAge, now: nowMs})
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

/** The state of one run: slots, deadline, host pauses, request counting, the connect-time guard. */
class Run {
  readonly limiter: Limiter
  readonly stoppedItems = new Set<Item>()
  requests = 0
  stopped = false
  readonly #settings: Settings
  readonly #signal: AbortSignal | undefined
  readonly #hostVerdicts = new Map<string, Promise<HostVerdict>>()
  readonly #pausedUntil = new Map<string, number>()
  /** Host names in flight whose connections the guard watches, with counts. */
  readonly #guarded = new Map<string, number>()
  #deadlineAt = Number.POSITIVE_INFINITY
  #timer: NodeJS.Timeout | undefined
  #stop: () => void = () => undefined
  readonly #stoppedPromise: Promise<'stopped'>

  constructor(settings: Settings, signal: AbortSignal | undefined) {
    this.#settings = settings
    this.#signal = signal
    this.#watchConnections =
      settings.allowPrivate !== true &&
      !(process.env.https_proxy ?? process.env.HTTPS_PROXY ?? process.env.http_proxy ?? process.env.HTTP_PROXY)
    this.limiter = new Limiter(settings.concurrency, settings.perHost)
    this.#stoppedPromise = new Promise<'stopped'>((resolve) => {
      this.#stop = () => {
        if (this.stopped) return
        this.stopped = true
        this.limiter.close()
        resolve('stopped')
      }
    })
  }

  /** Counts every request undici creates inside one of our checks (found by async context). */
  readonly #onRequest = () => {
    const counter = checkContext.getStore()
    if (counter?.run !== this) return
    this.requests++
    counter.counter.requests++
  }

  readonly #onConnected = (message: unknown) => {
    const {connectParams, socket} = message as {connectParams?: {hostname?: unknown}; socket?: Socket}
    const hostname = typeof connectParams?.hostname === 'string' ? connectParams.hostname : undefined
    if (!hostname || !socket || !this.#guarded.has(hostname)) return
    const address = socket.remoteAddress
    if (address !== undefined && isPrivateAddress(address)) {
      const error = new Error(`host \`${hostname}\` connecting to private address \`${address}\``)
      socket.destroy(Object.assign(error, {code: privateAddressCode}))
    }
  }

  /** Behind a proxy the connection goes to the proxy, so only the DNS check guards. */
  readonly #watchConnections: boolean

  start(): void {
    dc.subscribe('undici:request:create', this.#onRequest)
    if (this.#watchConnections) dc.subscribe('undici:client:connected', this.#onConnected)
    this.#deadlineAt = performance.now() + this.#settings.deadline
    this.#timer = setTimeout(this.#stop, this.#settings.deadline)
    if (this.#signal?.aborted) this.#stop()
    this.#signal?.addEventListener('abort', this.#stop, {once: true})
  }

  finish(): void {
    clearTimeout(this.#timer)
    this.#signal?.removeEventListener('abort', this.#stop)
    dc.unsubscribe('undici:request:create', this.#onRequest)
    if (this.#watchConnections) dc.unsubscribe('undici:client:connected', this.#onConnected)
  }

  /** Check one URL: follow its redirects, each hop guarded and retried. */
  async check(item: Item, counter: Counter): Promise<Outcome> {
    const settings = this.#settings
    let current = new URL(item.key)
    const visited = new Set([current.href])
    let onlyPermanent = true
    let permanentTarget: string | undefined
    let permanentStatus: number | undefined
    let hops = 0
    for (;;) {
      const after = hops > 0 ? ` after a redirect to \`${current.href}\`` : ''
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return {class: 'unverifiable', reason: `redirect to a \`${current.protocol}\` URL`}
      }

      if (this.#guards(current.hostname)) {
        const host = await this.#checkHost(current.hostname)
        if (!host.allowed) {
          if (host.code === 'unknown-host') return {class: 'dead', reason: host.reason + after}
          if (host.code === 'private' && hops === 0) return {class: 'skipped', reason: host.reason}
          return {class: 'unverifiable', reason: host.reason + after}
        }
      }

      const verdict = await this.#attempt(current, counter)
      if (verdict === 'stopped') {
        return {class: 'unverifiable', reason: 'no answer before the deadline' + after, stopped: true}
      }

      if (verdict.kind === 'redirect' && verdict.location !== undefined) {
        hops++
        let next: URL
        try {
          next = new URL(verdict.location, current)
        } catch {
          return {class: 'unverifiable', status: verdict.status ?? 0, reason: `${verdict.reason} to an invalid \`Location\`` + after}
        }

        const fragment = next.hash
        next.hash = ''
        if (visited.has(next.href)) {
          return {class: 'unverifiable', status: verdict.status ?? 0, reason: 'redirect loop' + after}
        }

        if (hops > settings.maxRedirects) {
          return {class: 'unverifiable', reason: `more than ${settings.maxRedirects} redirects`}
        }

        visited.add(next.href)
        if (onlyPermanent && (verdict.status === 301 || verdict.status === 308)) {
          permanentTarget = next.href + fragment
          permanentStatus ??= verdict.status
        } else {
          onlyPermanent = false
        }

        current = next
        continue
      }

      if (verdict.kind === 'private') {
        return hops === 0
          ? {class: 'skipped', reason: verdict.reason}
          : {class: 'unverifiable', reason: verdict.reason + after}
      }

      if (verdict.kind === 'ok') {
        return permanentTarget !== undefined && permanentStatus !== undefined
          ? {class: 'redirected', status: permanentStatus, redirectedTo: permanentTarget, reason: statusText(permanentStatus)}
          : verdict.status === undefined
            ? {class: 'ok', reason: verdict.reason}
            : {class: 'ok', status: verdict.status, reason: verdict.reason}
      }

      const kind = verdict.kind === 'dead' ? 'dead' : 'unverifiable'
      return verdict.status === undefined
        ? {class: kind, reason: verdict.reason + after}
        : {class: kind, status: verdict.status, reason: verdict.reason + after}
    }
  }

  /** One URL, one hop: slots, the request, retries with backoff. */
  async #attempt(url: URL, counter: Counter): Promise<Verdict | 'stopped'> {
    const settings = this.#settings
    const host = url.hostname
    for (let retry = 0; ; retry++) {
      const paused = (this.#pausedUntil.get(host) ?? 0) - performance.now()
      if (paused > 0 && (await this.#sleep(paused)) === 'stopped') return 'stopped'
      if (this.stopped || !(await this.limiter.acquire(host))) return 'stopped'
      // A request is never given more time than is left before the deadline
      // (plus a margin, so that the deadline, not the timeout, ends it).
      const timeout = Math.max(1, Math.min(settings.timeout, Math.ceil(this.#deadlineAt - performance.now()) + 25))
      let result: LinkResult | 'stopped'
      counter.attempts++
      try {
        result = await this.#request(url, timeout, counter)
      } finally {
        this.limiter.release(host)
      }

      if (result === 'stopped') return 'stopped'
      const verdict = classify(result, timeout)
      if (!verdict.retry || retry >= settings.retries) return verdict
      let wait = settings.backoff * 2 ** retry + Math.random() * settings.backoff * 2 ** retry
      if (verdict.retryAfter !== undefined) {
        const asked = parseRetryAfter(verdict.retryAfter, settings.now())
        if (asked !== undefined) {
          if (asked > settings.retryAfterCap) {
            return {
              ...verdict,
              reason: `${verdict.reason} with \`Retry-After\` of ${Math.round(asked / second)} s, more than the ${Math.round(settings.retryAfterCap / second)} s cap`
            }
          }

          wait = asked
          const until = performance.now() + wait
          if (until > (this.#pausedUntil.get(host) ?? 0)) this.#pausedUntil.set(host, until)
        }
      }

      if (performance.now() + wait >= this.#deadlineAt) return verdict
      if ((await this.#sleep(wait)) === 'stopped') return 'stopped'
    }
  }

  /** One linkinator check: HEAD, then GET when HEAD is not 2xx; never past the deadline. */
  async #request(url: URL, timeout: number, counter: Counter): Promise<LinkResult | 'stopped'> {
    const guarded = this.#guards(url.hostname)
    if (guarded) this.#guarded.set(url.hostname, (this.#guarded.get(url.hostname) ?? 0) + 1)
    const results: LinkResult[] = []
    const crawl = checkContext.run({run: this, counter}, () => new LinkChecker().crawl({
      url,
      crawl: false,
      results,
      cache: new Set(),
      relationshipCache: new Set(),
      pendingChecks: new Map(),
      delayCache: new Map(),
      retryErrorsCache: new Map(),
      checkOptions: {
        path: url.href,
        timeout,
        redirects: 'error',
        headers: headersFor(url.hostname, this.#settings)
      },
      // Only used to schedule linkinator's own retries and the pages of a
      // crawl; both are off here (`retry`, `retryErrors`, `crawl` are false).
      queue: unusedQueue,
      rootPath: url.href,
      retry: false,
      retryErrors: false,
      retryErrorsCount: 0,
      retryErrorsJitter: 0
    }))
    try {
      const finished = await Promise.race([
        crawl.then(
          () => 'done' as const,
          (error: unknown) => {
            results.push({url: url.href, status: 0, state: LinkState.BROKEN, failureDetails: [error instanceof Error ? error : new Error(String(error))]})
            return 'done' as const
          }
        ),
        this.#stoppedPromise
      ])
      if (finished === 'stopped') return 'stopped'
      return results[0] ?? {url: url.href, status: 0, state: LinkState.BROKEN, failureDetails: []}
    } finally {
      if (guarded) {
        const count = (this.#guarded.get(url.hostname) ?? 1) - 1
        if (count > 0) this.#guarded.set(url.hostname, count)
        else this.#guarded.delete(url.hostname)
      }
    }
  }

  /** Whether the private-address guard applies to a host name. */
  #guards(hostname: string): boolean {
    const allowed = this.#settings.allowPrivate
    return allowed !== true && !allowed.has(hostname.replace(/^\[(.*)\]$/, '$1'))
  }

  #checkHost(hostname: string): Promise<HostVerdict> {
    let verdict = this.#hostVerdicts.get(hostname)
    if (!verdict) {
      verdict = checkHost(hostname, this.#settings.lookup)
      this.#hostVerdicts.set(hostname, verdict)
    }

    return verdict
  }

  async #sleep(ms: number): Promise<'slept' | 'stopped'> {
    let timer: NodeJS.Timeout | undefined
    const slept = new Promise<'slept'>((resolve) => {
      timer = setTimeout(() => resolve('slept'), ms)
    })
    try {
      return await Promise.race([slept, this.#stoppedPromise])
    } finally {
      clearTimeout(timer)
    }
  }
}

/** The check a request belongs to, so that `undici:request:create` can be attributed. */
const checkContext = new AsyncLocalStorage<{run: Run; counter: Counter}>()

const unusedQueue = undefined as unknown as CrawlOptions['queue']

/**
 * Parse `Retry-After`: seconds (`120`) or an HTTP date. Returns ms from
 * `now`, or `undefined` when unreadable.
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * second
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function settingsFrom(options: CheckLinksOptions): Settings {
  const count = (name: string, value: number | undefined, fallback: number, min: number) => {
    if (value === undefined) return fallback
    if (!Number.isFinite(value) || value < min || (min >= 1 && !Number.isInteger(value))) {
      throw new TypeError(`Unexpected value \`${String(value)}\` for \`${name}\`, expected a number of at least ${min}`)
    }

    return value
  }

  return {
    concurrency: count('concurrency', options.concurrency, 32, 1),
    perHost: count('perHost', options.perHost, 4, 1),
    timeout: count('timeout', options.timeout, 15 * second, 1),
    retries: count('retries', options.retries, 2, 0),
    backoff: count('backoff', options.backoff, second, 0),
    retryAfterCap: count('retryAfterCap', options.retryAfterCap, 60 * second, 0),
    deadline: count('deadline', options.deadline, 10 * 60 * second, 1),
    maxRedirects: count('maxRedirects', options.maxRedirects, 10, 0),
    allowPrivate:
      options.allowPrivate === true
        ? true
        : new Set((options.allowPrivate || []).map((host) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1'))),
    userAgent: options.userAgent ?? defaultUserAgent,
    headers: options.headers ?? {},
    exclude: (options.exclude ?? []).map((pattern) => toPattern(pattern)),
    now: options.now ?? Date.now,
    lookup: options.lookup ?? systemLookup
  }
}

function toPattern(pattern: string | RegExp): RegExp {
  if (pattern instanceof RegExp) return pattern
  const source = pattern.split('*').map((part) => part.replace(/[\\^$.+?()[\]{}|/]/g, '\\$&')).join('.*')
  return new RegExp('^' + source)
}

function excluded(key: string, written: string, patterns: readonly RegExp[]): Outcome | undefined {
  for (const pattern of patterns) {
    pattern.lastIndex = 0
    const hit = pattern.test(key) || ((pattern.lastIndex = 0), pattern.test(written.trim()))
    if (hit) return {class: 'skipped', reason: `excluded by \`${String(pattern.source)}\``}
  }

  return undefined
}

/** Headers for a host: `'*'`, then `'*.domain'` patterns, then the exact name; the User-Agent unless one is given. */
function headersFor(hostname: string, settings: Settings): Record<string, string> {
  const headers: Record<string, string> = {'User-Agent': settings.userAgent}
  const apply = (extra: Readonly<Record<string, string>> | undefined) => {
    if (!extra) return
    for (const [name, value] of Object.entries(extra)) {
      if (name.toLowerCase() === 'user-agent') delete headers['User-Agent']
      headers[name.toLowerCase() === 'user-agent' ? 'User-Agent' : name] = value
    }
  }

  apply(settings.headers['*'])
  const suffixes = Object.keys(settings.headers)
    .filter((pattern) => pattern.startsWith('*.') && hostname.endsWith(pattern.slice(1)))
    .sort((a, b) => a.length - b.length)
  for (const pattern of suffixes) apply(settings.headers[pattern])
  apply(settings.headers[hostname])
  return headers
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
