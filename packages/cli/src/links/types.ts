/**
 * The shapes of a link check, shared by its modules (so that none imports
 * another in a circle). One name per concept:
 *
 * - `LinkClass`: what happened to a URL (`ok`, `redirected`, `dead`,
 *   `unverifiable`, `skipped`).
 * - `UrlResult`: everything known about one unique URL after a run.
 * - `Answer` (in `classify.ts`): what one request for one URL said.
 * - `CacheEntry` (in `cache.ts`): a `UrlResult` as stored between runs.
 */
import type {VFileMessage} from 'vfile-message'
import type {LinkOccurrence} from './collect.js'

/** What happened to a URL. */
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
  /** For `skipped`: its host is a private address (checked only with `allowPrivate`). */
  privateAddress?: true
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
  /** Last seen working, first failed, consecutive failed checks (this check included; from the cache). */
  history?: LinkHistory
  /** For `dead`, with `archive` on: the archive lookup (`copy` is `null` when there is none). */
  archive?: ArchiveLookup
  /** Every place the URL is written. */
  occurrences: LinkOccurrence[]
}

/** The part of a `UrlResult` that checking a URL decides. */
export type UrlFinding = Pick<UrlResult, 'class' | 'status' | 'redirectedTo' | 'reason' | 'privateAddress'>

/** Numbers of a run, for progress lines and benchmarks. */
export interface LinkStats {
  /** Unique URLs (after normalising and dropping fragments). */
  uniqueUrls: number
  /** Unique URLs that were requested in this run. */
  checked: number
  /** HTTP requests made. */
  requests: number
  /** TCP connections opened (to the proxy, behind `HTTP(S)_PROXY`). */
  connections: number
  /** Origins whose server sent bytes after a HEAD answer: their sockets close after each HEAD. */
  closeAfterHead: string[]
  /** Unique URLs answered from a fresh cache entry. */
  cacheHits: number
  skipped: number
  /** Most requests in flight at once. */
  peakConcurrency: number
  /** Most requests in flight at once to one host. */
  peakPerHost: number
  /** Most requests in flight at once, per host name. */
  hostPeaks: Record<string, number>
  /**
   * The link phase, in ms (by `now()`): from the first URL added to the last
   * one settled; when URLs come as files are parsed, parsing time between
   * them is included.
   */
  wallTimeMs: number
  /** Whether the deadline (or `signal`) stopped checks. */
  stopped: boolean
}

/** What a link run reports. */
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
 * How a URL fared over the runs that requested it. A check "fails" when it
 * finds the URL `dead`; `unverifiable` checks neither fail nor work, so they
 * leave the history as it is.
 */
export interface LinkHistory {
  /** ISO 8601 time of the last check that found it working (`ok` or `redirected`). */
  lastWorkingAt?: string
  /** ISO 8601 time of the first of the consecutive failed checks. */
  firstFailedAt?: string
  /** Consecutive failed checks up to the last one (0 once it works again). */
  failedChecks: number
}

/** A copy of a page in a web archive. */
export interface ArchivedCopy {
  /** The copy's URL. */
  url: string
  /** When it was archived, `YYYYMMDDhhmmss` (UTC). */
  timestamp: string
}

/** What an archive lookup found (cached so that it is not asked again for a while). */
export interface ArchiveLookup {
  /** ISO 8601 time of the lookup. */
  checkedAt: string
  /** The closest copy, or `null` when the archive has none. */
  copy: ArchivedCopy | null
}
