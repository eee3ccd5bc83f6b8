import {once} from 'node:events'
import {createServer, type ServerResponse, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {checkLinks, readAvailability, type ArchiveOptions, type CheckLinksOptions} from '../../src/links/index.js'

for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]

/**
 * How the archive answers, in turn (the last one repeats): the real answers
 * of the Wayback availability API, a slow one, a failing one, a 429.
 */
type Play = 'available' | 'none' | 'slow' | 'failing' | 'not-json' | 'rate-limited' | 'rate-limited-long' | 'redirect' | 'endless' | `copy:${string}`
let plays: Play[] = []
/** `url` and `timestamp` of every lookup. */
let asked: Array<{url: string | null; timestamp: string | null}> = []
const held = new Set<ServerResponse>()
/** Bytes written by `endless`. */
let endlessBytes = 0
let server: Server
let origin = ''
let cwd = ''
let slept: number[] = []
/** Paths (besides `/ok...`) that answer 200. */
const working = new Set<string>()

const day = 24 * 3600 * 1000
const t0 = Date.UTC(2026, 10, 28, 6, 0, 0)

function answer(response: ServerResponse, play: Play, url: string): void {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, {'content-type': 'application/json', ...headers})
    response.end(JSON.stringify(body))
  }

  if (play.startsWith('copy:')) {
    const copy = play.slice('copy:'.length)
    json(200, {url, archived_snapshots: {closest: {status: '200', available: true, url: copy, timestamp: '20190302101500'}}})
    return
  }

  switch (play) {
    case 'available': {
      json(200, {
        url,
        archived_snapshots: {
          closest: {status: '200', available: true, url: `http://web.archive.org/web/20190302101500/${url}`, timestamp: '20190302101500'}
        },
        timestamp: '20261128'
      })
      return
    }

    case 'none': {
      json(200, {url, archived_snapshots: {}, timestamp: '20261128'})
      return
    }

    case 'slow': {
      held.add(response)
      return
    }

    case 'failing': {
      response.writeHead(503, {'content-type': 'text/html'})
      response.end('<html><body>Service Unavailable</body></html>')
      return
    }

    case 'not-json': {
      response.writeHead(200, {'content-type': 'text/html'})
      response.end('<html>maintenance</html>')
      return
    }

    case 'redirect': {
      response.writeHead(302, {location: `/wayback/available?url=${encodeURIComponent(url)}&timestamp=20261128`})
      response.end()
      return
    }

    case 'endless': {
      // A body that never ends, as fast as the client reads it.
      response.writeHead(200, {'content-type': 'application/json'})
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const write = () => {
        while (!response.destroyed && response.write(chunk)) endlessBytes += chunk.length
        if (!response.destroyed) response.once('drain', write)
      }

      response.once('close', () => held.delete(response))
      held.add(response)
      write()
      return
    }

    case 'rate-limited':
    case 'rate-limited-long': {
      json(429, {error: 'Too Many Requests'}, {'retry-after': play === 'rate-limited' ? '3' : '3600'})
      return
    }
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    if (url.pathname === '/wayback/available') {
      asked.push({url: url.searchParams.get('url'), timestamp: url.searchParams.get('timestamp')})
      const play = (plays.length > 1 ? plays.shift() : plays[0]) ?? 'none'
      answer(response, play, url.searchParams.get('url') ?? '')
      return
    }

    response.writeHead(url.pathname.startsWith('/ok') || working.has(url.pathname) ? 200 : 404)
    response.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const response of held) response.destroy()
  server.closeAllConnections()
  server.close()
  await once(server, 'close')
})

beforeEach(async () => {
  plays = []
  asked = []
  slept = []
  cwd = await mkdtemp(join(tmpdir(), 'coursemark-archive-'))
})

afterEach(async () => {
  for (const response of held) response.destroy()
  held.clear()
  await rm(cwd, {recursive: true, force: true})
})

function options(now: number, archive: ArchiveOptions = {}): CheckLinksOptions {
  return {
    allowPrivate: true,
    timeout: 3000,
    retries: 0,
    deadline: 10_000,
    cwd,
    cache: {path: 'links.json'},
    now: () => now,
    archive: {
      endpoint: origin + '/wayback/available',
      sleep: async (ms) => {
        slept.push(ms)
      },
      ...archive
    }
  }
}

describe('archived copies of dead links', () => {
  it('suggests the closest copy, asked for today when the URL was never seen working', async () => {
    const url = origin + '/gone'
    plays = ['available']
    const report = await checkLinks([{url, file: 'a.md'}, {url: origin + '/ok'}], options(t0))
    expect(asked).toEqual([{url, timestamp: '20261128'}])
    expect(report.results[0]?.archive).toEqual({
      checkedAt: '2026-11-28T06:00:00.000Z',
      copy: {url: `https://web.archive.org/web/20190302101500/${url}`, timestamp: '20190302101500'}
    })
    expect(report.messages.map((message) => [message.ruleId, message.reason, message.expected])).toEqual([
      [
        'link-dead',
        `Unexpected dead link \`${url}\` (\`404 Not Found\`), expected a reachable URL; archived copy: \`https://web.archive.org/web/20190302101500/${url}\` from 2019-03-02 will replace it with \`--fix-archived\` after 3 failed checks over 7 days (1 so far, over 0 days)`,
        // Not yet what `--fix-archived` writes: one failed check is not enough.
        undefined
      ]
    ])
    // Only dead URLs are looked up; the class never changes.
    expect(report.results.map((result) => result.class)).toEqual(['dead', 'ok'])
  })

  it('offers the copy as the fix once the link failed on `archiveAfter.checks` checks over `archiveAfter.days` days', async () => {
    const url = origin + '/gone'
    plays = ['available']
    const report = await checkLinks([{url, file: 'a.md'}], {...options(t0), archiveAfter: {checks: 1, days: 0}})
    expect(report.messages.map((message) => [message.reason, message.expected])).toEqual([
      [
        `Unexpected dead link \`${url}\` (\`404 Not Found\`), expected a reachable URL; archived copy: \`https://web.archive.org/web/20190302101500/${url}\` from 2019-03-02`,
        [`https://web.archive.org/web/20190302101500/${url}`]
      ]
    ])
  })

  it('asks for the day the URL was last seen working', async () => {
    const url = origin + '/page'
    working.add('/page')
    await checkLinks([{url}], options(t0 - 10 * day))
    working.delete('/page')
    plays = ['none']
    const report = await checkLinks([{url}], options(t0))
    expect(report.results[0]?.history).toEqual({
      lastWorkingAt: '2026-11-18T06:00:00.000Z',
      firstFailedAt: '2026-11-28T06:00:00.000Z',
      failedChecks: 1
    })
    expect(asked).toEqual([{url, timestamp: '20261118'}])
  })

  it('records that no copy exists, and says nothing more', async () => {
    const url = origin + '/never-archived'
    plays = ['none']
    const report = await checkLinks([{url}], options(t0))
    expect(report.results[0]?.archive).toEqual({checkedAt: '2026-11-28T06:00:00.000Z', copy: null})
    expect(report.messages.map((message) => [message.reason, message.expected])).toEqual([
      [`Unexpected dead link \`${url}\` (\`404 Not Found\`), expected a reachable URL`, undefined]
    ])
  })

  it('caches lookups in the link cache and does not ask again while fresh', async () => {
    const url = origin + '/gone'
    plays = ['available']
    await checkLinks([{url}], options(t0))
    const file = JSON.parse(await readFile(join(cwd, 'links.json'), 'utf8')) as {entries: Record<string, {archive?: unknown}>}
    expect(file.entries[url]?.archive).toEqual({
      checkedAt: '2026-11-28T06:00:00.000Z',
      copy: {url: `https://web.archive.org/web/20190302101500/${url}`, timestamp: '20190302101500'}
    })
    // A day later the link is checked again (dead is fresh for an hour), the lookup is not.
    const later = await checkLinks([{url}], options(t0 + day))
    expect(asked).toHaveLength(1)
    expect(later.results[0]?.fromCache).toBe(false)
    expect(later.results[0]?.archive?.copy?.timestamp).toBe('20190302101500')
    // Past its TTL it is asked again.
    plays = ['none']
    const stale = await checkLinks([{url}], options(t0 + 31 * day))
    expect(asked).toHaveLength(2)
    expect(stale.results[0]?.archive?.copy).toBe(null)
  })

  it('makes one lookup a second by default (the wait is injected)', async () => {
    plays = ['none']
    const urls = ['/a', '/b', '/c'].map((path) => ({url: origin + path}))
    await checkLinks(urls, options(t0))
    expect(asked.map((lookup) => lookup.url)).toEqual(urls.map((link) => link.url))
    // The clock stands still, so each wait is the whole interval.
    expect(slept).toEqual([1000, 1000])
    asked = []
    slept = []
    await checkLinks(urls, options(t0 + 31 * day, {interval: 250}))
    expect(slept).toEqual([250, 250])
  })

  it('gives up on a slow archive after the timeout, and the link stays dead', async () => {
    const url = origin + '/gone'
    plays = ['slow']
    const report = await checkLinks([{url, file: 'a.md'}], options(t0, {timeout: 100}))
    expect(report.results.map((result) => [result.class, result.archive])).toEqual([['dead', undefined]])
    expect(report.messages.map((message) => [message.ruleId, message.fatal, message.file, message.reason])).toEqual([
      [
        'link-archive',
        false,
        '',
        `Unexpected failure of an archive lookup (no answer within 100 ms for \`${url}\`), expected an answer from \`${origin}/wayback/available\`; no archived copy is suggested for it`
      ],
      ['link-dead', true, 'a.md', `Unexpected dead link \`${url}\` (\`404 Not Found\`), expected a reachable URL`]
    ])
    // A failed lookup is not cached.
    const file = JSON.parse(await readFile(join(cwd, 'links.json'), 'utf8')) as {entries: Record<string, {archive?: unknown}>}
    expect(file.entries[url]?.archive).toBe(undefined)
  })

  it('reports a failing archive (5xx, not JSON) as a warning and goes on', async () => {
    plays = ['failing', 'not-json', 'available']
    const urls = ['/a', '/b', '/c'].map((path) => ({url: origin + path}))
    const report = await checkLinks(urls, options(t0))
    expect(report.results.map((result) => [result.class, result.archive?.copy?.timestamp ?? null])).toEqual([
      ['dead', null],
      ['dead', null],
      ['dead', '20190302101500']
    ])
    expect(report.messages.filter((message) => message.ruleId === 'link-archive').map((message) => message.reason)).toEqual([
      `Unexpected failure of 2 archive lookups (\`503 Service Unavailable\` for \`${origin}/a\`; an answer that is not JSON for \`${origin}/b\`), expected an answer from \`${origin}/wayback/available\`; no archived copy is suggested for them`
    ])
  })

  it('waits out a short `Retry-After` once, then asks again', async () => {
    const url = origin + '/gone'
    plays = ['rate-limited', 'available']
    const report = await checkLinks([{url}], options(t0))
    expect(slept).toEqual([3000])
    expect(asked).toHaveLength(2)
    expect(report.results[0]?.archive?.copy?.timestamp).toBe('20190302101500')
    expect(report.messages.map((message) => message.ruleId)).toEqual(['link-dead'])
  })

  it('stops asking for the run when the archive keeps answering 429', async () => {
    plays = ['rate-limited-long']
    const urls = ['/a', '/b', '/c'].map((path) => ({url: origin + path}))
    const report = await checkLinks(urls, options(t0))
    // A `Retry-After` of an hour is not waited for; the others are not asked.
    expect(asked).toHaveLength(1)
    expect(slept).toEqual([])
    expect(report.results.map((result) => result.class)).toEqual(['dead', 'dead', 'dead'])
    expect(report.messages.filter((message) => message.ruleId === 'link-archive').map((message) => message.reason)).toEqual([
      `Unexpected failure of 3 archive lookups (\`429 Too Many Requests\` for \`${origin}/a\`; not asked after the archive answered \`429 Too Many Requests\` for \`${origin}/b\`; not asked after the archive answered \`429 Too Many Requests\` for \`${origin}/c\`), expected an answer from \`${origin}/wayback/available\`; no archived copy is suggested for them`
    ])
  })

  it('asks again instead of using a cached copy that is not on the archive host', async () => {
    const url = origin + '/gone'
    plays = ['available']
    await checkLinks([{url}], options(t0))
    const path = join(cwd, 'links.json')
    const file = JSON.parse(await readFile(path, 'utf8')) as {entries: Record<string, {archive?: {copy: {url: string}}}>}
    const entry = file.entries[url]
    if (entry?.archive) entry.archive.copy.url = 'javascript:alert(1)//'
    await writeFile(path, JSON.stringify(file))
    const later = await checkLinks([{url}], options(t0 + day))
    expect(asked).toHaveLength(2)
    expect(later.results[0]?.archive?.copy?.url).toBe(`https://web.archive.org/web/20190302101500/${url}`)
  })

  it('follows no redirect of the archive', async () => {
    const url = origin + '/gone'
    // The redirect would lead to an answer with a copy.
    plays = ['redirect', 'available']
    const report = await checkLinks([{url}], options(t0))
    expect(asked).toHaveLength(1)
    expect(report.results[0]?.archive).toBe(undefined)
    expect(report.messages.filter((message) => message.ruleId === 'link-archive').map((message) => message.reason)).toEqual([
      `Unexpected failure of an archive lookup (\`302 Found\` for \`${url}\`), expected an answer from \`${origin}/wayback/available\`; no archived copy is suggested for it`
    ])
  })

  it('stops reading an answer over 1 MiB', async () => {
    endlessBytes = 0
    const url = origin + '/gone'
    plays = ['endless']
    const report = await checkLinks([{url}], options(t0))
    expect(report.results[0]?.archive).toBe(undefined)
    expect(report.messages.filter((message) => message.ruleId === 'link-archive').map((message) => message.reason)).toEqual([
      `Unexpected failure of an archive lookup (an answer over 1048576 bytes for \`${url}\`), expected an answer from \`${origin}/wayback/available\`; no archived copy is suggested for it`
    ])
    // What the sockets' buffers held at most, not gigabytes.
    expect(endlessBytes).toBeLessThan(64 * 1024 * 1024)
  })

  it('uses an archived copy only when it is an `https:` URL on the archive host, without control characters', async () => {
    const good = 'https://web.archive.org/web/20190302101500/https://a.example/'
    const hostile = [
      'javascript:alert(1)//web.archive.org/',
      'http://evil.example/web/20190302101500/',
      'https://evil.example/web/20190302101500/',
      'https://web.archive.org.evil.example/web/',
      'https://user@web.archive.org/web/20190302101500/',
      'https://web.archive.org/web/2019/x\n![t](https://tracker.example/p.png)',
      'https://web.archive.org/web/2019/x</details>\u202e',
      'https://web.archive.org/web/2019/x y'
    ]
    plays = [...hostile.map((copy): Play => `copy:${copy}`), `copy:${good}`]
    const urls = [...hostile, good].map((_, index) => ({url: `${origin}/gone-${index}`}))
    const report = await checkLinks(urls, options(t0))
    expect(report.results.map((result) => result.archive?.copy?.url ?? null)).toEqual([...hostile.map(() => null), good])
    const warning = report.messages.find((message) => message.ruleId === 'link-archive')
    expect(warning?.reason).toContain(`Unexpected failure of ${hostile.length} archive lookups (an archived copy that is not an \`https:\` URL on \`web.archive.org\` or \`127.0.0.1\` for \`${origin}/gone-0\``)
    expect(warning?.reason).not.toContain('evil')
  })

  it('connects to the archive through the private-address guard', async () => {
    const url = origin + '/gone'
    plays = ['available']
    const endpoint = origin.replace('127.0.0.1', 'localhost').replace('http:', 'https:') + '/wayback/available'
    const report = await checkLinks([{url}], {
      ...options(t0, {endpoint}),
      // Only the linked host is opened, not the archive's.
      allowPrivate: ['127.0.0.1'],
      lookup: async () => ['127.0.0.1']
    })
    expect(asked).toEqual([])
    expect(report.results[0]?.archive).toBe(undefined)
    expect(report.messages.filter((message) => message.ruleId === 'link-archive').map((message) => message.reason)).toEqual([
      `Unexpected failure of an archive lookup (host \`localhost\` resolving to private address \`127.0.0.1\` for \`${url}\`), expected an answer from \`${endpoint}\`; no archived copy is suggested for it`
    ])
  })

  it('asks a plain `http:` endpoint only on a host that `allowPrivate` opens', async () => {
    const endpoint = 'http://archive.example/wayback/available'
    await expect(checkLinks([{url: origin + '/a'}], {...options(t0, {endpoint}), allowPrivate: ['127.0.0.1']})).rejects.toThrow(
      'Unexpected value `http://archive.example/wayback/available` for `archive.endpoint`, expected an `https:` URL (`http:` only for a host that `allowPrivate` allows)'
    )
  })

  it('rejects an endpoint that is not an HTTP URL', async () => {
    await expect(checkLinks([{url: origin + '/a'}], options(t0, {endpoint: 'ftp://archive.example/'}))).rejects.toThrow(
      'Unexpected value `ftp://archive.example/` for `archive.endpoint`, expected an `http:` or `https:` URL'
    )
  })
})

describe('readAvailability', () => {
  it('reads the closest copy, and only a 2xx one', () => {
    const closest = {status: '200', available: true, url: 'http://web.archive.org/web/20190302101500/https://example.com/', timestamp: '20190302101500'}
    expect(readAvailability({archived_snapshots: {closest}})).toEqual({
      url: 'https://web.archive.org/web/20190302101500/https://example.com/',
      timestamp: '20190302101500'
    })
    expect(readAvailability({archived_snapshots: {closest: {...closest, status: '404'}}})).toBe(null)
    expect(readAvailability({archived_snapshots: {closest: {...closest, available: false}}})).toBe(null)
    expect(readAvailability({url: 'x', archived_snapshots: {}})).toBe(null)
    expect(readAvailability({url: 'x'})).toBe(undefined)
    expect(readAvailability(['x'])).toBe(undefined)
  })
})
