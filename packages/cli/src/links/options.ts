/**
 * Options of `checkLinks`, their defaults, and the settings they resolve to.
 */
import {createRequire} from 'node:module'
import {join, resolve} from 'node:path'
import {defaultCacheFolder} from '../config/cache-folder.js'
import {systemLookup, type Lookup} from './address.js'
import {archiveSettings, type ArchiveOptions, type ArchiveSettings} from './archive.js'
import {isForbiddenHeader} from '@coursemark/core/internal'
import {wildcardPrefix} from './pattern.js'

const require = createRequire(import.meta.url)
const {version} = require('../../package.json') as {version: string}

/** The User-Agent sent unless `userAgent` or `headers` say otherwise. */
export const defaultUserAgent = `coursemark/${version} (+https://github.com/coursemark/coursemark; link checker)`

/**
 * Where the cache goes in the project whose root is `root` (the `cwd`
 * option), unless `cache.path` says otherwise: `links.json` in
 * `defaultCacheFolder(root)`.
 */
export function defaultCachePath(root: string): string {
  return join(defaultCacheFolder(root), 'links.json')
}

/** One second, in ms. */
export const second = 1000
/** One hour, in ms. */
export const hour = 3600 * second
/** One day, in ms. */
export const day = 24 * hour

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
  /** File path, relative to `cwd` (default `defaultCachePath(cwd)`: under `node_modules/.cache/coursemark/` with a package.json in `cwd`, else under `.coursemark/cache/`). */
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
  /** Per request, in ms (default 15000): for the connection, then for the answer's headers, then between pieces of its body (undici's coarse timers may add up to a second). */
  timeout?: number | undefined
  /** Retries after a 429, 408, 5xx, timeout, closed or refused connection (default 2). */
  retries?: number | undefined
  /** First backoff, in ms; it doubles each retry, plus up to as much again of jitter (default 1000). */
  backoff?: number | undefined
  /** First backoff after a refused connection, in ms, doubling likewise (default 100): a refusal costs the host nothing. */
  refusedBackoff?: number | undefined
  /** Longest `Retry-After` honoured, in ms; a longer one ends the retries (default 60000). */
  retryAfterCap?: number | undefined
  /** The whole run, in ms: checks not done by then are `unverifiable` (default 600000). */
  deadline?: number | undefined
  /** Stops the run like the deadline does. */
  signal?: AbortSignal | undefined
  /** Redirect hops followed before giving up (default 10). */
  maxRedirects?: number | undefined
  /** The cache, or `false` for none (default: on, at `defaultCachePath(cwd)`). */
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
  /**
   * Look up an archived copy of each dead URL (Wayback availability API):
   * `true` for the defaults, or options. Default: off.
   */
  archive?: ArchiveOptions | boolean | undefined
  /**
   * When an archived copy may replace a dead link (`--fix-archived`): after
   * at least `checks` failed checks in a row, the first at least `days` days
   * before the last (default 3 checks over 7 days). Before that the copy is
   * only suggested. Counted in the cache's history: with no cache, a link
   * has one failed check over no days.
   */
  archiveAfter?: {checks?: number | undefined; days?: number | undefined} | undefined
  /**
   * The clock, in ms since 1970 (default `Date.now`): cache times,
   * `Retry-After` dates, host pauses and the deadline are measured with it.
   */
  now?: (() => number) | undefined
  /**
   * Waits `ms` (default: a timer): backoffs, `Retry-After` pauses and the
   * deadline. It may stop early when `signal` aborts (the run is over).
   * Tests pass a sleep that records the waits instead of spending them.
   */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined
  /**
   * Check only the URLs whose host falls in shard `index` (1-based) of
   * `count` (by a hash of the host name), so that shards run in parallel
   * never request the same host. URLs of other shards are left out of the
   * results and messages.
   */
  shard?: {index: number; count: number} | undefined
  /** Resolves host names for the private-address guard (default: the system resolver). */
  lookup?: Lookup | undefined
  /** Called after each unique URL. */
  onProgress?: ((progress: LinkProgress) => void) | undefined
}

/** Options resolved to their defaults. */
export interface Settings {
  concurrency: number
  perHost: number
  timeout: number
  retries: number
  backoff: number
  refusedBackoff: number
  retryAfterCap: number
  deadline: number
  maxRedirects: number
  /** `true`: no guard at all; a set: hosts exempt from it. */
  allowPrivate: true | ReadonlySet<string>
  userAgent: string
  headers: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** Each `exclude` pattern as a test, with the text to show for it. */
  exclude: Array<{test: (url: string) => boolean; text: string}>
  now: () => number
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** The deadline's wait: `sleep`, or by default a timer that does not keep the process alive. */
  sleepUntilDeadline: (ms: number, signal: AbortSignal) => Promise<void>
  shard: {index: number; count: number} | undefined
  lookup: Lookup
  /** The cache (`undefined` when off): absolute path, freshness per class, and when entries are dropped. */
  cache: {path: string; ttl: {ok: number; redirected: number; dead: number}; maxAge: number} | undefined
  unverifiableMaxAge: number | undefined
  /** Archive lookups (`undefined` when off). */
  archive: ArchiveSettings | undefined
  /** Failed checks, and days from the first to the last, before an archived copy may replace a link. */
  archiveAfter: {checks: number; days: number}
}

/** Resolve options to settings; a bad value throws a `TypeError`. */
export function settingsFrom(options: CheckLinksOptions): Settings {
  /** A number option: `whole` ones must be integers (counts), the others may be fractions (ms). */
  const count = (name: string, value: number | undefined, fallback: number, min: number, whole = false) => {
    if (value === undefined) return fallback
    if (!Number.isFinite(value) || value < min || (whole && !Number.isInteger(value))) {
      const kind = whole ? 'a whole number' : 'a number'
      throw new TypeError(`Unexpected value \`${String(value)}\` for \`${name}\`, expected ${kind} of at least ${min}`)
    }

    return value
  }

  const cache = options.cache === false ? undefined : (options.cache ?? {})
  const allowPrivate: Settings['allowPrivate'] =
    options.allowPrivate === true
      ? true
      : new Set((options.allowPrivate || []).map((host) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1')))
  return {
    concurrency: count('concurrency', options.concurrency, 32, 1, true),
    perHost: count('perHost', options.perHost, 4, 1, true),
    timeout: count('timeout', options.timeout, 15 * second, 1),
    retries: count('retries', options.retries, 2, 0, true),
    backoff: count('backoff', options.backoff, second, 0),
    refusedBackoff: count('refusedBackoff', options.refusedBackoff, second / 10, 0),
    retryAfterCap: count('retryAfterCap', options.retryAfterCap, 60 * second, 0),
    deadline: count('deadline', options.deadline, 10 * 60 * second, 1),
    maxRedirects: count('maxRedirects', options.maxRedirects, 10, 0, true),
    allowPrivate,
    userAgent: options.userAgent ?? defaultUserAgent,
    headers: checkedHeaders(options.headers ?? {}),
    exclude: (options.exclude ?? []).map((pattern) => ({
      test: toTest(pattern),
      text: typeof pattern === 'string' ? pattern : String(pattern)
    })),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? timerSleep,
    sleepUntilDeadline: options.sleep ?? ((ms, signal) => timerSleep(ms, signal, false)),
    shard: shardFrom(options.shard),
    lookup: options.lookup ?? systemLookup,
    cache: cache && {
      path: cache.path === undefined ? defaultCachePath(resolve(options.cwd ?? process.cwd())) : resolve(options.cwd ?? process.cwd(), cache.path),
      ttl: {
        ok: count('cache.ttlOk', cache.ttlOk, day, 0),
        redirected: count('cache.ttlRedirected', cache.ttlRedirected ?? cache.ttlOk, day, 0),
        dead: count('cache.ttlDead', cache.ttlDead, hour, 0)
      },
      maxAge: count('cache.maxAge', cache.maxAge, 30 * day, 0)
    },
    unverifiableMaxAge:
      options.unverifiableMaxAge === undefined ? undefined : count('unverifiableMaxAge', options.unverifiableMaxAge, 0, 0),
    archive: archiveSettings(options.archive, count, (hostname) => guardsHost(allowPrivate, hostname)),
    archiveAfter: {
      checks: count('archiveAfter.checks', options.archiveAfter?.checks, 3, 1, true),
      days: count('archiveAfter.days', options.archiveAfter?.days, 7, 0)
    }
  }
}

/** `headers`, refusing the ones that route or frame a request (a `TypeError`). */
function checkedHeaders(headers: Settings['headers']): Settings['headers'] {
  for (const [host, fields] of Object.entries(headers)) {
    for (const name of Object.keys(fields)) {
      if (isForbiddenHeader(name)) {
        throw new TypeError(`Unexpected header \`${name}\` in \`headers['${host}']\`, expected one that does not route or frame the request (not \`Host\`, \`Connection\`, \`Content-Length\`, \`Transfer-Encoding\`, \`Proxy-*\` and the like)`)
      }
    }
  }

  return headers
}

/** Whether the private-address guard applies to a host name, given `allowPrivate` resolved. */
export function guardsHost(allowPrivate: Settings['allowPrivate'], hostname: string): boolean {
  return allowPrivate !== true && !allowPrivate.has(hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1'))
}

/**
 * The default `sleep`: a timer, cleared when `signal` aborts (then it resolves
 * early). An unreferenced timer (`ref` false) does not keep the process alive.
 */
export function timerSleep(ms: number, signal: AbortSignal, ref = true): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve()
      return
    }

    // `setTimeout` cannot wait longer than 2^31 - 1 ms (about 24.8 days).
    const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1))
    if (!ref) timer.unref()
    signal.addEventListener('abort', done, {once: true})
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}

function shardFrom(shard: CheckLinksOptions['shard']): Settings['shard'] {
  if (shard === undefined) return undefined
  const {index, count} = shard
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new TypeError(`Unexpected \`shard\` ${String(index)}/${String(count)}, expected \`index\` and \`count\` whole numbers with 1 <= index <= count`)
  }

  return {index, count}
}

/** A string pattern is matched in linear steps (it may come from an untrusted config); a RegExp is the caller's own. */
function toTest(pattern: string | RegExp): (url: string) => boolean {
  if (typeof pattern === 'string') return wildcardPrefix(pattern)
  return (url) => {
    pattern.lastIndex = 0
    return pattern.test(url)
  }
}

/** Headers for a host: `'*'`, then `'*.domain'` patterns, then the exact name; the User-Agent unless one is given. */
export function headersFor(hostname: string, settings: Settings): Record<string, string> {
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

