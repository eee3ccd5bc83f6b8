import {once} from 'node:events'
import http from 'node:http'
import net, {type AddressInfo} from 'node:net'
import {getGlobalDispatcher} from 'undici'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkLinks} from '../../src/links/index.js'
import {fast, rebinding, table, type TestServer, useTestServer} from './server.js'

let server: TestServer
let origin: string

useTestServer(['127.0.0.1', '127.0.0.2'], (started) => {
  server = started
  origin = started.origin()
})

describe('connections', () => {
  it('reuses connections: HEAD requests keep their socket, up to `perHost` sockets per host', async () => {
    const urls = Array.from({length: 20}, (_, index) => ({url: `${origin}/ok?i=${index}`}))
    const report = await checkLinks(urls, {...fast, allowPrivate: true, perHost: 2})
    expect(report.results.every((result) => result.class === 'ok')).toBe(true)
    expect([report.stats.requests, report.stats.connections]).toEqual([20, server.seen.connections.get('127.0.0.1')])
    expect(report.stats.connections).toBeLessThanOrEqual(2)
    // The header that routes requests to the run never reaches the server.
    expect(server.seen.privateHeaders).toEqual([])
  })

  it('gives a fresh socket to each HEAD of a server that sent a body after a HEAD answer', async () => {
    // One socket at a time: HEAD i=0 leaves its body on the socket; HEAD i=1
    // reads it as its answer (a parser error), and linkinator's GET gets a
    // new socket. From then on each HEAD to that origin closes its socket.
    const urls = Array.from({length: 5}, (_, index) => ({url: `${origin}/late-body?i=${index}`}))
    const report = await checkLinks(urls, {...fast, allowPrivate: true, perHost: 1})
    expect(report.results.map((result) => [result.url.replace(origin, ''), result.class, result.attempts, result.requests])).toEqual([
      ['/late-body?i=0', 'ok', 1, 1],
      ['/late-body?i=1', 'ok', 1, 2],
      ['/late-body?i=2', 'ok', 1, 1],
      ['/late-body?i=3', 'ok', 1, 1],
      ['/late-body?i=4', 'ok', 1, 1]
    ])
    expect(report.stats.closeAfterHead).toEqual([origin])
    // i=0 and i=1 share a socket; the GET of i=1 and the HEAD of i=2 the next; then one each.
    expect([report.stats.connections, server.seen.connections.get('127.0.0.1')]).toEqual([4, 4])
  })

  it('asks again at once, without using up a retry, when no answer could be read', async () => {
    // `/garbled` answers every request with bytes that are not HTTP.
    const report = await checkLinks([{url: `${origin}/garbled`}], {...fast, allowPrivate: true})
    expect(report.results.map((result) => [result.class, result.reason, result.attempts, result.requests])).toEqual([
      ['unverifiable', 'invalid HTTP answer', 2, 4]
    ])
    expect(report.stats.closeAfterHead).toEqual([origin])
  })
})

describe('the private-address guard on connections', () => {
  it('checks the address each connection reaches, for a redirect hop too, while allowed sockets are reused', async () => {
    const allowed = server.origin('127.0.0.1')
    const named = server.origin('localhost')
    const report = await checkLinks(
      [
        {url: `${allowed}/ok`},
        {url: `${allowed}/to-other-host?to=${encodeURIComponent(named + '/ok-2')}`},
        {url: `${named}/ok-3`}
      ],
      // DNS says public to the guard, then loopback to the connection (DNS rebinding).
      {...fast, allowPrivate: ['127.0.0.1'], perHost: 1, lookup: rebinding({localhost: ['93.184.215.14']}, {localhost: ['127.0.0.1']})}
    )
    expect(report.results.map((result) => [result.class, result.reason.replaceAll(named, 'NAMED')])).toEqual([
      ['ok', '`200 OK`'],
      ['unverifiable', 'host `localhost` resolving to private address `127.0.0.1` after a redirect to `NAMED/ok-2`'],
      ['skipped', 'host `localhost` resolving to private address `127.0.0.1`']
    ])
    expect([...server.seen.byPath.keys()].sort()).toEqual(['/ok', '/to-other-host'])
    expect(server.seen.byPath.get('/to-other-host')).toBe(2)
  })

  it('never lends a socket of one run to the next, whose guard may differ', async () => {
    const url = server.origin('localhost') + '/ok'
    const first = await checkLinks([{url}], {...fast, allowPrivate: true})
    expect(first.results.map((result) => result.class)).toEqual(['ok'])
    server.reset()
    const second = await checkLinks([{url}], {...fast, lookup: rebinding({localhost: ['93.184.215.14']}, {localhost: ['127.0.0.1']})})
    expect(second.results.map((result) => [result.class, result.reason])).toEqual([
      ['skipped', 'host `localhost` resolving to private address `127.0.0.1`']
    ])
    expect(server.seen.requests.size).toBe(0)
  })

  it('keeps runs that overlap apart, each with its own guard, and puts the global dispatcher back after them', async () => {
    const before = getGlobalDispatcher()
    const url = server.origin('localhost') + '/ok'
    const [open, guarded] = await Promise.all([
      checkLinks([{url: url + '?open'}, {url: origin + '/slow?ms=100'}], {...fast, allowPrivate: true}),
      checkLinks([{url: url + '?guarded'}], {...fast, lookup: rebinding({localhost: ['93.184.215.14']}, {localhost: ['127.0.0.1']})})
    ])
    expect(open.results.map((result) => result.class)).toEqual(['ok', 'ok'])
    expect(guarded.results.map((result) => [result.class, result.reason])).toEqual([
      ['skipped', 'host `localhost` resolving to private address `127.0.0.1`']
    ])
    expect(server.seen.requests.get('HEAD /ok?open')).toBe(1)
    expect(server.seen.requests.has('HEAD /ok?guarded')).toBe(false)
    expect(getGlobalDispatcher()).toBe(before)
  })

  it('leaves requests that are not a link check alone while a run is on', async () => {
    const running = checkLinks([{url: origin + '/slow?ms=200'}], {...fast, allowPrivate: true})
    // Private address, no guard: this fetch is not ours to judge.
    const response = await fetch(server.origin('127.0.0.2') + '/ok-2', {method: 'HEAD'})
    expect(response.status).toBe(200)
    expect((await running).results.map((result) => result.class)).toEqual(['ok'])
  })
})

describe('behind a proxy', () => {
  let proxy: http.Server
  let proxyConnections = 0

  beforeAll(async () => {
    // A forward proxy on loopback: CONNECT tunnels and absolute-URL requests.
    proxy = http.createServer((request, response) => {
      const target = new URL(request.url ?? '/')
      const forwarded = http.request(target, {method: request.method, headers: request.headers}, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      })
      forwarded.on('error', () => response.destroy())
      request.pipe(forwarded)
    })
    proxy.on('connection', () => proxyConnections++)
    proxy.on('connect', (request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      const [host, port] = (request.url ?? '').split(':')
      const upstream = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(socket)
        socket.pipe(upstream)
      })
      upstream.on('error', () => socket.destroy())
      socket.on('error', () => upstream.destroy())
    })
    proxy.listen(0, '127.0.0.1')
    await once(proxy, 'listening')
  })

  afterAll(() => {
    proxy.closeAllConnections()
    proxy.close()
  })

  it('still counts requests (per URL too) and connections, to the proxy', async () => {
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
    proxyConnections = 0
    try {
      const report = await checkLinks([{url: origin + '/ok'}, {url: origin + '/missing'}, {url: origin + '/moved'}], {
        ...fast,
        allowPrivate: true
      })
      expect(report.results.map((result) => [result.url.replace(origin, ''), result.class, result.requests])).toEqual([
        ['/ok', 'ok', 1],
        ['/missing', 'dead', 2],
        ['/moved', 'redirected', 2]
      ])
      expect(report.stats.requests).toBe(5)
      expect(report.stats.connections).toBe(proxyConnections)
      expect(report.stats.connections).toBeGreaterThan(0)
      expect(server.seen.privateHeaders).toEqual([])
    } finally {
      delete process.env.HTTP_PROXY
    }
  })
})
