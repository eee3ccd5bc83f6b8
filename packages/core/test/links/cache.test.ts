import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {checkLinks, defaultCachePath, readCache, type CheckLinksOptions} from '../../src/links/index.js'
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
      [path, 'link-cache', false, 'Unexpected corrupt link cache (not JSON), expected a coursemark link cache; it is ignored and replaced']
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
      ['link-cache', "Unexpected file that is not a coursemark link cache, expected `format: 'coursemark-link-cache'`; it is ignored and left unchanged"]
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
