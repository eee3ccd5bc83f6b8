/**
 * A real HTTP server on loopback that plays every kind of link a curriculum
 * meets: fine, moved, gone, bot walls, rate limits, flaky, hanging, dripping,
 * huge. It counts requests per path and the peak of requests in flight per
 * host (the local address the client connected to).
 */
import {once} from 'node:events'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, beforeEach} from 'vitest'
import type {Lookup} from '../../src/links/index.js'

// linkinator sends every request through `HTTP(S)_PROXY` when one is set (it
// ignores `NO_PROXY`); these tests talk to loopback only.
for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]

/** What the server saw. */
export interface Seen {
  /** `METHOD /path?query` -> count. */
  requests: Map<string, number>
  /** Requests per path (any method). */
  byPath: Map<string, number>
  /** Host (local address) -> most requests in flight at once. */
  peaks: Map<string, number>
  /** Most requests in flight at once over all hosts. */
  peak: number
  /** Bytes of body written by `/huge` before the client went away. */
  hugeBytes: number
  /** User-Agent and `x-token` of each request, by path. */
  headers: Map<string, {userAgent: string | undefined; token: string | undefined}>
  /** TCP connections accepted, per host (local address). */
  connections: Map<string, number>
  /** Names of request headers that start with `x-coursemark` (none should arrive). */
  privateHeaders: string[]
}

/** A running test server. */
export interface TestServer {
  /** `http://<host>:<port>` for each listening address. */
  origin: (host?: string) => string
  seen: Seen
  /** Requests the server is still answering. */
  inFlight: () => number
  reset: () => void
  close: () => Promise<void>
}

/** Start the server on the given loopback addresses (port 0, one port for all). */
export async function startServer(hosts: string[] = ['127.0.0.1']): Promise<TestServer> {
  const seen: Seen = {
    requests: new Map(),
    byPath: new Map(),
    peaks: new Map(),
    peak: 0,
    hugeBytes: 0,
    headers: new Map(),
    connections: new Map(),
    privateHeaders: []
  }
  /** Sockets that owe the client a body after a HEAD answer (see `/late-body`). */
  const owing = new WeakSet<import('node:net').Socket>()
  const active = new Map<string, number>()
  let total = 0
  const timers = new Set<NodeJS.Timeout>()

  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://x')
    const path = url.pathname
    const method = request.method ?? 'GET'
    const host = request.socket.localAddress ?? ''
    const key = `${method} ${path}${url.search}`
    seen.requests.set(key, (seen.requests.get(key) ?? 0) + 1)
    seen.byPath.set(path, (seen.byPath.get(path) ?? 0) + 1)
    for (const name of Object.keys(request.headers)) if (name.startsWith('x-coursemark')) seen.privateHeaders.push(name)
    if (owing.has(request.socket)) {
      // The body of the earlier HEAD answer, sent late: the client reads it
      // as the start of this answer.
      owing.delete(request.socket)
      request.socket.write('hello')
    }

    seen.headers.set(path, {
      userAgent: request.headers['user-agent'],
      token: typeof request.headers['x-token'] === 'string' ? request.headers['x-token'] : undefined
    })
    const count = (seen.byPath.get(path) ?? 0)
    active.set(host, (active.get(host) ?? 0) + 1)
    total++
    seen.peaks.set(host, Math.max(seen.peaks.get(host) ?? 0, active.get(host) ?? 0))
    seen.peak = Math.max(seen.peak, total)
    let done = false
    const finish = () => {
      if (done) return
      done = true
      active.set(host, (active.get(host) ?? 1) - 1)
      total--
      request.socket.off('close', finish)
    }

    // 'finish': the last byte is handed to the kernel, before the client can
    // have read it and sent its next request.
    response.on('finish', finish)
    response.on('close', finish)
    request.socket.on('close', finish)
    const send = (status: number, headers: http.OutgoingHttpHeaders = {}, body = 'body') => {
      response.writeHead(status, {'content-type': 'text/plain', ...headers})
      response.end(method === 'HEAD' ? undefined : body)
    }

    const later = (ms: number, fn: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        fn()
      }, ms)
      timers.add(timer)
    }

    switch (path) {
      case '/ok':
      case '/ok-2':
      case '/ok-3': {
        send(200)
        return
      }

      case '/late-body': {
        // A server that sends a body after a HEAD answer.
        response.writeHead(200, {'content-type': 'text/plain', 'content-length': '5'})
        response.end(method === 'HEAD' ? undefined : 'hello')
        if (method === 'HEAD') owing.add(request.socket)
        return
      }

      case '/garbled': {
        request.socket.end('garbage\r\n\r\n')
        return
      }

      case '/slow': {
        later(Number(url.searchParams.get('ms') ?? '50'), () => send(200))
        return
      }

      case '/moved': {
        send(301, {location: '/ok'})
        return
      }

      case '/chain': {
        send(308, {location: '/moved'})
        return
      }

      case '/temporary': {
        send(302, {location: '/ok'})
        return
      }

      case '/moved-then-temporary': {
        send(301, {location: '/temporary'})
        return
      }

      case '/moved-to-gone': {
        send(301, {location: '/gone'})
        return
      }

      case '/loop-a': {
        send(301, {location: '/loop-b'})
        return
      }

      case '/loop-b': {
        send(301, {location: '/loop-a'})
        return
      }

      case '/missing': {
        send(404)
        return
      }

      case '/gone': {
        send(410)
        return
      }

      case '/head-missing': {
        send(method === 'HEAD' ? 404 : 200)
        return
      }

      case '/no-head': {
        send(method === 'HEAD' ? 405 : 200)
        return
      }

      case '/rate-limited': {
        send(429, {'retry-after': '0'})
        return
      }

      case '/rate-limited-long': {
        send(429, {'retry-after': '120'})
        return
      }

      case '/rate-limited-once': {
        // HEAD and GET of the first check are limited; then fine.
        if (count <= 2) send(429, {'retry-after': '1'})
        else send(200)
        return
      }

      case '/rate-limited-date': {
        if (count <= 2) send(429, {'retry-after': url.searchParams.get('until') ?? ''})
        else send(200)
        return
      }

      case '/unavailable': {
        send(503)
        return
      }

      case '/recovers': {
        if (count <= 2) send(503)
        else send(200)
        return
      }

      case '/linkedin': {
        send(999)
        return
      }

      case '/forbidden': {
        send(403)
        return
      }

      case '/challenge': {
        send(403, {'cf-mitigated': 'challenge'})
        return
      }

      case '/hang': {
        return
      }

      case '/reset': {
        request.socket.resetAndDestroy()
        return
      }

      case '/drip': {
        if (method === 'HEAD') {
          send(404)
          return
        }

        response.writeHead(200, {'content-type': 'text/html'})
        const tick = () => {
          if (response.destroyed) return
          response.write('.')
          later(20, tick)
        }

        tick()
        return
      }

      case '/drip-headers': {
        const socket = request.socket
        socket.write('HTTP/1.1 200 OK\r\n')
        const tick = () => {
          if (socket.destroyed) return
          socket.write('x-drip: .\r\n')
          later(20, tick)
        }

        tick()
        return
      }

      case '/huge': {
        if (method === 'HEAD') {
          send(405)
          return
        }

        response.writeHead(200, {'content-type': 'text/html'})
        const chunk = Buffer.alloc(64 * 1024, 'a')
        const pump = () => {
          while (!response.destroyed) {
            seen.hugeBytes += chunk.length
            if (!response.write(chunk)) {
              response.once('drain', pump)
              return
            }
          }
        }

        pump()
        return
      }

      case '/to-other-host': {
        send(302, {location: url.searchParams.get('to') ?? '/ok'})
        return
      }

      default: {
        send(404)
      }
    }
  }

  const servers: http.Server[] = []
  let port = 0
  for (const host of hosts) {
    const server = http.createServer(handler)
    server.on('connection', (socket: import('node:net').Socket) => {
      const local = socket.localAddress ?? ''
      seen.connections.set(local, (seen.connections.get(local) ?? 0) + 1)
    })
    server.listen(port, host)
    await once(server, 'listening')
    port = (server.address() as AddressInfo).port
    servers.push(server)
  }

  return {
    origin: (host = hosts[0] ?? '127.0.0.1') => `http://${host}:${port}`,
    seen,
    inFlight: () => total,
    reset() {
      seen.requests.clear()
      seen.byPath.clear()
      seen.peaks.clear()
      seen.peak = 0
      seen.hugeBytes = 0
      seen.headers.clear()
      seen.connections.clear()
      seen.privateHeaders.length = 0
    },
    async close() {
      for (const timer of timers) clearTimeout(timer)
      for (const server of servers) {
        server.closeAllConnections()
        server.close()
      }
    }
  }
}

/** A port nothing listens on. */
export async function refusedPort(): Promise<number> {
  const server = http.createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const {port} = server.address() as AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

/** A clock for a link run that moves only when the run sleeps. */
export interface VirtualClock {
  now: () => number
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** Every wait asked for, in ms, in order. */
  waits: number[]
}

/**
 * Waits are recorded and pass at once (the clock jumps ahead), except those
 * over a minute (the run's deadline): they end only with the run.
 */
export function virtualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  let now = start
  const waits: number[] = []
  return {
    now: () => now,
    waits,
    async sleep(ms, signal) {
      waits.push(ms)
      if (ms <= 60_000) {
        now += ms
        return
      }

      await new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => resolve(), {once: true})
      })
    }
  }
}

/** Options for quick checks against the test server: no cache, no retries, short timeouts. */
export const fast = {cache: false, timeout: 3000, retries: 0, backoff: 10, deadline: 10_000} as const

/** A resolver that answers from a table and knows no other name. */
export function table(entries: Record<string, string[]>): Lookup {
  return async (hostname) => {
    const addresses = entries[hostname]
    if (addresses) return addresses
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {code: 'ENOTFOUND'})
  }
}

/**
 * A resolver that answers `first` for its first question about a name and
 * `then` for every later one (what DNS rebinding does), counting questions.
 */
export function rebinding(first: Record<string, string[]>, then: Record<string, string[]>): Lookup & {calls: string[]} {
  const calls: string[] = []
  const lookup = async (hostname: string) => {
    const addresses = (calls.includes(hostname) ? then : first)[hostname]
    calls.push(hostname)
    if (addresses) return addresses
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {code: 'ENOTFOUND'})
  }

  return Object.assign(lookup, {calls})
}

/**
 * One server for the tests of a file: started before them (`started` gets
 * it), its counts reset before each, closed after them.
 */
export function useTestServer(hosts: string[], started: (server: TestServer) => void): void {
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startServer(hosts)
    started(server)
  })
  afterAll(async () => {
    await server?.close()
  })
  beforeEach(() => {
    server?.reset()
  })
}
