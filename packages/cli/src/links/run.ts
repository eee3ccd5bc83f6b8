/**
 * One run of link checks: request slots, the deadline, host pauses after
 * `Retry-After`, retries, redirect hops each guarded, over one `LinkAgent`
 * (keep-alive connections, the guard in its connector) and one linkinator
 * `LinkChecker`. linkinator makes each request; this decides which requests
 * are made, when, and what their answers mean.
 */
import {setMaxListeners} from 'node:events'
import {LinkChecker, LinkState, type LinkResult} from 'linkinator'
import {checkHost, type HostDecision} from './address.js'
import {LinkAgent, type RequestCounter} from './agent.js'
import {classify, statusText, type Answer} from './classify.js'
import {code} from '@coursemark/core/messages'
import {Limiter} from './limiter.js'
import {guardsHost, headersFor, second, type Settings} from './options.js'
import {parseRetryAfter} from './retry-after.js'
import type {UrlFinding} from './types.js'

/** Checks and requests made for one URL. */
export interface Counter extends RequestCounter {
  attempts: number
}

/** What checking a URL gave, and whether the deadline cut it short (then it is not cached). */
export interface Checked {
  finding: UrlFinding
  stopped: boolean
}

type CrawlOptions = Parameters<LinkChecker['crawl']>[0]

/** The state of one run: slots, deadline, host pauses, the agent, the checker. */
export class Run {
  readonly limiter: Limiter
  readonly agent: LinkAgent
  stopped = false
  readonly #settings: Settings
  readonly #signal: AbortSignal | undefined
  readonly #checker = new LinkChecker()
  readonly #headers = new Map<string, Record<string, string>>()
  readonly #hostDecisions = new Map<string, Promise<HostDecision>>()
  readonly #pausedUntil = new Map<string, number>()
  /** Each URL's answer, start or redirect hop, so that none is requested twice in a run. */
  readonly #answers = new Map<string, Promise<Answer | 'stopped'>>()
  /** linkinator checks not yet settled (some may outlive the run after its deadline). */
  readonly #inFlight = new Set<Promise<void>>()
  /** Aborted when the run is over: ends its sleeps. */
  readonly #over = new AbortController()
  #deadlineAt = Number.POSITIVE_INFINITY
  /** Called once when the run stops (each removed when what it waited for came first). */
  readonly #onStop = new Set<() => void>()

  constructor(settings: Settings, signal: AbortSignal | undefined) {
    this.#settings = settings
    this.#signal = signal
    this.limiter = new Limiter(settings.concurrency, settings.perHost)
    this.agent = new LinkAgent({perHost: settings.perHost, timeout: settings.timeout, guards: (host) => this.#guards(host), lookup: settings.lookup})
    // Every wait of the run listens to this signal: many at once are expected.
    setMaxListeners(0, this.#over.signal)
  }

  /** Stop at the deadline (or when `signal` aborts): refuse slots, close connections, end waits. */
  readonly #stop = () => {
    if (this.stopped) return
    this.stopped = true
    this.limiter.close()
    this.agent.destroy()
    for (const listener of this.#onStop) listener()
    this.#onStop.clear()
  }

  /** `promise`, or `'stopped'` when the run stops first. */
  #orStopped<T>(promise: Promise<T>): Promise<T | 'stopped'> {
    if (this.stopped) return Promise.resolve('stopped')
    return new Promise<T | 'stopped'>((resolve, reject) => {
      const stopped = () => resolve('stopped')
      this.#onStop.add(stopped)
      promise.then(
        (value) => {
          this.#onStop.delete(stopped)
          resolve(value)
        },
        (error: unknown) => {
          this.#onStop.delete(stopped)
          reject(error instanceof Error ? error : new Error(String(error)))
        }
      )
    })
  }

  start(): void {
    this.agent.open()
    this.#deadlineAt = this.#settings.now() + this.#settings.deadline
    // A `sleep` that rejects (say, on abort) counts as done waiting.
    const expired = () => {
      if (!this.#over.signal.aborted) this.#stop()
    }
    void this.#settings.sleepUntilDeadline(this.#settings.deadline, this.#over.signal).then(expired, expired)
    if (this.#signal?.aborted) this.#stop()
    this.#signal?.addEventListener('abort', this.#stop, {once: true})
  }

  /**
   * The run is over: end its sleeps and close the agent (which puts the
   * global dispatcher back after the last run). Checks abandoned at the
   * deadline may still end later: the agent is closed then, without waiting.
   */
  async finish(): Promise<void> {
    this.#over.abort()
    this.#signal?.removeEventListener('abort', this.#stop)
    const closed = Promise.all(this.#inFlight).then(() => this.agent.close())
    if (!this.stopped) await closed
  }

  /** Check one URL: follow its redirects, each hop guarded and retried. */
  async check(key: string, counter: Counter): Promise<Checked> {
    let current = new URL(key)
    const visited = new Set([current.href])
    let permanent: {target: string; status: number} | undefined
    let onlyPermanent = true
    for (let hops = 0; ; hops++) {
      const after = hops > 0 ? ` after a redirect to ${code(current.href)}` : ''
      const refused = await this.#refused(current, hops, after)
      if (refused) return {finding: refused, stopped: false}
      const answer = await this.#answerFor(current, counter)
      if (answer === 'stopped') {
        return {finding: {class: 'unverifiable', reason: 'no answer before the deadline' + after}, stopped: true}
      }

      if (answer.kind === 'redirect' && answer.location !== undefined) {
        let next: URL
        try {
          next = new URL(answer.location, current)
        } catch {
          return {finding: {class: 'unverifiable', status: answer.status ?? 0, reason: `${answer.reason} to an invalid \`Location\`` + after}, stopped: false}
        }

        const fragment = next.hash
        next.hash = ''
        if (visited.has(next.href)) {
          return {finding: {class: 'unverifiable', status: answer.status ?? 0, reason: 'redirect loop' + after}, stopped: false}
        }

        if (hops + 1 > this.#settings.maxRedirects) {
          return {finding: {class: 'unverifiable', reason: `more than ${this.#settings.maxRedirects} redirects`}, stopped: false}
        }

        visited.add(next.href)
        if (onlyPermanent && (answer.status === 301 || answer.status === 308)) {
          permanent ??= {target: '', status: answer.status}
          permanent.target = next.href + fragment
        } else {
          onlyPermanent = false
        }

        current = next
        continue
      }

      return {finding: findingOf(answer, hops, after, permanent), stopped: false}
    }
  }

  /** Why a hop may not be requested (scheme, the guard's DNS check), or `undefined`. */
  async #refused(url: URL, hops: number, after: string): Promise<UrlFinding | undefined> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return {class: 'unverifiable', reason: `redirect to a ${code(url.protocol)} URL`}
    }

    if (!this.#guards(url.hostname)) return undefined
    const host = await this.#checkHost(url.hostname)
    if (host.allowed) return undefined
    if (host.code === 'unknown-host') return {class: 'dead', reason: host.reason + after}
    if (host.code === 'private' && hops === 0) return {class: 'skipped', reason: host.reason, privateAddress: true}
    return {class: 'unverifiable', reason: host.reason + after}
  }

  /** The answer for a URL: shared by every chain of redirects that reaches it. */
  #answerFor(url: URL, counter: Counter): Promise<Answer | 'stopped'> {
    let answer = this.#answers.get(url.href)
    if (!answer) {
      answer = this.#attempt(url, counter)
      this.#answers.set(url.href, answer)
    }

    return answer
  }

  /** One URL, one hop: slots, the request, retries with backoff. */
  async #attempt(url: URL, counter: Counter): Promise<Answer | 'stopped'> {
    const settings = this.#settings
    const host = url.hostname
    for (let retry = 0; ; retry++) {
      const paused = (this.#pausedUntil.get(host) ?? 0) - settings.now()
      if (paused > 0 && (await this.#sleep(paused)) === 'stopped') return 'stopped'
      if (this.stopped || !(await this.limiter.acquire(host))) return 'stopped'
      // A request is never given more time than is left before the deadline
      // (plus a margin, so that the deadline, not the timeout, ends it).
      const timeout = Math.max(1, Math.min(settings.timeout, Math.ceil(this.#deadlineAt - settings.now()) + 25))
      let result: LinkResult | 'stopped'
      counter.attempts++
      try {
        result = await this.#request(url, timeout, counter)
      } finally {
        this.limiter.release(host)
      }

      if (result === 'stopped') return 'stopped'
      const answer = classify(result, timeout)
      if (answer.invalidFraming && !this.agent.closeAfterHead.has(url.origin)) {
        // A socket was dirty (bytes after a HEAD answer): from now on each
        // HEAD to this origin gets a fresh socket; a failed check is asked
        // again at once, without using up a retry.
        this.agent.closeAfterHead.add(url.origin)
        if (answer.retry) {
          retry--
          continue
        }
      }

      if (!answer.retry || retry >= settings.retries) return lastAnswer(answer, retry)
      const wait = this.#retryWait(answer, retry, host)
      if (typeof wait !== 'number') return lastAnswer(wait, retry)
      if (settings.now() + wait >= this.#deadlineAt) return lastAnswer(answer, retry)
      if ((await this.#sleep(wait)) === 'stopped') return 'stopped'
    }
  }

  /** How long to wait before retry `retry + 1`: backoff, or `Retry-After` (which pauses the host); an answer when it is over the cap. */
  #retryWait(answer: Answer, retry: number, host: string): number | Answer {
    const settings = this.#settings
    const backoff = (answer.refused ? settings.refusedBackoff : settings.backoff) * 2 ** retry
    if (answer.retryAfter === undefined) return backoff + Math.random() * backoff
    const asked = parseRetryAfter(answer.retryAfter, settings.now())
    if (asked === undefined) return backoff + Math.random() * backoff
    if (asked > settings.retryAfterCap) {
      return {
        ...answer,
        reason: `${answer.reason} with \`Retry-After\` of ${Math.round(asked / second)} s, more than the ${Math.round(settings.retryAfterCap / second)} s cap`
      }
    }

    const until = settings.now() + asked
    if (until > (this.#pausedUntil.get(host) ?? 0)) this.#pausedUntil.set(host, until)
    return asked
  }

  /** One linkinator check: HEAD, then GET when HEAD is not 2xx; never past the deadline. */
  async #request(url: URL, timeout: number, counter: Counter): Promise<LinkResult | 'stopped'> {
    const results: LinkResult[] = []
    const tracked = this.agent.track(url.href, this.#hostHeaders(url.hostname), counter, timeout)
    const crawl = this.#checker.crawl({
      url,
      crawl: false,
      results,
      cache: new Set(),
      relationshipCache: new Set(),
      pendingChecks: new Map(),
      delayCache: new Map(),
      retryErrorsCache: new Map(),
      // The agent times our requests (undici's own timers, cheaper than a
      // signal per request); behind a proxy, where it does not see them, linkinator does.
      checkOptions: {path: url.href, ...(this.agent.proxied ? {timeout} : {}), redirects: 'error', headers: tracked.headers},
      queue: unusedQueue,
      rootPath: url.href,
      retry: false,
      retryErrors: false,
      retryErrorsCount: 0,
      retryErrorsJitter: 0
    })
    // The check's requests are routed to this run until linkinator is done
    // with it, even past the deadline (the GET after a failed HEAD).
    const settled = crawl.then(
      () => undefined,
      () => undefined
    ).finally(() => {
      this.#inFlight.delete(settled)
      tracked.done()
    })
    this.#inFlight.add(settled)
    const finished = await this.#orStopped(
      crawl.then(
        () => 'done' as const,
        (error: unknown) => {
          const detail = error instanceof Error ? error : new Error(String(error))
          results.push({url: url.href, status: 0, state: LinkState.BROKEN, failureDetails: [detail]})
          return 'done' as const
        }
      )
    )
    if (finished === 'stopped') return 'stopped'
    return results[0] ?? {url: url.href, status: 0, state: LinkState.BROKEN, failureDetails: []}
  }

  /** Request headers for a host, worked out once per host and run. */
  #hostHeaders(hostname: string): Record<string, string> {
    let headers = this.#headers.get(hostname)
    if (!headers) {
      headers = headersFor(hostname, this.#settings)
      this.#headers.set(hostname, headers)
    }

    return headers
  }

  /** Whether the private-address guard applies to a host name. */
  #guards(hostname: string): boolean {
    return guardsHost(this.#settings.allowPrivate, hostname)
  }

  #checkHost(hostname: string): Promise<HostDecision> {
    let decision = this.#hostDecisions.get(hostname)
    if (!decision) {
      decision = checkHost(hostname, this.#settings.lookup)
      this.#hostDecisions.set(hostname, decision)
    }

    return decision
  }

  async #sleep(ms: number): Promise<'slept' | 'stopped'> {
    const slept = () => 'slept' as const
    const result = await this.#orStopped(this.#settings.sleep(ms, this.#over.signal).then(slept, slept))
    return this.stopped ? 'stopped' : result
  }
}

/**
 * The answer a hop ends with after `retry` retries: a failure that is worth
 * retrying (a refused connection) is `dead` only when it was seen again on a
 * retry; one failed attempt is never enough.
 */
function lastAnswer(answer: Answer, retry: number): Answer {
  if (answer.kind !== 'dead' || !answer.retry || retry > 0) return answer
  return {...answer, kind: 'unverifiable', reason: `${answer.reason}, not retried`}
}

/** The finding for the last answer of a chain of hops. */
function findingOf(answer: Answer, hops: number, after: string, permanent: {target: string; status: number} | undefined): UrlFinding {
  if (answer.kind === 'private') {
    return hops === 0 ? {class: 'skipped', reason: answer.reason, privateAddress: true} : {class: 'unverifiable', reason: answer.reason + after}
  }

  if (answer.kind === 'ok') {
    if (permanent) return {class: 'redirected', status: permanent.status, redirectedTo: permanent.target, reason: statusText(permanent.status)}
    return answer.status === undefined ? {class: 'ok', reason: answer.reason} : {class: 'ok', status: answer.status, reason: answer.reason}
  }

  const kind = answer.kind === 'dead' ? 'dead' : 'unverifiable'
  return answer.status === undefined
    ? {class: kind, reason: answer.reason + after}
    : {class: kind, status: answer.status, reason: answer.reason + after}
}

/**
 * What `crawl` gets for its `queue`: linkinator uses the queue only for its own
 * retries and for the pages of a crawl, all off here, and does not export the
 * class, so nothing is passed.
 */
const unusedQueue = undefined as unknown as CrawlOptions['queue']
