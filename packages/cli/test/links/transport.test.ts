import {Agent} from 'undici'
import {describe, expect, it} from 'vitest'
import {checkLinks, createLinkRun, type CheckLinksOptions, type LinkOccurrence, type LinkReport, type UrlResult} from '../../src/links/index.js'
import {bodyCap, bodyTime, createLinkFetch} from '../../src/links/transport.js'
import {fast, refusedPort, rebinding, table, type TestServer, useTestServer, virtualClock} from './server.js'

let server: TestServer
let origin: string

useTestServer(['127.0.0.1', '127.0.0.2'], (started) => {
  server = started
  origin = started.origin()
})

/** What a run gave, and how often Node's own `fetch` was called during it. */
interface Outcome {
  rows: unknown[][]
  requests: Record<string, number>
  stats: Pick<LinkReport['stats'], 'requests' | 'closeAfterHead'>
  nodeFetchCalls: number
}

/**
 * Check `urls` with the light `fetch` (as a run does by itself), or with
 * Node's `fetch` put back over it once the run has started: linkinator's
 * requests then take Node's `fetch` and the router to the same agent.
 */
async function run(urls: LinkOccurrence[], options: CheckLinksOptions, transport: 'light' | 'node'): Promise<Outcome> {
  const nodeFetch = globalThis.fetch
  let nodeFetchCalls = 0
  const counting: typeof fetch = (input, init) => {
    nodeFetchCalls++
    return nodeFetch(input, init)
  }

  server.reset()
  let report: LinkReport
  try {
    if (transport === 'light') {
      globalThis.fetch = counting
      report = await checkLinks(urls, options)
    } else {
      const linkRun = createLinkRun(options)
      globalThis.fetch = counting
      linkRun.add(urls)
      report = await linkRun.finish()
    }
  } finally {
    globalThis.fetch = nodeFetch
  }

  return {
    rows: report.results.map((result) => row(result)),
    requests: Object.fromEntries([...server.seen.requests].sort(([a], [b]) => (a < b ? -1 : 1))),
    stats: {requests: report.stats.requests, closeAfterHead: report.stats.closeAfterHead},
    nodeFetchCalls
  }
}

function row(result: UrlResult): unknown[] {
  const strip = (value: string) => value.replaceAll(origin, '')
  return [strip(result.url), result.class, result.status ?? null, strip(result.reason), result.redirectedTo === undefined ? null : strip(result.redirectedTo), result.attempts, result.requests]
}

describe('the light fetch', () => {
  it('gives the results Node’s fetch gives for every kind of answer, without calling it', async () => {
    const port = await refusedPort()
    const urls = [
      '/ok', '/moved', '/chain', '/temporary', '/moved-then-temporary', '/moved-to-gone', '/loop-a',
      '/missing', '/gone', '/head-missing', '/no-head', '/rate-limited', '/rate-limited-once',
      '/unavailable', '/recovers', '/linkedin', '/forbidden', '/challenge', '/drip', '/huge', '/reset', '/garbled'
    ].map((path) => ({url: origin + path}))
    urls.push({url: `http://127.0.0.1:${port}/refused`})
    const options = () => {
      const clock = virtualClock()
      return {...fast, allowPrivate: true, retries: 1, deadline: undefined, now: clock.now, sleep: clock.sleep}
    }

    const light = await run(urls, options(), 'light')
    const node = await run(urls, options(), 'node')
    expect(light.rows).toEqual(node.rows)
    expect(light.requests).toEqual(node.requests)
    expect(light.stats).toEqual(node.stats)
    expect([light.nodeFetchCalls, node.nodeFetchCalls > 0]).toEqual([0, true])
    // A few of them, as the classes say.
    expect(light.rows.filter((each) => ['/ok', '/chain', '/no-head', '/reset', '/garbled', '/refused'].some((path) => String(each[0]).endsWith(path)))).toEqual([
      ['/ok', 'ok', 200, '`200 OK`', null, 1, 1],
      // `/moved` and `/ok` were asked already in this run.
      ['/chain', 'redirected', 308, '`308 Permanent Redirect`', '/ok', 1, 2],
      ['/no-head', 'ok', 200, '`200 OK`', null, 1, 2],
      ['/reset', 'unverifiable', null, 'closed connection `ECONNRESET`', null, 2, 4],
      // Asked again at once over a fresh socket, then one retry.
      ['/garbled', 'unverifiable', null, 'invalid HTTP answer', null, 3, 6],
      // Refused again on the retry.
      [`http://127.0.0.1:${port}/refused`, 'dead', null, 'refused connection', null, 2, 4]
    ])
  })

  it('gives the timeouts Node’s fetch gives', async () => {
    const urls = ['/hang', '/drip-headers'].map((path) => ({url: origin + path}))
    const light = await run(urls, {...fast, allowPrivate: true, timeout: 300}, 'light')
    const node = await run(urls, {...fast, allowPrivate: true, timeout: 300}, 'node')
    expect(light.rows).toEqual(node.rows)
    expect(light.rows).toEqual([
      ['/hang', 'unverifiable', null, 'no answer within 300 ms', null, 1, 2],
      ['/drip-headers', 'unverifiable', null, 'no answer within 300 ms', null, 1, 2]
    ])
  })

  it('gives the fallback after a body sent after HEAD that Node’s fetch gives', async () => {
    const urls = Array.from({length: 4}, (_, index) => ({url: `${origin}/late-body?i=${index}`}))
    const light = await run(urls, {...fast, allowPrivate: true, perHost: 1}, 'light')
    const node = await run(urls, {...fast, allowPrivate: true, perHost: 1}, 'node')
    expect(light.rows).toEqual(node.rows)
    expect(light.stats.closeAfterHead).toEqual([origin])
  })

  it('reads a small body after GET and keeps the connection; closes it past the cap', async () => {
    // `/head-missing`: HEAD 404, GET 200 with a short body.
    const urls = Array.from({length: 5}, (_, index) => ({url: `${origin}/head-missing?i=${index}`}))
    const report = await checkLinks(urls, {...fast, allowPrivate: true, perHost: 1})
    expect(report.results.map((result) => result.class)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    expect([report.stats.requests, report.stats.connections]).toEqual([10, 1])

    const huge = await checkLinks([{url: origin + '/huge'}], {...fast, allowPrivate: true, timeout: 5000})
    expect(huge.results.map((result) => result.class)).toEqual(['ok'])
    // The client stopped after `bodyCap` bytes (the server may have queued more in the socket buffers).
    expect(server.seen.hugeBytes).toBeLessThan(bodyCap + 8 * 1024 * 1024)
  })

  it('guards a redirect to a private address while the allowed host’s socket is reused', async () => {
    const allowed = server.origin('127.0.0.2')
    const named = server.origin('localhost')
    const literal = server.origin('127.0.0.1')
    const nodeFetch = globalThis.fetch
    let nodeFetchCalls = 0
    globalThis.fetch = (input, init) => {
      nodeFetchCalls++
      return nodeFetch(input, init)
    }

    let report: LinkReport
    try {
      report = await checkLinks(
        [
          {url: `${allowed}/ok`},
          {url: `${allowed}/ok-2`},
          {url: `${allowed}/to-other-host?to=${encodeURIComponent(named + '/ok-3')}`},
          {url: `${allowed}/to-other-host?to=${encodeURIComponent(literal + '/ok-3')}`}
        ],
        // DNS says public to the guard, then loopback to the connection (DNS rebinding).
        {...fast, allowPrivate: ['127.0.0.2'], perHost: 1, concurrency: 1, lookup: rebinding({localhost: ['93.184.215.14']}, {localhost: ['127.0.0.1']})}
      )
    } finally {
      globalThis.fetch = nodeFetch
    }

    const strip = (text: string) => text.replaceAll(named, 'NAMED').replaceAll(literal, 'LITERAL')
    expect(report.results.map((result) => [result.class, strip(result.reason)])).toEqual([
      ['ok', '`200 OK`'],
      ['ok', '`200 OK`'],
      ['unverifiable', 'host `localhost` resolving to private address `127.0.0.1` after a redirect to `NAMED/ok-3`'],
      ['unverifiable', 'private address `127.0.0.1` after a redirect to `LITERAL/ok-3`']
    ])
    // One socket to the allowed host for its six requests; none to
    // `localhost`, refused before dialing.
    expect(server.seen.connections).toEqual(new Map([['127.0.0.2', 1]]))
    expect(server.seen.byPath.has('/ok-3')).toBe(false)
    expect(nodeFetchCalls).toBe(0)
  })

  it('hands every other call to the fetch it replaced', async () => {
    const calls: string[] = []
    const previous: typeof fetch = async (input) => {
      calls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
      return new Response('previous')
    }

    const agent = new Agent()
    const light = createLinkFetch('x-check', (id) => (id === 'known' ? {dispatch: (_id, options, handler) => agent.dispatch(options, handler)} : undefined), previous)
    const url = origin + '/ok'
    try {
      await light(url, {method: 'HEAD', redirect: 'manual'})
      await light(url, {method: 'HEAD', redirect: 'manual', headers: {'x-check': 'unknown'}})
      await light(url, {method: 'HEAD', redirect: 'follow', headers: {'x-check': 'known'}})
      await light(url, {method: 'POST', redirect: 'manual', headers: {'x-check': 'known'}, body: 'x'})
      await light(new URL(url), {method: 'HEAD', redirect: 'manual', headers: {'x-check': 'known'}})
      await light(url, {method: 'HEAD', redirect: 'manual', headers: new Headers({'x-check': 'known'})})
      expect(calls).toEqual([url, url, url, url, url, url])
      const response = await light(url, {method: 'HEAD', redirect: 'manual', headers: {'x-check': 'known'}})
      expect([response.status, response.headers.get('content-type'), response.url, response.body]).toEqual([200, 'text/plain', url, null])
      expect(calls).toHaveLength(6)
      expect(server.seen.privateHeaders).toEqual([])
    } finally {
      await agent.close()
    }
  })

  it('answers with the status, headers and URL Node’s fetch gives', async () => {
    const agent = new Agent()
    const light = createLinkFetch('x-check', () => ({dispatch: (_id, options, handler) => agent.dispatch(options, handler)}), fetch)
    const plain = (headers: {forEach: (callback: (value: string, name: string) => void) => void}) => {
      const record: Record<string, string> = {}
      headers.forEach((value, name) => {
        if (name !== 'date') record[name] = value
      })
      return record
    }

    try {
      for (const [method, path] of [['HEAD', '/moved'], ['GET', '/moved'], ['GET', '/missing'], ['HEAD', '/rate-limited'], ['GET', '/challenge']] as const) {
        const init = {method, redirect: 'manual' as const, headers: {'x-check': 'known', 'user-agent': 'test'}}
        const ours = await light(origin + path, init)
        // Node's fetch takes undici's `dispatcher` option, which its types leave out.
        const node = await fetch(origin + path, {...init, dispatcher: agent} as unknown as RequestInit)
        await node.body?.cancel()
        expect([ours.status, ours.url, plain(ours.headers)]).toEqual([node.status, node.url, plain(node.headers)])
      }
    } finally {
      await agent.close()
    }
  })

  it('answers a dripping body at once, and closes its connection after `bodyTime`', async () => {
    const agent = new Agent()
    const light = createLinkFetch('x-check', () => ({dispatch: (_id, options, handler) => agent.dispatch(options, handler)}), fetch)
    try {
      const response = await light(origin + '/drip', {method: 'GET', redirect: 'manual', headers: {'x-check': 'known'}})
      expect([response.status, server.inFlight()]).toEqual([200, 1])
      const end = performance.now() + bodyTime + 2000
      while (server.inFlight() > 0 && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(server.inFlight()).toBe(0)
    } finally {
      await agent.destroy()
    }
  })

  it('rejects as Node’s fetch does when the signal aborts, before or during a request', async () => {
    const agent = new Agent()
    const light = createLinkFetch('x-check', () => ({dispatch: (_id, options, handler) => agent.dispatch(options, handler)}), fetch)
    const init = (signal: AbortSignal) => ({method: 'GET', redirect: 'manual' as const, headers: {'x-check': 'known'}, signal})
    try {
      const aborted = AbortSignal.abort()
      await expect(light(origin + '/ok', init(aborted))).rejects.toBe(aborted.reason)
      const timeout = AbortSignal.timeout(100)
      const error: unknown = await light(origin + '/hang', init(timeout)).catch((reason: unknown) => reason)
      expect([error === timeout.reason, error instanceof Error ? error.name : '']).toEqual([true, 'TimeoutError'])
      const failed: unknown = await light('http://127.0.0.1:1/', init(AbortSignal.timeout(3000))).catch((reason: unknown) => reason)
      expect(failed instanceof TypeError && failed.message === 'fetch failed' && (failed.cause as {code?: string}).code).toBe('ECONNREFUSED')
    } finally {
      await agent.destroy()
    }
  })
})
