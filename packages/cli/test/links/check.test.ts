import {describe, expect, it} from 'vitest'
import {parseCheckpoint} from '@coursemark/core'
import {checkLinks, type LinkProgress, type UrlResult} from '../../src/links/index.js'
import {refusedPort, type TestServer, useTestServer, virtualClock} from './server.js'

let server: TestServer
let origin: string

useTestServer(['127.0.0.1', '127.0.0.2'], (started) => {
  server = started
  origin = started.origin()
})

/**
 * Options for a run against the test server. The timeout is generous so that
 * a loaded machine cannot turn a slow answer into a timeout; the tests of
 * timeouts set their own. Backoffs and `Retry-After` waits pass on a virtual
 * clock where a test gives one.
 */
const fast = {allowPrivate: true, cache: false, timeout: 3000, retries: 1, backoff: 10, deadline: 10_000} as const

function row(result: UrlResult) {
  const strip = (value: string) => value.replaceAll(origin, '')
  return [
    strip(result.url),
    result.class,
    result.status ?? null,
    strip(result.reason),
    result.redirectedTo === undefined ? null : strip(result.redirectedTo),
    result.attempts,
    result.requests
  ]
}

/** Wait until `done()` holds, checking every 10 ms, at most `ms`. */
async function until(done: () => boolean, ms: number) {
  const end = performance.now() + ms
  while (!done() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 10))
}

function sorted(map: Map<string, number>) {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)))
}

describe('checkLinks classification', () => {
  it('never calls a URL dead after one refused connection', async () => {
    const port = await refusedPort()
    const url = `http://127.0.0.1:${port}/refused`
    const report = await checkLinks([{url}], {...fast, retries: 0})
    expect(report.results.map((result) => row(result))).toEqual([[url, 'unverifiable', null, 'refused connection, not retried', null, 1, 2]])
  })

  it('retries a refused connection after `refusedBackoff`, sooner than after other failures', async () => {
    const port = await refusedPort()
    const url = `http://127.0.0.1:${port}/refused`
    const clock = virtualClock()
    const waits: number[] = []
    const sleep = (ms: number, signal: AbortSignal) => {
      waits.push(ms)
      return clock.sleep(ms, signal)
    }

    const report = await checkLinks([{url}], {...fast, deadline: undefined, retries: 2, backoff: 100_000, refusedBackoff: 40, now: clock.now, sleep})
    expect(report.results.map((result) => [result.class, result.reason])).toEqual([['dead', 'refused connection']])
    // Two retries: 40 ms then 80 ms, each plus up to as much again of jitter; never the 100 s of `backoff`
    // (the first wait asked for is the deadline's).
    waits.shift()
    expect(waits).toHaveLength(2)
    expect(waits[0]).toBeGreaterThanOrEqual(40)
    expect(waits[0]).toBeLessThan(80)
    expect(waits[1]).toBeGreaterThanOrEqual(80)
    expect(waits[1]).toBeLessThan(160)
  })

  it('classifies every kind of answer, with bounded requests per URL', async () => {
    const port = await refusedPort()
    const paths = [
      '/ok', '/moved', '/chain', '/temporary', '/moved-then-temporary', '/moved-to-gone',
      '/loop-a', '/missing', '/gone', '/head-missing', '/no-head', '/rate-limited',
      '/rate-limited-long', '/rate-limited-once', '/unavailable', '/recovers', '/linkedin',
      '/forbidden', '/challenge', '/drip', '/huge'
    ]
    const clock = virtualClock()
    const report = await checkLinks(
      [...paths.map((path) => ({url: origin + path})), {url: `http://127.0.0.1:${port}/refused`}],
      {...fast, deadline: undefined, now: clock.now, sleep: clock.sleep}
    )

    expect(report.results.map((result) => row(result))).toEqual([
      ['/ok', 'ok', 200, '`200 OK`', null, 1, 1],
      ['/moved', 'redirected', 301, '`301 Moved Permanently`', '/ok', 1, 2],
      ['/chain', 'redirected', 308, '`308 Permanent Redirect`', '/ok', 1, 2],
      ['/temporary', 'ok', 200, '`200 OK`', null, 1, 2],
      ['/moved-then-temporary', 'redirected', 301, '`301 Moved Permanently`', '/temporary', 1, 2],
      ['/moved-to-gone', 'dead', 410, '`410 Gone` after a redirect to `/gone`', null, 1, 2],
      ['/loop-a', 'unverifiable', 301, 'redirect loop after a redirect to `/loop-b`', null, 2, 4],
      ['/missing', 'dead', 404, '`404 Not Found`', null, 1, 2],
      ['/gone', 'dead', 410, '`410 Gone`', null, 1, 2],
      ['/head-missing', 'ok', 200, '`200 OK`', null, 1, 2],
      ['/no-head', 'ok', 200, '`200 OK`', null, 1, 2],
      ['/rate-limited', 'unverifiable', 429, '`429 Too Many Requests`', null, 2, 4],
      ['/rate-limited-long', 'unverifiable', 429, '`429 Too Many Requests` with `Retry-After` of 120 s, more than the 60 s cap', null, 1, 2],
      ['/rate-limited-once', 'ok', 200, '`200 OK`', null, 2, 3],
      ['/unavailable', 'unverifiable', 503, '`503 Service Unavailable`', null, 2, 4],
      ['/recovers', 'ok', 200, '`200 OK`', null, 2, 3],
      ['/linkedin', 'unverifiable', 999, '`999`', null, 1, 2],
      ['/forbidden', 'unverifiable', 403, '`403 Forbidden`', null, 1, 2],
      ['/challenge', 'unverifiable', 403, '`403 Forbidden` with a Cloudflare challenge', null, 1, 2],
      ['/drip', 'ok', 200, '`200 OK`', null, 1, 2],
      ['/huge', 'ok', 200, '`200 OK`', null, 1, 2],
      // Refused again on the retry.
      [`http://127.0.0.1:${port}/refused`, 'dead', null, 'refused connection', null, 2, 4]
    ])

    // What the server saw: each URL once, redirect targets included (HEAD
    // first, GET only when HEAD is not 2xx), one retry at most (`retries: 1`),
    // none after a `Retry-After` above the cap.
    expect(sorted(server.seen.requests)).toEqual({
      'GET /chain': 1,
      'GET /challenge': 1,
      'GET /drip': 1,
      'GET /forbidden': 1,
      'GET /gone': 1,
      'GET /head-missing': 1,
      'GET /huge': 1,
      'GET /linkedin': 1,
      'GET /loop-a': 1,
      'GET /loop-b': 1,
      'GET /missing': 1,
      'GET /moved': 1,
      'GET /moved-then-temporary': 1,
      'GET /moved-to-gone': 1,
      'GET /no-head': 1,
      'GET /rate-limited': 2,
      'GET /rate-limited-long': 1,
      'GET /rate-limited-once': 1,
      'GET /recovers': 1,
      'GET /temporary': 1,
      'GET /unavailable': 2,
      'HEAD /chain': 1,
      'HEAD /challenge': 1,
      'HEAD /drip': 1,
      'HEAD /forbidden': 1,
      'HEAD /gone': 1,
      'HEAD /head-missing': 1,
      'HEAD /huge': 1,
      'HEAD /linkedin': 1,
      'HEAD /loop-a': 1,
      'HEAD /loop-b': 1,
      'HEAD /missing': 1,
      'HEAD /moved': 1,
      'HEAD /moved-then-temporary': 1,
      'HEAD /moved-to-gone': 1,
      'HEAD /no-head': 1,
      'HEAD /ok': 1,
      'HEAD /rate-limited': 2,
      'HEAD /rate-limited-long': 1,
      'HEAD /rate-limited-once': 2,
      'HEAD /recovers': 2,
      'HEAD /temporary': 1,
      'HEAD /unavailable': 2
    })
    // The refused connection is asked twice (HEAD and GET each time), out of the server’s sight.
    expect(report.stats.requests).toBe(53)
    expect(report.stats.uniqueUrls).toBe(22)
    // /rate-limited-once asked for `Retry-After: 1`: the longest wait; the
    // others are backoffs of 10 to 20 ms and `Retry-After: 0`.
    expect(Math.max(...clock.waits.slice(1))).toBe(1000)
    expect(clock.waits[0]).toBe(600_000)
  })

  it('gives up on servers that hang, drip headers or reset, after bounded retries', async () => {
    const report = await checkLinks(
      [{url: origin + '/hang'}, {url: origin + '/drip-headers'}, {url: origin + '/reset'}],
      {...fast, timeout: 300}
    )
    expect(report.results.map((result) => row(result))).toEqual([
      ['/hang', 'unverifiable', null, 'no answer within 300 ms', null, 2, 4],
      ['/drip-headers', 'unverifiable', null, 'no answer within 300 ms', null, 2, 4],
      ['/reset', 'unverifiable', null, 'closed connection `ECONNRESET`', null, 2, 4]
    ])
    // HEAD then GET, twice (`retries: 1`): each waits 300 ms at most.
    expect(sorted(server.seen.requests)).toEqual({
      'GET /drip-headers': 2,
      'GET /hang': 2,
      'GET /reset': 2,
      'HEAD /drip-headers': 2,
      'HEAD /hang': 2,
      'HEAD /reset': 2
    })
  })

  it('stops reading a huge body', async () => {
    // A client that read the body would time out (`unverifiable`) after
    // the server wrote many megabytes.
    const report = await checkLinks([{url: origin + '/huge'}], {...fast, timeout: 5000})
    expect(report.results.map((result) => result.class)).toEqual(['ok'])
    expect(server.seen.hugeBytes).toBeLessThan(32 * 1024 * 1024)
  })

  it('does not wait for a dripping body', async () => {
    // Waiting for the body would end in a timeout (`unverifiable`).
    const report = await checkLinks([{url: origin + '/drip'}], {...fast, timeout: 5000})
    expect(report.results.map((result) => [result.class, result.reason])).toEqual([['ok', '`200 OK`']])
  })

  it('honours a `Retry-After` date, measured with `now()`', async () => {
    const until = new Date(Date.UTC(2030, 0, 1)).toUTCString()
    const clock = virtualClock(Date.parse(until) - 300)
    const report = await checkLinks(
      [{url: `${origin}/rate-limited-date?until=${encodeURIComponent(until)}`}],
      {...fast, deadline: undefined, now: clock.now, sleep: clock.sleep}
    )
    expect(report.results.map((result) => [result.class, result.attempts])).toEqual([['ok', 2]])
    expect(clock.waits).toEqual([600_000, 300])
  })

  it('retries at most `retries` times', async () => {
    const report = await checkLinks([{url: origin + '/unavailable'}, {url: origin + '/rate-limited'}], {
      ...fast,
      retries: 3
    })
    expect(report.results.map((result) => [result.class, result.attempts])).toEqual([
      ['unverifiable', 4],
      ['unverifiable', 4]
    ])
    expect(server.seen.byPath.get('/unavailable')).toBe(8)
    expect(server.seen.byPath.get('/rate-limited')).toBe(8)
  })
})

describe('checkLinks limits', () => {
  it('never has more than `perHost` requests in flight to one host', async () => {
    const urls = []
    for (let index = 0; index < 24; index++) {
      urls.push({url: `${server.origin('127.0.0.1')}/slow?ms=100&i=${index}`})
      urls.push({url: `${server.origin('127.0.0.2')}/slow?ms=100&i=${index}`})
    }

    const report = await checkLinks(urls, {...fast, perHost: 4, concurrency: 32})
    expect(report.results.every((result) => result.class === 'ok')).toBe(true)
    expect(sorted(server.seen.peaks)).toEqual({'127.0.0.1': 4, '127.0.0.2': 4})
    expect(server.seen.peak).toBe(8)
    expect(report.stats.hostPeaks).toEqual({'127.0.0.1': 4, '127.0.0.2': 4})
    expect(report.stats.peakPerHost).toBe(4)
    expect(report.stats.requests).toBe(48)
  })

  it('never has more than `concurrency` requests in flight in all', async () => {
    const urls = []
    for (let index = 0; index < 24; index++) {
      urls.push({url: `${server.origin('127.0.0.1')}/slow?ms=100&i=${index}`})
      urls.push({url: `${server.origin('127.0.0.2')}/slow?ms=100&i=${index}`})
    }

    const report = await checkLinks(urls, {...fast, perHost: 10, concurrency: 6})
    expect(server.seen.peak).toBe(6)
    expect(report.stats.peakConcurrency).toBe(6)
  })

  it('ends a run that would hang at its deadline', async () => {
    // The timeout (15 s) would outlast the test: the deadline ends it.
    const report = await checkLinks(
      [{url: origin + '/hang'}, {url: origin + '/drip-headers'}, {url: origin + '/hang?2'}],
      {...fast, timeout: 15_000, perHost: 2, deadline: 300}
    )
    expect(report.results.map((result) => row(result))).toEqual([
      ['/hang', 'unverifiable', null, 'no answer before the deadline', null, 1, 1],
      ['/drip-headers', 'unverifiable', null, 'no answer before the deadline', null, 1, 1],
      ['/hang?2', 'unverifiable', null, 'no answer before the deadline', null, 0, 0]
    ])
    expect(report.stats.stopped).toBe(true)
  })

  it('does not wait for a retry past the deadline', async () => {
    // Waiting 200 to 400 s would pass the 120 s deadline: the run ends at
    // once with the answer it has (waiting would end in "no answer before
    // the deadline").
    const clock = virtualClock()
    const report = await checkLinks([{url: origin + '/unavailable'}], {
      ...fast,
      backoff: 200_000,
      deadline: 120_000,
      now: clock.now,
      sleep: clock.sleep
    })
    expect(report.results.map((result) => [result.class, result.reason, result.attempts])).toEqual([
      ['unverifiable', '`503 Service Unavailable`', 1]
    ])
    // Only the deadline was waited for (it ends with the run).
    expect(clock.waits).toEqual([120_000])
  })

  it('stops when the signal aborts', async () => {
    const controller = new AbortController()
    const running = checkLinks([{url: origin + '/hang?abort'}], {...fast, timeout: 15_000, signal: controller.signal})
    await until(() => server.seen.requests.has('HEAD /hang?abort'), 5000)
    controller.abort()
    const report = await running
    expect(report.results.map((result) => [result.reason, result.attempts])).toEqual([['no answer before the deadline', 1]])
  })

  it('closes its connections when it stops, so nothing keeps running', async () => {
    const controller = new AbortController()
    const paths = ['/hang?closed-1', '/hang?closed-2']
    const arrived = () => paths.every((path) => server.seen.requests.has('HEAD ' + path))
    const running = checkLinks(paths.map((path) => ({url: origin + path})), {
      ...fast,
      timeout: 15_000,
      signal: controller.signal
    })
    await until(arrived, 5000)
    controller.abort()
    await running
    // The HEADs were cut at once (not after their 10 s timeout), and
    // linkinator's GET after them never got a connection.
    await until(() => server.inFlight() === 0, 1000)
    expect(server.inFlight()).toBe(0)
    expect(paths.map((path) => [server.seen.requests.get('HEAD ' + path), server.seen.requests.get('GET ' + path)])).toEqual([
      [1, undefined],
      [1, undefined]
    ])
  })

  it('reports progress after each unique URL', async () => {
    const seen: LinkProgress[] = []
    await checkLinks(
      [{url: origin + '/ok'}, {url: 'mailto:someone@example.com'}, {url: origin + '/ok#again'}, {url: origin + '/missing'}],
      {...fast, onProgress: (progress) => seen.push(progress)}
    )
    expect(seen.map((progress) => [progress.done, progress.total, progress.host])).toEqual([
      [1, 3, ''],
      [2, 3, '127.0.0.1'],
      [3, 3, '127.0.0.1']
    ].sort((a, b) => Number(a[0]) - Number(b[0])))
    expect(seen.every((progress) => progress.rate > 0)).toBe(true)
  })

  it('rejects a bad option loudly', async () => {
    await expect(checkLinks([], {concurrency: 0})).rejects.toThrow(
      'Unexpected value `0` for `concurrency`, expected a whole number of at least 1'
    )
    await expect(checkLinks([], {cache: {ttlOk: -1}})).rejects.toThrow(
      'Unexpected value `-1` for `cache.ttlOk`, expected a number of at least 0'
    )
    await expect(checkLinks([], {perHost: 1.5})).rejects.toThrow(
      'Unexpected value `1.5` for `perHost`, expected a whole number of at least 1'
    )
  })
})

describe('checkLinks requests', () => {
  it('requests each URL once however often it is written', async () => {
    const report = await checkLinks(
      [
        {url: origin + '/missing#a', file: 'a.md'},
        {url: origin + '/missing', file: 'b.md'},
        {url: `HTTP://127.0.0.1:${new URL(origin).port}/missing#b`, file: 'b.md'},
        {url: origin + '/ok', file: 'a.md'}
      ],
      fast
    )
    expect(report.stats.uniqueUrls).toBe(2)
    expect(sorted(server.seen.requests)).toEqual({'GET /missing': 1, 'HEAD /missing': 1, 'HEAD /ok': 1})
    expect(report.messages.map((message) => [message.file, message.ruleId, message.fatal])).toEqual([
      ['a.md', 'link-dead', true],
      ['b.md', 'link-dead', true],
      ['b.md', 'link-dead', true]
    ])
  })

  it('skips excluded URLs and other schemes without a request', async () => {
    const report = await checkLinks(
      [
        {url: origin + '/ok?skip-me'},
        {url: 'https://www.linkedin.com/in/someone'},
        {url: 'file:///etc/passwd'},
        {url: 'data:text/html,hi'},
        {url: 'javascript:alert(1)'},
        {url: origin + '/ok'},
        {url: 'https://docs.internal/page'}
      ],
      {...fast, exclude: ['https://www.linkedin.com/', /skip-me/, '*://*.internal/*']}
    )
    expect(report.results.map((result) => [result.class, result.reason])).toEqual([
      ['skipped', 'excluded by `/skip-me/`'],
      ['skipped', 'excluded by `https://www.linkedin.com/`'],
      ['skipped', '`file:` URL, not `http:` or `https:`'],
      ['skipped', '`data:` URL, not `http:` or `https:`'],
      ['skipped', '`javascript:` URL, not `http:` or `https:`'],
      ['ok', '`200 OK`'],
      ['skipped', 'excluded by `*://*.internal/*`']
    ])
    expect(sorted(server.seen.requests)).toEqual({'HEAD /ok': 1})
    expect(report.messages).toEqual([])
  })

  it('refuses `headers` that route or frame a request', async () => {
    for (const name of ['Host', 'connection', 'Content-Length', 'Transfer-Encoding', 'Proxy-Authorization', 'X-Coursemark-Check', 'X-Forwarded-Host']) {
      await expect(checkLinks([{url: origin + '/ok'}], {...fast, headers: {'*': {[name]: 'x'}}})).rejects.toThrow(
        `Unexpected header \`${name}\` in \`headers['*']\`, expected one that does not route or frame the request`
      )
    }

    expect(server.seen.requests.size).toBe(0)
  })

  it('matches a pathological `exclude` pattern against a long URL in linear time', async () => {
    const long = 'https://long.example/' + 'a'.repeat(3000)
    const started = performance.now()
    const report = await checkLinks([{url: long}, {url: long + 'b'}, {url: 'https://ab.example/x'}], {
      ...fast,
      exclude: ['*a*a*a*a*a*a*a*a*c', 'https://long.example/*a*a*a*a*b', 'https://*.example/*a*b'],
      lookup: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), {code: 'ENOTFOUND'})
      }
    })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(report.results.map((result) => [result.class, result.reason])).toEqual([
      ['dead', 'unknown host'],
      ['skipped', 'excluded by `https://long.example/*a*a*a*a*b`'],
      ['dead', 'unknown host']
    ])
  })

  it('names itself in the User-Agent and sends per-host headers', async () => {
    await checkLinks(
      [{url: server.origin('127.0.0.1') + '/ok'}, {url: server.origin('127.0.0.2') + '/ok-2'}],
      {...fast, headers: {'127.0.0.2': {'x-token': 'two'}, '*': {'x-token': 'any'}}}
    )
    expect(server.seen.headers.get('/ok')).toEqual({userAgent: expect.stringMatching(/^coursemark\/\d+\.\d+\.\d+ /), token: 'any'})
    expect(server.seen.headers.get('/ok-2')?.token).toBe('two')

    await checkLinks([{url: origin + '/ok-3'}], {...fast, userAgent: 'course-bot/1.0'})
    expect(server.seen.headers.get('/ok-3')?.userAgent).toBe('course-bot/1.0')
  })
})

describe('checkLinks messages', () => {
  it('reports every occurrence at its place in its file', async () => {
    const lines = [
      '# Links',
      '',
      `Read [the guide](${origin}/missing#setup) and [it again](${origin}/missing).`,
      '',
      `![diagram](${origin}/moved#top)`,
      '',
      `See <${origin}/forbidden> and [fine](${origin}/ok).`,
      ''
    ]
    /** `line:col-line:endCol` of `snippet` on a line. */
    const at = (line: number, snippet: string) => {
      const column = (lines[line - 1] ?? '').indexOf(snippet) + 1
      return `lesson.md:${line}:${column}-${line}:${column + snippet.length}`
    }

    const {checkpoint} = parseCheckpoint(lines.join('\n'), {path: 'lesson.md', validate: false})
    const report = await checkLinks([checkpoint], fast)
    const shown = report.messages.map((message) => `${message.file ?? ''}:${String(message)}`)
    expect(shown).toEqual([
      `${at(3, `[the guide](${origin}/missing#setup)`)}: Unexpected dead link \`${origin}/missing#setup\` (\`404 Not Found\`), expected a reachable URL`,
      `${at(3, `[it again](${origin}/missing)`)}: Unexpected dead link \`${origin}/missing\` (\`404 Not Found\`), expected a reachable URL`,
      `${at(5, `![diagram](${origin}/moved#top)`)}: Unexpected permanently redirected link \`${origin}/moved#top\` (\`301 Moved Permanently\`), expected \`${origin}/ok#top\``,
      `${at(7, `<${origin}/forbidden>`)}: Unexpected unverifiable link \`${origin}/forbidden\` (\`403 Forbidden\`), expected an answer that shows it works`
    ])
    const redirected = report.messages[2]
    expect([redirected?.ruleId, redirected?.source, redirected?.fatal, redirected?.actual, redirected?.expected]).toEqual([
      'link-redirected',
      'coursemark',
      false,
      `${origin}/moved#top`,
      [`${origin}/ok#top`]
    ])
    expect(report.messages[3]?.fatal).toBe(false)
    expect(report.messages[0]?.url).toBe('https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md#link-dead')
  })
})
