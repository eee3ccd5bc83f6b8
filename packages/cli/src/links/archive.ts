/**
 * Archived copies of dead links, from the Wayback Machine's availability API:
 * `GET <endpoint>?url=<url>&timestamp=<YYYYMMDD>`, whose answer names the
 * closest copy in `archived_snapshots.closest` (`available`, `url`,
 * `timestamp`). One lookup at a time, at most one per `interval`, each with a
 * timeout, all within a budget, and cached in the link cache. A lookup that
 * fails is a warning: it never changes a link's class.
 *
 * The archive is a server like any other: lookups connect through the
 * private-address guard (`guardedConnector`, as link checks do), follow no
 * redirect, read at most `archiveBodyCap` bytes of an answer, and use a copy
 * only when it is an `https:` URL on the archive's host (`web.archive.org`,
 * or the endpoint's own host) with no whitespace or control characters.
 */
import {Agent, request} from 'undici'
import type {VFileMessage} from 'vfile-message'
import {code, createMessage} from '@coursemark/core/messages'
import {errorCode, type Lookup} from './address.js'
import {guardedConnector} from './agent.js'
import {isFresh, isRecord, type ArchivedCopy, type ArchiveLookup, type CacheEntry, type LinkHistory} from './cache.js'
import {privateAddressCode, statusText} from './classify.js'
import {parseRetryAfter} from './retry-after.js'

/** The Wayback Machine's availability API. */
export const defaultArchiveEndpoint = 'https://archive.org/wayback/available'

/** Bytes of an archive answer read at most; a longer one is a failed lookup. */
export const archiveBodyCap = 1024 * 1024

/** The host of the Wayback Machine's copies. */
const waybackHost = 'web.archive.org'

/** Options of the archive lookups (`archive` of `checkLinks`). */
export interface ArchiveOptions {
  /**
   * The availability API (default `https://archive.org/wayback/available`):
   * an `https:` URL, or an `http:` one on a host that `allowPrivate` exempts
   * from the private-address guard.
   */
  endpoint?: string | undefined
  /** Least time between the starts of two lookups, in ms (default 1000: one a second). */
  interval?: number | undefined
  /** Per lookup, in ms (default 10000). */
  timeout?: number | undefined
  /** All lookups of a run, in ms (default 120000); lookups not started by then are not made. */
  budget?: number | undefined
  /** How long a cached lookup is used instead of asking again, in ms (default 30 days). */
  ttl?: number | undefined
  /** Longest `Retry-After` of a 429 that is waited for (once), in ms (default 60000). */
  retryAfterCap?: number | undefined
  /** How to wait (default a timer); tests pass their own. */
  sleep?: ((ms: number) => Promise<void>) | undefined
}

/** Archive options resolved to their defaults. */
export interface ArchiveSettings {
  endpoint: URL
  interval: number
  timeout: number
  budget: number
  ttl: number
  retryAfterCap: number
  sleep: (ms: number) => Promise<void>
}

/** Reads a number option with its default and minimum (throws a `TypeError` for a bad one). */
type ReadNumber = (name: string, value: number | undefined, fallback: number, min: number) => number

const second = 1000
const day = 24 * 3600 * second

/** Resolve `archive` of `checkLinks` (`true` for the defaults; `undefined` when off). */
export function archiveSettings(
  option: ArchiveOptions | boolean | undefined,
  number: ReadNumber,
  guards: (hostname: string) => boolean = () => true
): ArchiveSettings | undefined {
  if (!option) return undefined
  const options = option === true ? {} : option
  const text = options.endpoint ?? defaultArchiveEndpoint
  let endpoint: URL
  try {
    endpoint = new URL(text)
  } catch {
    endpoint = new URL('invalid:')
  }

  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new TypeError(`Unexpected value \`${text}\` for \`archive.endpoint\`, expected an \`http:\` or \`https:\` URL`)
  }

  // Plain HTTP only to a host the command line opened: a private test archive.
  if (endpoint.protocol === 'http:' && guards(endpoint.hostname)) {
    throw new TypeError(`Unexpected value \`${text}\` for \`archive.endpoint\`, expected an \`https:\` URL (\`http:\` only for a host that \`allowPrivate\` allows)`)
  }

  return {
    endpoint,
    interval: number('archive.interval', options.interval, second, 0),
    timeout: number('archive.timeout', options.timeout, 10 * second, 1),
    budget: number('archive.budget', options.budget, 120 * second, 0),
    ttl: number('archive.ttl', options.ttl, 30 * day, 0),
    retryAfterCap: number('archive.retryAfterCap', options.retryAfterCap, 60 * second, 0),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }
}

/** A dead URL to look up. */
export interface ArchiveTarget {
  url: string
  history?: LinkHistory | undefined
  /** The cached entry (its lookup is reused while fresh). */
  cached?: CacheEntry | undefined
}

/** What the lookups of a run gave. */
export interface ArchiveRun {
  /** By URL: the lookup, cached or new. */
  lookups: Map<string, ArchiveLookup>
  /** URLs looked up in this run (their lookups go into the cache). */
  fresh: Set<string>
  /** `link-archive` warnings about failed lookups. */
  messages: VFileMessage[]
}

/** One answer of the API. */
type Answer =
  | {kind: 'found'; copy: ArchivedCopy | null}
  | {kind: 'rate-limited'; retryAfter: number | undefined}
  | {kind: 'failed'; reason: string}

/** What lookups need from their link run. */
export interface ArchiveContext {
  now: () => number
  userAgent: string
  /** Whether the private-address guard applies to a host name. */
  guards: (hostname: string) => boolean
  /** Resolves host names for connections. */
  lookup: Lookup
}

/**
 * Look up archived copies of `targets` (in order), one at a time. The
 * timestamp asked for is the day each URL was last seen working, or today.
 */
export async function findArchivedCopies(
  targets: readonly ArchiveTarget[],
  settings: ArchiveSettings,
  context: ArchiveContext
): Promise<ArchiveRun> {
  const agent = new Agent({connections: 1, connect: guardedConnector({timeout: settings.timeout, guards: context.guards, lookup: context.lookup})})
  try {
    return await lookUpAll(targets, settings, context, agent)
  } finally {
    await agent.destroy().catch(() => undefined)
  }
}

async function lookUpAll(targets: readonly ArchiveTarget[], settings: ArchiveSettings, context: ArchiveContext, agent: Agent): Promise<ArchiveRun> {
  const run: ArchiveRun = {lookups: new Map(), fresh: new Set(), messages: []}
  const failures: Array<{url: string; reason: string}> = []
  const started = context.now()
  let lastStart: number | undefined
  let stop: string | undefined
  for (const target of targets) {
    const cached = target.cached?.archive
    // A cache is untrusted too: a copy it holds is used only when it could have come from this archive.
    const usable = cached && (cached.copy === null || isArchiveCopyUrl(cached.copy.url, settings.endpoint))
    if (cached && usable && isFresh(cached.checkedAt, settings.ttl, context.now())) {
      run.lookups.set(target.url, cached)
      continue
    }

    if (stop === undefined && context.now() - started >= settings.budget) stop = 'not started within the time for lookups'
    if (stop !== undefined) {
      failures.push({url: target.url, reason: stop})
      continue
    }

    if (lastStart !== undefined) {
      const wait = settings.interval - (context.now() - lastStart)
      if (wait > 0) await settings.sleep(wait)
    }

    lastStart = context.now()
    const timestamp = waybackDay(target.history?.lastWorkingAt ?? new Date(lastStart).toISOString())
    let answer = await askArchive(target.url, timestamp, settings, context, agent)
    if (answer.kind === 'rate-limited' && answer.retryAfter !== undefined && answer.retryAfter <= settings.retryAfterCap) {
      await settings.sleep(Math.max(answer.retryAfter, settings.interval))
      lastStart = context.now()
      answer = await askArchive(target.url, timestamp, settings, context, agent)
    }

    if (answer.kind === 'found') {
      const lookup = {checkedAt: new Date(context.now()).toISOString(), copy: answer.copy}
      run.lookups.set(target.url, lookup)
      run.fresh.add(target.url)
    } else if (answer.kind === 'rate-limited') {
      // The archive asks us to stop: no more lookups this run.
      stop = 'not asked after the archive answered `429 Too Many Requests`'
      failures.push({url: target.url, reason: statusText(429)})
    } else {
      failures.push({url: target.url, reason: answer.reason})
    }
  }

  if (failures.length > 0) run.messages.push(failureMessage(failures, settings.endpoint))
  return run
}

/** One request to the API, over the guarded agent, no redirect followed. Never throws. */
async function askArchive(
  url: string,
  timestamp: string,
  settings: ArchiveSettings,
  context: ArchiveContext,
  agent: Agent
): Promise<Answer> {
  const target = new URL(settings.endpoint)
  target.searchParams.set('url', url)
  target.searchParams.set('timestamp', timestamp)
  const signal = AbortSignal.timeout(settings.timeout)
  let response: Awaited<ReturnType<typeof request>>
  try {
    response = await request(target, {
      dispatcher: agent,
      method: 'GET',
      headers: {'user-agent': context.userAgent, accept: 'application/json'},
      signal,
      headersTimeout: settings.timeout,
      bodyTimeout: settings.timeout
    })
  } catch (error) {
    return {kind: 'failed', reason: describeFailure(error, settings.timeout)}
  }

  const {statusCode, headers, body} = response
  try {
    if (statusCode === 429) {
      const header = headers['retry-after']
      const value = Array.isArray(header) ? header[0] : header
      return {kind: 'rate-limited', retryAfter: value === undefined ? undefined : parseRetryAfter(value, context.now())}
    }

    if (statusCode !== 200) return {kind: 'failed', reason: statusText(statusCode)}
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > archiveBodyCap) return {kind: 'failed', reason: `an answer over ${archiveBodyCap} bytes`}
      chunks.push(chunk)
    }

    const copy = readAvailability(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown)
    if (copy === undefined) return {kind: 'failed', reason: 'an answer without `archived_snapshots`'}
    if (copy !== null && !isArchiveCopyUrl(copy.url, settings.endpoint)) {
      return {kind: 'failed', reason: `an archived copy that is not an \`https:\` URL on ${copyHosts(settings.endpoint).map((host) => code(host)).join(' or ')}`}
    }

    return {kind: 'found', copy}
  } catch (error) {
    return {kind: 'failed', reason: error instanceof SyntaxError ? 'an answer that is not JSON' : describeFailure(error, settings.timeout)}
  } finally {
    // An unread or cut body closes its connection; its abort error is expected.
    body.on('error', () => undefined)
    body.destroy()
  }
}

/** The hosts an archived copy may be on: the Wayback Machine's, and the endpoint's own. */
function copyHosts(endpoint: URL): string[] {
  return endpoint.hostname === waybackHost ? [waybackHost] : [waybackHost, endpoint.hostname]
}

/**
 * Whether an archive's answer may be used as an archived copy: an absolute
 * `https:` URL on the archive's host (`web.archive.org`, or the endpoint's
 * own), without credentials, whitespace or control characters.
 *
 * @example
 *   isArchiveCopyUrl('https://web.archive.org/web/2019/https://a.example/', new URL(defaultArchiveEndpoint)) // true
 *   isArchiveCopyUrl('javascript:alert(1)//web.archive.org', new URL(defaultArchiveEndpoint)) // false
 */
export function isArchiveCopyUrl(text: string, endpoint: URL): boolean {
  // Whitespace, C0/C1 controls, and the bidi and zero-width formatting characters.
  if (/[\s\p{Cc}\p{Cf}]/u.test(text) || !text.startsWith('https://')) return false
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }

  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && copyHosts(endpoint).includes(url.hostname)
}

/**
 * Read an answer of the availability API: the closest copy, `null` when there
 * is none (or it was not a 2xx page), `undefined` when the answer is not one.
 * The Wayback Machine answers with `http://web.archive.org/...` URLs; they are
 * given as `https:`.
 */
export function readAvailability(answer: unknown): ArchivedCopy | null | undefined {
  if (!isRecord(answer) || !isRecord(answer.archived_snapshots)) return undefined
  const closest = answer.archived_snapshots.closest
  if (closest === undefined) return null
  if (!isRecord(closest)) return undefined
  const {available, url, timestamp, status} = closest
  if (available !== true || typeof url !== 'string' || typeof timestamp !== 'string' || !/^\d{8,14}$/.test(timestamp)) {
    return null
  }

  if (typeof status === 'string' && !status.startsWith('2')) return null
  return {url: url.replace(/^http:\/\/web\.archive\.org\//, 'https://web.archive.org/'), timestamp}
}

/** `YYYYMMDD` of an ISO 8601 time (UTC). */
export function waybackDay(iso: string): string {
  return iso.slice(0, 10).replaceAll('-', '')
}

function failureMessage(failures: ReadonlyArray<{url: string; reason: string}>, endpoint: URL): VFileMessage {
  const shown = failures.slice(0, 3).map((failure) => `${failure.reason} for ${code(failure.url)}`)
  const more = failures.length > 3 ? `, and ${failures.length - 3} more` : ''
  const count = failures.length === 1 ? 'an archive lookup' : `${failures.length} archive lookups`
  return createMessage(
    `Unexpected failure of ${count} (${shown.join('; ')}${more}), expected an answer from ${code(endpoint.origin + endpoint.pathname)}; no archived copy is suggested for ${failures.length === 1 ? 'it' : 'them'}`,
    {ruleId: 'link-archive', place: undefined, severity: 'warning'}
  )
}

function describeFailure(error: unknown, timeout: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeout} ms`
  }

  const code = errorCode(error) ?? errorCode(error instanceof Error ? error.cause : undefined)
  if (code === privateAddressCode && error instanceof Error) return error.message
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `no answer within ${timeout} ms`
  }

  if (code !== undefined) return '`' + code + '`'
  return error instanceof Error ? error.message : String(error)
}
