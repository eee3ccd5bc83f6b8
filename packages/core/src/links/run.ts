/**
 * One run of `checkLinks`: request slots, the deadline, host pauses after
 * `Retry-After`, request counting, and the private-address guard at DNS and
 * connection time. linkinator makes each request; this decides which
 * requests are made, when, and what their answers mean.
 */
import {AsyncLocalStorage} from 'node:async_hooks'
import dc from 'node:diagnostics_channel'
import type {Socket} from 'node:net'
import {LinkChecker, LinkState, type LinkResult} from 'linkinator'
import {checkHost, isPrivateAddress, type HostVerdict} from './address.js'
import type {LinkClass, UrlResult} from './check.js'
import {classify, privateAddressCode, statusText, type Verdict} from './classify.js'
import type {LinkOccurrence} from './collect.js'
import {Limiter} from './limiter.js'
import {headersFor, second, type Settings} from './options.js'

/** A unique URL and where it is written. */
export interface Item {
  key: string
  hostname: string
  occurrences: LinkOccurrence[]
  result?: UrlResult
}

/** What checking a URL (all its hops) gave. */
export interface Outcome {
  class: LinkClass
  status?: number
  redirectedTo?: string
  reason: string
  /** Stopped by the deadline: not cached. */
  stopped?: boolean
}

/** Checks and requests made for one URL. */
export interface Counter {
  attempts: number
  requests: number
}

type CrawlOptions = Parameters<LinkChecker['crawl']>[0]

/** The state of one run: slots, deadline, host pauses, request counting, the connect-time guard. */
export class Run {
  readonly limiter: Limiter
  readonly stoppedItems = new Set<Item>()
  requests = 0
  stopped = false
  readonly #settings: Settings
  readonly #signal: AbortSignal | undefined
  readonly #hostVerdicts = new Map<string, Promise<HostVerdict>>()
  readonly #pausedUntil = new Map<string, number>()
  /** Each URL's answer, start or redirect hop, so that none is requested twice in a run. */
  readonly #verdicts = new Map<string, Promise<Verdict | 'stopped'>>()
  /** Host names of the checks in flight, with how many of them the private-address guard watches. */
  readonly #hosts = new Map<string, {checks: number; guarded: number}>()
  /** Open connections made for our checks, closed at the deadline. */
  readonly #sockets = new Set<Socket>()
  /** linkinator checks not yet settled (some may outlive the run after its deadline). */
  readonly #inFlight = new Set<Promise<void>>()
  /** Behind a proxy the connection goes to the proxy, so only the DNS check guards. */
  readonly #guardConnections: boolean
  #deadlineAt = Number.POSITIVE_INFINITY
  #timer: NodeJS.Timeout | undefined
  #stop: () => void = () => undefined
  readonly #stoppedPromise: Promise<'stopped'>

  constructor(settings: Settings, signal: AbortSignal | undefined) {
    this.#settings = settings
    this.#signal = signal
    this.#guardConnections =
      settings.allowPrivate !== true &&
      !(process.env.https_proxy ?? process.env.HTTPS_PROXY ?? process.env.http_proxy ?? process.env.HTTP_PROXY)
    this.limiter = new Limiter(settings.concurrency, settings.perHost)
    this.#stoppedPromise = new Promise<'stopped'>((resolve) => {
      this.#stop = () => {
        if (this.stopped) return
        this.stopped = true
        this.limiter.close()
        for (const socket of this.#sockets) socket.destroy()
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

  /**
   * Every new undici connection made for one of our checks: closed before a
   * byte is sent when the run has stopped, or when the guard applies and it
   * landed on a private address; otherwise kept, to be closed at the deadline.
   */
  readonly #onConnected = (message: unknown) => {
    const {connectParams, socket} = message as {connectParams?: {hostname?: unknown}; socket?: Socket}
    const hostname = typeof connectParams?.hostname === 'string' ? connectParams.hostname : undefined
    // Ours when made inside one of this run's checks (the async context
    // follows `net.connect` into its callbacks).
    if (checkContext.getStore()?.run !== this) return
    const host = hostname === undefined ? undefined : this.#hosts.get(hostname)
    if (!hostname || !socket || !host) return
    if (this.stopped) {
      socket.destroy()
      return
    }

    const address = socket.remoteAddress
    if (this.#guardConnections && host.guarded > 0 && address !== undefined && isPrivateAddress(address)) {
      const error = new Error(`host \`${hostname}\` connecting to private address \`${address}\``)
      socket.destroy(Object.assign(error, {code: privateAddressCode}))
      return
    }

    this.#sockets.add(socket)
    socket.once('close', () => this.#sockets.delete(socket))
  }

  start(): void {
    dc.subscribe('undici:request:create', this.#onRequest)
    dc.subscribe('undici:client:connected', this.#onConnected)
    this.#deadlineAt = performance.now() + this.#settings.deadline
    // `setTimeout` cannot wait longer than 2^31 - 1 ms (about 24.8 days).
    this.#timer = setTimeout(this.#stop, Math.min(this.#settings.deadline, 2 ** 31 - 1))
    if (this.#signal?.aborted) this.#stop()
    this.#signal?.addEventListener('abort', this.#stop, {once: true})
  }

  /** Stop listening; connections are watched until checks abandoned at the deadline end. */
  finish(): void {
    clearTimeout(this.#timer)
    this.#signal?.removeEventListener('abort', this.#stop)
    dc.unsubscribe('undici:request:create', this.#onRequest)
    const unsubscribe = () => dc.unsubscribe('undici:client:connected', this.#onConnected)
    if (this.#inFlight.size === 0) unsubscribe()
    else void Promise.all(this.#inFlight).then(unsubscribe)
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

      const verdict = await this.#verdictFor(current, counter)
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

  /** The answer for a URL: shared by every chain of redirects that reaches it. */
  #verdictFor(url: URL, counter: Counter): Promise<Verdict | 'stopped'> {
    let verdict = this.#verdicts.get(url.href)
    if (!verdict) {
      verdict = this.#attempt(url, counter)
      this.#verdicts.set(url.href, verdict)
    }

    return verdict
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
    const host = this.#hosts.get(url.hostname) ?? {checks: 0, guarded: 0}
    host.checks++
    if (guarded) host.guarded++
    this.#hosts.set(url.hostname, host)
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
      queue: unusedQueue,
      rootPath: url.href,
      retry: false,
      retryErrors: false,
      retryErrorsCount: 0,
      retryErrorsJitter: 0
    }))
    // Connections to this host are watched until linkinator is done with it,
    // even past the deadline, when the run has returned but a request (the GET
    // after a failed HEAD) may still try to connect.
    const settled = crawl.then(
      () => undefined,
      () => undefined
    ).finally(() => {
      this.#inFlight.delete(settled)
      host.checks--
      if (guarded) host.guarded--
      if (host.checks === 0) this.#hosts.delete(url.hostname)
    })
    this.#inFlight.add(settled)
    const finished = await Promise.race([
      crawl.then(
        () => 'done' as const,
        (error: unknown) => {
          const detail = error instanceof Error ? error : new Error(String(error))
          results.push({url: url.href, status: 0, state: LinkState.BROKEN, failureDetails: [detail]})
          return 'done' as const
        }
      ),
      this.#stoppedPromise
    ])
    if (finished === 'stopped') return 'stopped'
    return results[0] ?? {url: url.href, status: 0, state: LinkState.BROKEN, failureDetails: []}
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

/**
 * What `crawl` gets for its `queue`: linkinator uses the queue only for its own
 * retries and for the pages of a crawl, all off here, and does not export the
 * class, so nothing is passed.
 */
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

