/**
 * The HTTP layer under linkinator for one run. linkinator 7 calls the global
 * `fetch` and takes no agent of its own. A request carries a header naming its
 * check (`x-coursemark-check`, removed before anything is sent). While runs
 * are active (both are put back when the last one is done):
 * - the global `fetch` is a light one (`transport.ts`) that sends a check's
 *   request straight to its run's `LinkAgent`, without Node's `fetch` layer,
 *   and every other call to the `fetch` it replaced;
 * - a router is undici's global dispatcher: a check's request that still
 *   comes through a `fetch` (one that wraps ours, say) goes to its run's
 *   `LinkAgent`, every other request to the dispatcher it replaced.
 *
 * A `LinkAgent` is one undici `Agent`:
 * - `connections` = the per-host limit, sockets kept alive between requests:
 *   undici closes the socket after every HEAD unless the request says
 *   `reset: false`, which `dispatch` sets, except for origins that sent
 *   bytes after a HEAD answer (`closeAfterHead`);
 * - its connector resolves the host with the run's `lookup`, checks every
 *   address before dialing (a private one fails the connection unless
 *   allowed, without a packet sent, so an open and a closed port look the
 *   same), then dials only the addresses it checked (no second resolution
 *   for DNS rebinding to slip through) and starts TLS on that socket. Every
 *   request, redirect hops and reused sockets included, goes over a socket
 *   made this way.
 *
 * Behind `HTTP(S)_PROXY` linkinator sends requests through its own
 * `ProxyAgent`, not the global dispatcher: requests and connections are then
 * counted from undici's diagnostics channels, and only the DNS check guards.
 */
import dc from 'node:diagnostics_channel'
import net, {isIP} from 'node:net'
import {Agent, buildConnector, Dispatcher, getGlobalDispatcher, setGlobalDispatcher} from 'undici'
import {isPrivateAddress, resolveHost, type Lookup} from './address.js'
import {privateAddressCode} from './classify.js'
import {createLinkFetch} from './transport.js'

/** The request header that names the check a request belongs to. */
export const checkHeader = 'x-coursemark-check'

/** Requests made for one check. */
export interface RequestCounter {
  requests: number
}

/** What a `LinkAgent` needs to know. */
export interface AgentSettings {
  /** Connections per origin. */
  perHost: number
  /** Connect timeout, ms. */
  timeout: number
  /** Whether the private-address guard applies to a host name. */
  guards: (hostname: string) => boolean
  /** Resolves host names for connections (each address is checked before it is dialed). */
  lookup: Lookup
}

/** The proxy linkinator will use, as it reads it. */
export function proxyUrl(): string | undefined {
  const env = process.env
  return (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY) || undefined
}

let nextRun = 0

/** One run's connections: keep-alive, the guard in the connector, counts. */
export class LinkAgent {
  /** TCP connections opened. */
  connections = 0
  /** HTTP requests made. */
  requests = 0
  /** Origins that get a fresh connection after each HEAD (they sent bytes after one). */
  readonly closeAfterHead = new Set<string>()
  /** Whether linkinator goes through its own proxy agent (read at the start of the run). */
  readonly proxied: boolean
  readonly #id = String(nextRun++)
  readonly #agent: Agent
  readonly #checks = new Map<string, {counter: RequestCounter; timeout: number}>()
  readonly #sockets = new Set<net.Socket>()
  #nextCheck = 0
  #proxy: ProxyCounting | undefined

  constructor(settings: AgentSettings) {
    this.proxied = proxyUrl() !== undefined
    this.#agent = new Agent({
      connections: settings.perHost,
      connect: guardedConnector(settings, {
        opened: (socket) => {
          this.#sockets.add(socket)
          socket.once('close', () => this.#sockets.delete(socket))
        },
        connected: () => {
          this.connections++
        }
      })
    })
  }

  /** Start routing (and, behind a proxy, counting) this run's requests. */
  open(): void {
    runs.set(this.#id, this)
    acquireRouter()
    if (this.proxied) this.#proxy = new ProxyCounting(this)
  }

  /**
   * The request headers of one check: `headers` plus the header that routes
   * them here, and the counter its requests go to. Each of its requests gets
   * `timeout` (ms) for its answer's headers, and as much between two pieces
   * of its body (the connection has its own timeout). Behind a proxy the
   * header is left out (it would reach the server), requests are matched by
   * URL, and the timeout is linkinator's to apply.
   */
  track(url: string, headers: Readonly<Record<string, string>>, counter: RequestCounter, timeout: number): {headers: Record<string, string>; done: () => void} {
    if (this.#proxy) return {headers: {...headers}, done: this.#proxy.track(url, counter)}
    const id = `${this.#id}:${this.#nextCheck++}`
    this.#checks.set(id, {counter, timeout})
    return {headers: {...headers, [checkHeader]: id}, done: () => this.#checks.delete(id)}
  }

  /** Send a routed request (the header names one of this run's checks). */
  dispatch(id: string, options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const check = this.#checks.get(id)
    if (!check) return finished.dispatch(options, handler)
    check.counter.requests++
    this.requests++
    const timed: Dispatcher.DispatchOptions = {...options, headersTimeout: check.timeout, bodyTimeout: check.timeout}
    // undici closes the socket after a HEAD unless told not to.
    if (options.method === 'HEAD' && (this.closeAfterHead.size === 0 || !this.closeAfterHead.has(originOf(options.origin)))) {
      timed.reset = false
    }

    return this.#agent.dispatch(timed, handler)
  }

  /** Count a request made behind a proxy. */
  countProxied(counter: RequestCounter): void {
    counter.requests++
    this.requests++
  }

  /** Close every connection at once (the deadline, or the end of the run). */
  destroy(): void {
    for (const socket of this.#sockets) socket.destroy()
    void this.#agent.destroy().catch(() => undefined)
  }

  /** Stop routing: no check of this run is left in flight. */
  close(): void {
    this.destroy()
    this.#proxy?.close()
    if (runs.get(this.#id) === this) {
      runs.delete(this.#id)
      releaseRouter()
    }
  }
}

/** What a guarded connector tells its owner. */
export interface ConnectorEvents {
  /** A TCP socket was opened (to an address already checked). */
  opened?: (socket: net.Socket) => void
  /** A TCP connection was made. */
  connected?: () => void
}

/**
 * An undici connector that resolves the host with `settings.lookup` and
 * checks every address before dialing (a private one fails the connection
 * unless `settings.guards` exempts the host, without a packet sent, so an
 * open and a closed port look the same), then opens TCP to those checked
 * addresses only (the name is not resolved again) and, for `https:`, starts
 * TLS on that socket. Link checks and archive lookups both connect with it.
 */
export function guardedConnector(settings: Pick<AgentSettings, 'timeout' | 'guards' | 'lookup'>, events: ConnectorEvents = {}): buildConnector.connector {
  const tls = buildConnector({timeout: settings.timeout})
  return (options, callback) => {
    const https = options.protocol === 'https:'
    const guarded = settings.guards(options.hostname)
    let socket: net.Socket | undefined
    let settled = false
    const settle = (error: Error | undefined) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket?.off('error', settle)
      if (error || !socket) {
        socket?.destroy()
        callback(error ?? new Error('no connection'), null)
      } else if (https) {
        tls({...options, httpSocket: socket}, callback)
      } else {
        callback(null, socket)
      }
    }

    const timer = setTimeout(() => {
      settle(Object.assign(new Error(`connect timeout to \`${options.hostname}\``), {code: 'UND_ERR_CONNECT_TIMEOUT'}))
    }, settings.timeout)
    const dial = (addresses: readonly string[]) => {
      if (settled) return
      const opened = net.connect({
        // A name goes to `pinnedLookup`, never to the system resolver.
        host: options.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: Number(options.port) || (https ? 443 : 80),
        lookup: pinnedLookup(addresses),
        ...(options.localAddress ? {localAddress: options.localAddress} : {})
      })
      socket = opened
      events.opened?.(opened)
      opened.once('error', settle)
      opened.once('connect', () => {
        events.connected?.()
        const address = opened.remoteAddress
        // Only checked addresses are dialed; this holds if that ever changes.
        if (address !== undefined && guarded && isPrivateAddress(address)) {
          const error = new Error(`host \`${options.hostname}\` connecting to private address \`${address}\``)
          settle(Object.assign(error, {code: privateAddressCode}))
          return
        }

        opened.setNoDelay(true)
        settle(undefined)
      })
    }

    resolveHost(options.hostname, settings.lookup, guarded).then(
      (resolved) => {
        if (resolved.allowed) {
          dial(resolved.addresses)
          return
        }

        const code = resolved.code === 'private' ? privateAddressCode : (resolved.errorCode ?? 'ENOTFOUND')
        settle(Object.assign(new Error(resolved.reason), {code}))
      },
      (error: unknown) => settle(error instanceof Error ? error : new Error(String(error)))
    )
  }
}

/**
 * A `lookup` for `net.connect` that answers with the given, already checked
 * addresses (all of them when asked for all, for Happy Eyeballs), so the
 * connection never resolves the name itself.
 */
function pinnedLookup(addresses: readonly string[]): net.LookupFunction {
  const records = addresses.map((address) => ({address, family: isIP(address)}))
  return (_hostname, options, callback) => {
    const wanted = typeof options.family === 'number' && options.family !== 0 ? records.filter((record) => record.family === options.family) : records
    if (wanted.length === 0) {
      callback(Object.assign(new Error(`no address of the family asked for`), {code: 'ENOTFOUND'}), '', 0)
      return
    }

    if (options.all === true) {
      ;(callback as unknown as (error: null, addresses: Array<{address: string; family: number}>) => void)(null, wanted)
      return
    }

    const first = wanted[0]
    callback(null, first?.address ?? '', first?.family ?? 4)
  }
}

/** `origin` of dispatch options as `scheme://host:port`. */
function originOf(origin: Dispatcher.DispatchOptions['origin']): string {
  if (origin === undefined) return ''
  if (typeof origin !== 'string') return origin.origin
  return origin.endsWith('/') ? origin.slice(0, -1) : origin
}

/** Counting behind a proxy, where requests do not pass the router. */
class ProxyCounting {
  readonly #agent: LinkAgent
  /** The proxy's `hostname:port`. */
  readonly #proxyHost: string
  /** URL -> counters of the checks requesting it now. */
  readonly #urls = new Map<string, RequestCounter[]>()

  constructor(agent: LinkAgent) {
    this.#agent = agent
    let host = ''
    try {
      const url = new URL(proxyUrl() ?? '')
      host = `${url.hostname.replace(/^\[(.*)\]$/, '$1')}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`
    } catch {
      // An unreadable proxy URL: linkinator fails each request, nothing to count.
    }

    this.#proxyHost = host
    dc.subscribe('undici:request:create', this.#onRequest)
    dc.subscribe('undici:client:connected', this.#onConnected)
  }

  track(url: string, counter: RequestCounter): () => void {
    const list = this.#urls.get(url) ?? []
    list.push(counter)
    this.#urls.set(url, list)
    return () => {
      list.splice(list.indexOf(counter), 1)
      if (list.length === 0) this.#urls.delete(url)
    }
  }

  close(): void {
    dc.unsubscribe('undici:request:create', this.#onRequest)
    dc.unsubscribe('undici:client:connected', this.#onConnected)
  }

  readonly #onRequest = (message: unknown) => {
    const request = (message as {request?: {origin?: unknown; path?: unknown; method?: unknown}}).request
    if (request?.method === 'CONNECT' || typeof request?.path !== 'string') return
    const origin = typeof request.origin === 'string' ? request.origin : request.origin instanceof URL ? request.origin.origin : ''
    const counter = this.#urls.get(origin.replace(/\/$/, '') + request.path)?.[0] ?? this.#urls.get(request.path)?.[0]
    if (counter) this.#agent.countProxied(counter)
  }

  readonly #onConnected = (message: unknown) => {
    const params = (message as {connectParams?: {hostname?: unknown; port?: unknown; protocol?: unknown}}).connectParams
    if (typeof params?.hostname !== 'string') return
    const port = typeof params.port === 'string' && params.port !== '' ? params.port : params.protocol === 'https:' ? '443' : '80'
    if (`${params.hostname.replace(/^\[(.*)\]$/, '$1')}:${port}` === this.#proxyHost) {
      this.#agent.connections++
    }
  }
}

/** Runs by id, while any of their checks may still send a request. */
const runs = new Map<string, LinkAgent>()

/** Answers a request for a run that is over: fails it without a connection. */
const finished = new Agent()
void finished.destroy()

/** Sends our requests to their run's agent and every other request where it went before. */
class Router extends Dispatcher {
  readonly previous: Dispatcher

  constructor(previous: Dispatcher) {
    super()
    this.previous = previous
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const found = takeCheckHeader(options.headers)
    if (!found) return this.previous.dispatch(options, handler)
    const run = runOf(found.id)
    const routed = {...options, headers: found.headers}
    return run ? run.dispatch(found.id, routed, handler) : finished.dispatch(routed, handler)
  }
}

let router: Router | undefined
/** The global `fetch` while runs are on, and the one it replaced. */
let fetches: {light: typeof fetch; previous: typeof fetch} | undefined
let users = 0

/** The run a check id belongs to. */
function runOf(id: string): LinkAgent | undefined {
  return runs.get(id.slice(0, id.indexOf(':')))
}

function acquireRouter(): void {
  if (users++ > 0 && router) return
  router = new Router(getGlobalDispatcher())
  setGlobalDispatcher(router)
  const previous = globalThis.fetch
  fetches = {light: createLinkFetch(checkHeader, runOf, previous), previous}
  globalThis.fetch = fetches.light
}

function releaseRouter(): void {
  users--
  if (users > 0 || !router) return
  if (getGlobalDispatcher() === router) setGlobalDispatcher(router.previous)
  router = undefined
  if (fetches && globalThis.fetch === fetches.light) globalThis.fetch = fetches.previous
  fetches = undefined
}

/** The check id in request headers, and the headers without it; `undefined` when absent. */
function takeCheckHeader(
  headers: Dispatcher.DispatchOptions['headers']
): {id: string; headers: NonNullable<Dispatcher.DispatchOptions['headers']>} | undefined {
  if (headers === null || headers === undefined) return undefined
  if (Array.isArray(headers)) {
    const list = headers as unknown[]
    for (let index = 0; index < list.length; index += 2) {
      const name = list[index]
      const value = list[index + 1]
      if (typeof name === 'string' && name.toLowerCase() === checkHeader && typeof value === 'string') {
        return {id: value, headers: [...list.slice(0, index), ...list.slice(index + 2)] as string[]}
      }
    }

    return undefined
  }

  if (typeof headers !== 'object' || Symbol.iterator in headers) return undefined
  const record = headers as Record<string, string | string[] | undefined>
  const id = record[checkHeader]
  if (typeof id !== 'string') return undefined
  const rest: Record<string, string | string[] | undefined> = {}
  for (const name in record) if (name !== checkHeader) rest[name] = record[name]
  return {id, headers: rest}
}
