/**
 * The `fetch` linkinator calls while link runs are on. linkinator 7 calls
 * the global `fetch` for each HEAD and GET; Node's `fetch` builds a WHATWG
 * `Request`, `Headers`, a body stream and a `Response` around every request,
 * which was the largest part of a link check's CPU. linkinator reads only
 * `status`, `headers` (with `forEach`), `url` and `body` of what it gets.
 *
 * A call that carries a check header (a string URL, a plain header object
 * holding the header, `HEAD` or `GET`, no body, `redirect: 'manual'`) whose
 * run is on goes straight to that run's dispatcher: the same keep-alive
 * agent, connector and guard as before, without the `fetch` layer. It
 * answers, once the headers are in, with what linkinator reads: the status,
 * the headers, the URL, and `body: null`. The body of a GET is then read and
 * dropped (the connection is kept) up to `bodyCap` bytes, for `bodyTime`
 * ms, until the signal aborts; past that the connection is closed. Timeouts
 * are the dispatcher's or the signal's. Errors reject as
 * `fetch` does: the signal's reason on abort or timeout, otherwise a
 * `TypeError` whose `cause` is the network error. Every other call goes to
 * the `fetch` that was there before.
 */
import type {Dispatcher} from 'undici'

/** Bytes of a response body read (and dropped) before the connection is closed instead. */
export const bodyCap = 64 * 1024

/** Time, in ms, a response body is read (and dropped) before the connection is closed instead. */
export const bodyTime = 1000

/** Where a check's requests go: its run's dispatcher. */
export interface CheckDispatcher {
  dispatch(id: string, options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean
}

/** The run of a check id, while it is on. */
export type Route = (id: string) => CheckDispatcher | undefined

/**
 * A `fetch` that sends the requests of link checks (those with `header` set
 * to a check id that `route` knows) to their run, and every other call to
 * `previous`.
 */
export function createLinkFetch(header: string, route: Route, previous: typeof fetch): typeof fetch {
  return function linkFetch(input, init) {
    const request = typeof input === 'string' ? lightRequest(input, init, header) : undefined
    const run = request && route(request.id)
    if (!request || !run) return previous(input, init)
    return send(run, request)
  }
}

/** A request the light path can send. */
interface LightRequest {
  id: string
  url: URL
  method: 'HEAD' | 'GET'
  /** Header names and values, the check header left out. */
  headers: string[]
  signal: AbortSignal | undefined
}

/** The request, when `fetch(input, init)` is one the light path can send; otherwise `undefined`. */
function lightRequest(input: string, init: RequestInit | undefined, header: string): LightRequest | undefined {
  const headers = init?.headers
  if (!init || !isPlainRecord(headers) || typeof headers[header] !== 'string') return undefined
  if (init.redirect !== 'manual' || (init.method !== 'HEAD' && init.method !== 'GET') || init.body != null) return undefined
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return undefined
  }

  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return undefined
  const list: string[] = []
  let id = ''
  for (const name in headers) {
    const value = headers[name]
    if (typeof value !== 'string') return undefined
    if (name === header) id = value
    else list.push(name, value)
  }

  return {id, url, method: init.method, headers: list, signal: init.signal ?? undefined}
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Send one request over the run's dispatcher; resolve when its answer is read. */
function send(run: CheckDispatcher, request: LightRequest): Promise<Response> {
  const {signal} = request
  if (signal?.aborted) return Promise.reject(abortReason(signal))
  return new Promise<Response>((resolve, reject) => {
    const exchange = new Exchange(request, resolve, reject)
    const url = request.url
    run.dispatch(
      request.id,
      {origin: url.origin, path: url.pathname + url.search, method: request.method, headers: request.headers},
      exchange
    )
  })
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}

/**
 * One request and its answer, as an undici handler. The promise settles with
 * the status and headers, as `fetch` does; the body is then read and dropped
 * in the background, until it ends, passes `bodyCap` or `bodyTime`, or the
 * signal aborts (then the connection is closed).
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #request: LightRequest
  readonly #resolve: (response: Response) => void
  readonly #reject: (error: unknown) => void
  #controller: Dispatcher.DispatchController | undefined
  #bytes = 0
  #bodyTimer: NodeJS.Timeout | undefined
  /** The promise is settled. */
  #answered = false
  /** The exchange is over (no more listening to the signal). */
  #over = false

  constructor(request: LightRequest, resolve: (response: Response) => void, reject: (error: unknown) => void) {
    this.#request = request
    this.#resolve = resolve
    this.#reject = reject
    request.signal?.addEventListener('abort', this.#onAbort, {once: true})
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller
    const signal = this.#request.signal
    if (signal?.aborted) controller.abort(toError(abortReason(signal)))
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>, statusMessage?: string): void {
    // 1xx answers come before the real one.
    if (statusCode < 200 || this.#answered) return
    this.#answered = true
    if (this.#request.method !== 'HEAD') {
      this.#bodyTimer = setTimeout(() => this.#close(controller, new Error(`body not over after ${bodyTime} ms, not read`)), bodyTime)
      this.#bodyTimer.unref()
    }

    const href = this.#request.url.href
    const url = this.#request.url.hash === '' ? href : href.slice(0, href.indexOf('#'))
    // linkinator reads only what `LightResponse` has of a `Response`.
    this.#resolve(new LightResponse(statusCode, statusMessage ?? '', new LightHeaders(headers), url) as unknown as Response)
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#bytes += chunk.length
    if (this.#bytes > bodyCap) this.#close(controller, new Error(`body over ${bodyCap} bytes, not read`))
  }

  onResponseEnd(): void {
    this.#end()
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#end()
    if (this.#answered) return
    this.#answered = true
    const signal = this.#request.signal
    this.#reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', {cause: error}))
  }

  readonly #onAbort = () => {
    const signal = this.#request.signal
    if (this.#over || !signal) return
    const reason = abortReason(signal)
    if (!this.#answered) {
      this.#answered = true
      this.#reject(reason)
    }

    if (this.#controller) this.#close(this.#controller, toError(reason))
  }

  /** Stop reading: the connection is closed. */
  #close(controller: Dispatcher.DispatchController, reason: Error): void {
    this.#end()
    if (!controller.aborted) controller.abort(reason)
  }

  #end(): void {
    if (this.#over) return
    this.#over = true
    clearTimeout(this.#bodyTimer)
    this.#request.signal?.removeEventListener('abort', this.#onAbort)
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason))
}

/** The part of `Headers` linkinator reads, over undici's parsed headers (lower-case names). */
class LightHeaders {
  readonly #headers: Record<string, string | string[] | undefined>

  constructor(headers: Record<string, string | string[] | undefined>) {
    this.#headers = headers
  }

  /** A header's value; repeated ones joined with `, `, as `Headers#get` does. */
  get(name: string): string | null {
    const value = this.#headers[name.toLowerCase()]
    if (value === undefined) return null
    return typeof value === 'string' ? value : value.join(', ')
  }

  has(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined
  }

  /** Each header as `Headers#forEach` gives it: repeated ones joined, `set-cookie` one by one. */
  forEach(callback: (value: string, name: string) => void): void {
    for (const name in this.#headers) {
      const value = this.#headers[name]
      if (value === undefined) continue
      if (typeof value === 'string') callback(value, name)
      else if (name === 'set-cookie') for (const each of value) callback(each, name)
      else callback(value.join(', '), name)
    }
  }
}

/** The part of `Response` linkinator reads. The body was dropped: `body` is `null`. */
class LightResponse {
  readonly status: number
  readonly statusText: string
  readonly headers: LightHeaders
  readonly url: string
  readonly body = null
  readonly bodyUsed = false
  readonly redirected = false
  readonly type = 'basic'

  constructor(status: number, statusText: string, headers: LightHeaders, url: string) {
    this.status = status
    this.statusText = statusText
    this.headers = headers
    this.url = url
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300
  }
}
