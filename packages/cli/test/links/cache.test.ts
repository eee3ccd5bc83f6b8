import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {hostname, tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import fc from 'fast-check'
import {checkLinks, defaultCachePath, mergeCaches, readCache, writeCache, type CheckLinksOptions} from '../../src/links/index.js'
import {startServer, type TestServer} from './server.js'

let server: TestServer
let origin: string
let cwd: string

const t0 = Date.UTC(2026, 10, 2, 9, 0, 0)
const hour = 3600 * 1000
const day = 24 * hour

beforeAll(async () => {
  server = await startServer()
  origin = server.origin()
})

afterAll(async () => {
  await server.close()
})

beforeEach(async () => {
  server.reset()
  cwd = await mkdtemp(join(tmpdir(), 'coursemark-links-'))
})

afterEach(async () => {
  await rm(cwd, {recursive: true, force: true})
})

function options(now: number, extra: CheckLinksOptions = {}): CheckLinksOptions {
  return {allowPrivate: true, timeout: 3000, retries: 0, backoff: 10, deadline: 10_000, cwd, now: () => now, ...extra}
}

const paths = ['/ok', '/missing', '/moved', '/forbidden', '/unavailable']
const links = () => paths.map((path) => ({url: origin + path, file: 'a.md'}))

describe('the link cache', () => {
  it('serves fresh `ok`, `redirected` and `dead` results without a request', async () => {
    const cold = await checkLinks(links(), options(t0))
    expect(cold.stats.cacheHits).toBe(0)
    const coldRequests = cold.stats.requests
    expect(coldRequests).toBe(9)

    server.reset()
    const warm = await checkLinks(links(), options(t0 + hour / 2))
    expect(warm.results.map((result) => [result.url.replace(origin, ''), result.class, result.fromCache, result.requests])).toEqual([
      ['/ok', 'ok', true, 0],
      ['/missing', 'dead', true, 0],
      ['/moved', 'redirected', true, 0],
      ['/forbidden', 'unverifiable', false, 2],
      ['/unavailable', 'unverifiable', false, 2]
    ])
    expect(warm.stats.cacheHits).toBe(3)
    expect(warm.stats.requests).toBe(4)
    // Errors and 5xx are never final: only they were asked again.
    expect([...server.seen.byPath.keys()].sort()).toEqual(['/forbidden', '/unavailable'])
    // The same findings, whether cached or not.
    expect(warm.messages.map(String)).toEqual(cold.messages.map(String))
  })

  it('writes the file atomically at the default path, in a documented format', async () => {
    await checkLinks(links(), options(t0))
    const folder = join(cwd, '.coursemark/cache')
    expect(defaultCachePath(cwd)).toBe(join(folder, 'links.json'))
    expect(await readdir(cwd)).toEqual(['.coursemark'])
    expect(await readdir(folder)).toEqual(['links.json'])
    const file = JSON.parse(await readFile(join(folder, 'links.json'), 'utf8')) as {
      format: string
      version: number
      entries: Record<string, unknown>
    }
    expect([file.format, file.version, Object.keys(file.entries).length]).toEqual(['coursemark-link-cache', 2, 5])
    expect(file.entries[origin + '/moved']).toEqual({
      class: 'redirected',
      reason: '`301 Moved Permanently`',
      checkedAt: '2026-11-02T09:00:00.000Z',
      status: 301,
      redirectedTo: origin + '/ok',
      lastWorkingAt: '2026-11-02T09:00:00.000Z'
    })
    expect(file.entries[origin + '/missing']).toEqual({
      class: 'dead',
      reason: '`404 Not Found`',
      checkedAt: '2026-11-02T09:00:00.000Z',
      status: 404,
      firstFailedAt: '2026-11-02T09:00:00.000Z',
      failedChecks: 1
    })
    expect(file.entries[origin + '/forbidden']).toEqual({
      class: 'unverifiable',
      reason: '`403 Forbidden`',
      checkedAt: '2026-11-02T09:00:00.000Z',
      status: 403,
      unverifiableSince: '2026-11-02T09:00:00.000Z'
    })
  })

  it('asks again once an entry is older than its TTL', async () => {
    await checkLinks(links(), options(t0))
    server.reset()
    // Two hours on: `dead` (1 hour) is stale, `ok` (1 day) is not.
    const later = await checkLinks(links(), options(t0 + 2 * hour))
    expect(later.results.filter((result) => result.fromCache).map((result) => result.url.replace(origin, ''))).toEqual([
      '/ok',
      '/moved'
    ])
    server.reset()
    const custom = await checkLinks(links(), options(t0 + 2 * hour, {cache: {ttlOk: hour, ttlDead: day}}))
    expect(custom.results.filter((result) => result.fromCache).map((result) => result.url.replace(origin, ''))).toEqual([
      '/missing'
    ])
  })

  it('uses a configured path, relative to `cwd`', async () => {
    await checkLinks([{url: origin + '/ok'}], options(t0, {cache: {path: 'cache/links.json'}}))
    const loaded = await readCache(join(cwd, 'cache/links.json'))
    expect([...loaded.entries.keys()]).toEqual([origin + '/ok'])
  })

  it('reports a corrupt cache, ignores it and replaces it', async () => {
    const path = join(cwd, 'links.json')
    await writeFile(path, '{"format": "coursemark-link-cache", "entr')
    const report = await checkLinks([{url: origin + '/ok'}], options(t0, {cache: {path: 'links.json'}}))
    expect(report.messages.map((message) => [message.file, message.ruleId, message.fatal, message.reason])).toEqual([
      [path, 'link-cache', false, 'Unexpected corrupt link cache, expected a coursemark link cache; it is ignored and replaced']
    ])
    expect(report.results.map((result) => result.class)).toEqual(['ok'])
    expect((await readCache(path)).entries.size).toBe(1)
  })

  it('reports a foreign file, ignores it and leaves it unchanged', async () => {
    const path = join(cwd, 'package.json')
    const foreign = '{"name": "not-a-cache", "entries": {}}\n'
    await writeFile(path, foreign)
    const report = await checkLinks([{url: origin + '/ok'}], options(t0, {cache: {path: 'package.json'}}))
    expect(report.messages.map((message) => [message.ruleId, message.reason])).toEqual([
      ['link-cache', "Unexpected file that is not a coursemark link cache, expected `format: 'coursemark-link-cache'` or no file; it is left unchanged"]
    ])
    expect(await readFile(path, 'utf8')).toBe(foreign)
  })

  it('ignores a cache of another version', async () => {
    const path = join(cwd, 'links.json')
    await writeFile(path, JSON.stringify({format: 'coursemark-link-cache', version: 99, entries: {[origin + '/ok']: {class: 'ok', reason: '', checkedAt: new Date(t0).toISOString()}}}))
    const report = await checkLinks([{url: origin + '/ok'}], options(t0, {cache: {path: 'links.json'}}))
    expect(report.messages.map((message) => message.reason)).toEqual([
      'Unexpected link cache version `99`, expected `2`; it is ignored and replaced'
    ])
    expect(report.results.map((result) => result.fromCache)).toEqual([false])
  })

  it('reports a cache it cannot write, and still reports the links', async () => {
    await writeFile(join(cwd, 'file'), '')
    const report = await checkLinks([{url: origin + '/missing'}], options(t0, {cache: {path: 'file/links.json'}}))
    expect(report.messages.map((message) => [message.ruleId, message.fatal, message.reason])).toEqual([
      ['link-cache', false, 'Unexpected failure writing the link cache (`EEXIST`), expected a writable path; results are not cached'],
      ['link-dead', true, `Unexpected dead link \`${origin}/missing\` (\`404 Not Found\`), expected a reachable URL`]
    ])
  })

  it('keeps the cache under `node_modules/.cache/coursemark/` in a project with a package.json, and under `.coursemark/cache/` without one', async () => {
    await writeFile(join(cwd, 'package.json'), '{}\n')
    await checkLinks([{url: origin + '/ok'}], options(t0))
    expect(defaultCachePath(cwd)).toBe(join(cwd, 'node_modules/.cache/coursemark/links.json'))
    expect((await readdir(cwd)).sort()).toEqual(['node_modules', 'package.json'])
    expect(await readdir(join(cwd, 'node_modules/.cache/coursemark'))).toEqual(['links.json'])
    await rm(join(cwd, 'package.json'))
    await checkLinks([{url: origin + '/ok'}], options(t0))
    expect(await readdir(join(cwd, '.coursemark/cache'))).toEqual(['links.json'])
  })

  it('keeps a valid file when two runs write at once', async () => {
    await Promise.all([
      checkLinks([{url: origin + '/ok'}], options(t0)),
      checkLinks([{url: origin + '/missing'}], options(t0))
    ])
    const loaded = await readCache(defaultCachePath(cwd))
    expect(loaded.messages).toEqual([])
    expect(loaded.entries.size).toBeGreaterThanOrEqual(1)
    expect(await readdir(join(cwd, '.coursemark/cache'))).toEqual(['links.json'])
  })

  it('makes a lasting `unverifiable` an error only past `unverifiableMaxAge`', async () => {
    const url = origin + '/forbidden'
    const first = await checkLinks([{url}], options(t0, {unverifiableMaxAge: day}))
    expect(first.messages.map((message) => [message.fatal, message.reason])).toEqual([
      [false, `Unexpected unverifiable link \`${url}\` (\`403 Forbidden\`), expected an answer that shows it works`]
    ])
    const soon = await checkLinks([{url}], options(t0 + hour, {unverifiableMaxAge: day}))
    expect(soon.messages.map((message) => message.fatal)).toEqual([false])
    expect(soon.results[0]?.unverifiableSince).toBe('2026-11-02T09:00:00.000Z')
    const lasting = await checkLinks([{url}], options(t0 + 2 * day, {unverifiableMaxAge: day}))
    expect(lasting.messages.map((message) => [message.ruleId, message.fatal, message.reason])).toEqual([
      ['link-unverifiable', true, `Unexpected link \`${url}\` unverifiable in every run since 2026-11-02 (\`403 Forbidden\`), expected an answer that shows it works`]
    ])
    // Without the option it never escalates.
    const never = await checkLinks([{url}], options(t0 + 3 * day))
    expect(never.messages.map((message) => message.fatal)).toEqual([false])
  })

  it('does without a cache when `cache` is false', async () => {
    await checkLinks([{url: origin + '/ok'}], options(t0, {cache: false}))
    expect(await readdir(cwd)).toEqual([])
  })
})

describe('the link cache shared by runs', () => {
  const entry = (checkedAt: number, status = 200) => ({class: 'ok' as const, status, reason: '', checkedAt: new Date(checkedAt).toISOString()})

  it('keeps the entries of two runs that write it at once', async () => {
    await Promise.all([
      checkLinks([{url: origin + '/ok'}], options(t0)),
      checkLinks([{url: origin + '/missing'}], options(t0))
    ])
    const loaded = await readCache(defaultCachePath(cwd), {now: t0})
    expect([...loaded.entries.keys()].sort()).toEqual([origin + '/missing', origin + '/ok'])
  })

  it('breaks a stale lock, and writes nothing (with a warning) while a live one is held', async () => {
    const path = join(cwd, 'links.json')
    await writeFile(path + '.lock', JSON.stringify({pid: process.pid, host: hostname(), time: Date.now() - 60_000, nonce: 'old'}))
    expect(await writeCache(path, new Map([['https://example.com/a', entry(t0)]]), {now: t0})).toBeUndefined()
    expect([...(await readCache(path, {now: t0})).entries.keys()]).toEqual(['https://example.com/a'])
    expect(await readdir(cwd)).toEqual(['links.json'])

    await writeFile(path + '.lock', JSON.stringify({pid: process.pid, host: hostname(), time: Date.now(), nonce: 'live'}))
    const warning = await writeCache(path, new Map([['https://example.com/b', entry(t0)]]), {now: t0, lock: {waitMs: 50}})
    expect(warning?.reason).toBe(`Unexpected lock \`${path}.lock\` held by another run, expected it released in time; results of this run are not cached`)
    expect([...(await readCache(path, {now: t0})).entries.keys()]).toEqual(['https://example.com/a'])
  })

  it('takes an entry dated in the future as checked now, on read and on `--merge-cache`', async () => {
    const path = join(cwd, 'links.json')
    const future = {...entry(t0 + 365 * day), lastWorkingAt: new Date(t0 + 365 * day).toISOString(), archive: {checkedAt: new Date(t0 + day).toISOString(), copy: null}}
    await writeFile(path, JSON.stringify({format: 'coursemark-link-cache', version: 2, entries: {'https://example.com/a': future}}))
    const now = new Date(t0).toISOString()
    expect((await readCache(path, {now: t0})).entries.get('https://example.com/a')).toEqual({...future, checkedAt: now, lastWorkingAt: now, archive: {checkedAt: now, copy: null}})
    const output = join(cwd, 'merged.json')
    expect((await mergeCaches([path], output, {now: t0})).messages).toEqual([])
    const merged = JSON.parse(await readFile(output, 'utf8')) as {entries: Record<string, {checkedAt: string}>}
    expect(merged.entries['https://example.com/a']?.checkedAt).toBe(now)
  })

  it('never replaces a file that is not a link cache, also as the output of `--merge-cache`', async () => {
    const path = join(cwd, 'README.md')
    await writeFile(path, '# Read me\n')
    const warning = await writeCache(path, new Map([['https://example.com/a', entry(t0)]]))
    expect(warning?.reason).toMatch(/^Unexpected file that is not a coursemark link cache/)
    await writeFile(join(cwd, 'a.json'), JSON.stringify({format: 'coursemark-link-cache', version: 2, entries: {}}))
    expect((await mergeCaches([join(cwd, 'a.json')], path)).messages.map((message) => message.reason)).toEqual([
      "Unexpected file that is not a coursemark link cache, expected `format: 'coursemark-link-cache'` or no file; it is left unchanged"
    ])
    expect(await readFile(path, 'utf8')).toBe('# Read me\n')
  })

  it('never throws on any number in any numeric field, and warns about what is out of range', async () => {
    const path = join(cwd, 'links.json')
    const numbers = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2147483648, -1, 1e308, 8.64e15 + 1, 2 ** 53))
    await fc.assert(
      fc.asyncProperty(fc.array(numbers, {minLength: 6, maxLength: 6}), async ([status, failedChecks, time, archived, version, checked]) => {
        const value = {class: 'dead', reason: 'r', checkedAt: checked, status, failedChecks, firstFailedAt: time, archive: {checkedAt: archived, copy: null}}
        await writeFile(path, JSON.stringify({format: 'coursemark-link-cache', version: version === 2 ? 2 : Number(version) % 3, entries: {a: value, b: {...value, checkedAt: new Date(t0).toISOString()}}}))
        const loaded = await readCache(path, {now: t0})
        for (const cached of loaded.entries.values()) {
          expect(Date.parse(cached.checkedAt)).toBeLessThanOrEqual(t0)
          if (cached.status !== undefined) expect(cached.status).toBeGreaterThanOrEqual(100)
        }
      }),
      {numRuns: 200}
    )
    await writeFile(path, JSON.stringify({format: 'coursemark-link-cache', version: 2, entries: {a: {class: 'ok', reason: '', checkedAt: new Date(t0).toISOString(), status: 1e300}}}))
    expect((await readCache(path, {now: t0})).messages.map((message) => message.reason)).toEqual([
      'Unexpected 1 malformed entry in the link cache (a value of another type or out of range), expected entries as coursemark writes them; what is malformed is ignored'
    ])
  })
})
