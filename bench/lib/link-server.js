/**
 * A local HTTP server for link-checking benchmarks: one listener on each of
 * many loopback addresses (127.0.0.2, 127.0.0.3, ... all reach this machine),
 * the same port on each, so that a checker sees many hosts as it would on a
 * real curriculum. Every response waits a fixed latency first.
 *
 * Paths decide the answer (for HEAD and GET alike):
 * - `/ok/<id>`: 200.
 * - `/missing/<id>`: 404.
 * - `/moved/<id>`: 301 to `/ok/moved-<id>` on the same host.
 * - `/flaky/<id>`: 503 the first time, 200 after (recovers on one retry).
 * - `/limited/<id>`: 429 with `Retry-After: 1` the first time, 200 after.
 *
 * A "refused" URL points at an address in 127.0.0.0/8 where nothing listens.
 *
 * It counts requests per URL and per method, and the peak number of requests
 * in flight per host and over all hosts.
 */
import {createServer} from 'node:http'

/**
 * @typedef {'ok' | 'missing' | 'moved' | 'flaky' | 'limited' | 'refused'} UrlKind
 */

/**
 * @typedef PlannedUrl
 * @property {string} url
 * @property {UrlKind} kind
 * @property {boolean} dead
 *   What a correct checker reports: dead for `missing` and `refused`.
 * @property {number} needed
 *   Requests a correct checker needs for it (1, or 2 for `flaky` and
 *   `limited`; a `moved` URL needs 1 and its target 1 more).
 */

/**
 * @typedef ServerStats
 * @property {number} requests
 * @property {Map<string, number>} perUrl
 *   `http://host:port/path` -> requests.
 * @property {Map<string, number>} perMethod
 * @property {Map<string, number>} perMethodUrl
 *   `METHOD url` -> requests.
 * @property {Map<string, number>} peakPerHost
 * @property {number} peak
 *   Peak requests in flight over all hosts.
 * @property {number} connections
 *   TCP connections accepted (fewer than requests when connections are reused).
 */

/**
 * @param {{addresses: string[], latencyMs: number}} options
 */
export async function startLinkServer(options) {
  /** @type {ServerStats} */
  let stats = emptyStats()
  /** @type {Map<string, number>} */
  const active = new Map()
  let activeAll = 0
  /** @type {Set<string>} */
  const seen = new Set()
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:http').ServerResponse} response
   */
  function handle(request, response) {
    const host = request.socket.localAddress ?? 'unknown'
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const key = `http://${host}:${port}${path}`
    stats.requests++
    stats.perUrl.set(key, (stats.perUrl.get(key) ?? 0) + 1)
    const method = request.method ?? 'GET'
    stats.perMethod.set(method, (stats.perMethod.get(method) ?? 0) + 1)
    stats.perMethodUrl.set(`${method} ${key}`, (stats.perMethodUrl.get(`${method} ${key}`) ?? 0) + 1)
    const now = (active.get(host) ?? 0) + 1
    active.set(host, now)
    activeAll++
    stats.peak = Math.max(stats.peak, activeAll)
    stats.peakPerHost.set(host, Math.max(stats.peakPerHost.get(host) ?? 0, now))
    let done = false
    const finish = () => {
      if (done) return
      done = true
      active.set(host, (active.get(host) ?? 1) - 1)
      activeAll--
    }

    response.on('close', finish)
    request.resume()
    setTimeout(() => {
      const kind = path.split('/')[1]
      const first = !seen.has(key)
      seen.add(key)
      let status = 200
      /** @type {Record<string, string>} */
      const headers = {'content-type': 'text/html; charset=utf-8'}
      if (kind === 'missing') status = 404
      else if (kind === 'moved') {
        status = 301
        headers.location = `/ok/moved-${path.split('/')[2] ?? ''}`
      } else if (kind === 'flaky' && first) status = 503
      else if (kind === 'limited' && first) {
        status = 429
        headers['retry-after'] = '1'
      } else if (kind !== 'ok' && kind !== 'flaky' && kind !== 'limited') status = 404

      const body = `<!doctype html><title>${status}</title><p>${status}</p>\n`
      headers['content-length'] = String(Buffer.byteLength(body))
      response.writeHead(status, headers)
      response.end(method === 'HEAD' ? undefined : body)
      finish()
    }, options.latencyMs)
  }

  /** @type {import('node:http').Server[]} */
  const servers = []
  let port = 0
  for (let attempt = 0; attempt < 20 && servers.length < options.addresses.length; attempt++) {
    for (const server of servers.splice(0)) server.close()
    port = 0
    try {
      for (const address of options.addresses) {
        const server = createServer({keepAliveTimeout: 5000}, handle)
        server.on('connection', (socket) => {
          stats.connections++
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
        })
        server.maxHeadersCount = 100
        await new Promise((resolve, reject) => {
          server.once('error', reject)
          server.listen(port, address, () => resolve(undefined))
        })
        if (port === 0) {
          const bound = server.address()
          port = typeof bound === 'object' && bound ? bound.port : 0
        }

        servers.push(server)
      }
    } catch {
      // The port was taken on one of the addresses: try another.
    }
  }

  if (servers.length < options.addresses.length) throw new Error('could not bind the link server')

  return {
    port,
    /** Forget counts and first hits (each cold run starts from a fresh server state). */
    reset() {
      stats = emptyStats()
      seen.clear()
    },
    /** Also drop open keep-alive connections (between tools). */
    dropConnections() {
      for (const socket of sockets) socket.destroy()
    },
    stats() {
      return stats
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(() => resolve(undefined)))))
    }
  }
}

/** @returns {ServerStats} */
function emptyStats() {
  return {requests: 0, perUrl: new Map(), perMethod: new Map(), perMethodUrl: new Map(), peakPerHost: new Map(), peak: 0, connections: 0}
}

/**
 * Plan `count` unique URLs over `addresses` with a realistic mix of answers.
 * Deterministic.
 *
 * @param {{count: number, addresses: string[], refusedAddresses: string[], port: number}} options
 * @returns {PlannedUrl[]}
 */
export function planUrls(options) {
  /** @type {PlannedUrl[]} */
  const urls = []
  for (let i = 0; i < options.count; i++) {
    // Of every 100: 80 ok, 8 missing, 2 refused, 4 moved, 3 flaky, 3 limited.
    const slot = (i * 37) % 100
    /** @type {UrlKind} */
    const kind =
      slot < 80 ? 'ok' : slot < 88 ? 'missing' : slot < 90 ? 'refused' : slot < 94 ? 'moved' : slot < 97 ? 'flaky' : 'limited'
    // Hosts get uneven shares, as real ones do: a few big hosts, a long tail
    // (the busiest of 50 gets about 7%).
    const hostIndex = Math.floor(options.addresses.length * ((i * 0.618_033_988_75) % 1) ** 1.5)
    const address =
      kind === 'refused'
        ? options.refusedAddresses[i % options.refusedAddresses.length]
        : options.addresses[hostIndex]
    const url = `http://${address}:${options.port}/${kind === 'refused' ? 'ok' : kind}/page-${i}`
    urls.push({url, kind, dead: kind === 'missing' || kind === 'refused', needed: kind === 'flaky' || kind === 'limited' ? 2 : kind === 'refused' ? 0 : 1})
  }

  return urls
}

/**
 * Compare what the server saw with the plan.
 *
 * @param {ServerStats} stats
 * @param {PlannedUrl[]} plan
 */
export function requestReport(stats, plan) {
  /** @type {Map<string, number>} */
  const needed = new Map()
  for (const item of plan) {
    if (item.kind === 'refused') continue
    needed.set(item.url, item.needed)
    if (item.kind === 'moved') {
      const target = item.url.replace('/moved/', '/ok/moved-')
      needed.set(target, (needed.get(target) ?? 0) + 1)
    }
  }

  let duplicates = 0
  let checked = 0
  for (const [url, count] of stats.perUrl) {
    duplicates += Math.max(0, count - (needed.get(url) ?? 0))
    checked++
  }

  // The same method to the same URL again, beyond the retries the plan needs
  // (a GET after a HEAD that was not 2xx is not counted here).
  let sameMethodRepeats = 0
  for (const [key, count] of stats.perMethodUrl) {
    const url = key.slice(key.indexOf(' ') + 1)
    sameMethodRepeats += Math.max(0, count - Math.max(1, needed.get(url) ?? 1))
  }

  const peaks = [...stats.peakPerHost.values()]
  return {
    requests: stats.requests,
    connections: stats.connections,
    urlsRequested: checked,
    uniqueUrls: plan.length,
    requestsPerUniqueUrl: stats.requests / plan.length,
    duplicateRequests: duplicates,
    sameMethodRepeats,
    peakPerHost: peaks.length > 0 ? Math.max(...peaks) : 0,
    peakGlobal: stats.peak,
    methods: Object.fromEntries(stats.perMethod)
  }
}
