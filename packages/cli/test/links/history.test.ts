import {once} from 'node:events'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {checkLinks, mergeCaches, readCache, type CheckLinksOptions} from '../../src/links/index.js'

for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]

/** Status each path answers with; changed by the tests between runs. */
const statuses = new Map<string, number>()
let server: Server
let origin = ''
let cwd = ''

const day = 24 * 3600 * 1000
const t0 = Date.UTC(2026, 10, 2, 6, 0, 0)

beforeAll(async () => {
  server = createServer((request, response) => {
    response.writeHead(statuses.get(request.url ?? '') ?? 404, {'content-type': 'text/plain'})
    response.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.close()
  await once(server, 'close')
})

beforeEach(async () => {
  statuses.clear()
  cwd = await mkdtemp(join(tmpdir(), 'coursemark-history-'))
})

afterEach(async () => {
  await rm(cwd, {recursive: true, force: true})
})

function options(now: number): CheckLinksOptions {
  return {allowPrivate: true, timeout: 3000, retries: 0, deadline: 10_000, cwd, cache: {path: 'links.json'}, now: () => now}
}

describe('link history', () => {
  it('records last seen working, first failed and failed checks over three runs', async () => {
    const url = origin + '/page'
    const links = [{url, file: 'a.md', position: {start: {line: 3, column: 1, offset: 20}, end: {line: 3, column: 30, offset: 49}}}]

    statuses.set('/page', 200)
    const first = await checkLinks(links, options(t0))
    expect(first.results[0]?.history).toEqual({lastWorkingAt: '2026-11-02T06:00:00.000Z', failedChecks: 0})

    statuses.set('/page', 404)
    const second = await checkLinks(links, options(t0 + 7 * day))
    expect(second.results[0]?.history).toEqual({
      lastWorkingAt: '2026-11-02T06:00:00.000Z',
      firstFailedAt: '2026-11-09T06:00:00.000Z',
      failedChecks: 1
    })
    // A first failure is reported as before.
    expect(second.messages.map(String)).toEqual([
      `3:1-3:30: Unexpected dead link \`${url}\` (\`404 Not Found\`), expected a reachable URL`
    ])

    const third = await checkLinks(links, options(t0 + 14 * day))
    expect(third.results[0]?.history).toEqual({
      lastWorkingAt: '2026-11-02T06:00:00.000Z',
      firstFailedAt: '2026-11-09T06:00:00.000Z',
      failedChecks: 2
    })
    expect(third.messages.map(String)).toEqual([
      `3:1-3:30: Unexpected dead link \`${url}\` (\`404 Not Found\`, dead since 2026-11-09 (2 checks)), expected a reachable URL`
    ])

    const file = JSON.parse(await readFile(join(cwd, 'links.json'), 'utf8')) as {version: number; entries: Record<string, unknown>}
    expect(file.version).toBe(2)
    expect(file.entries[url]).toEqual({
      class: 'dead',
      status: 404,
      reason: '`404 Not Found`',
      checkedAt: '2026-11-16T06:00:00.000Z',
      lastWorkingAt: '2026-11-02T06:00:00.000Z',
      firstFailedAt: '2026-11-09T06:00:00.000Z',
      failedChecks: 2
    })

    // Working again: the failures are forgotten, the day it worked is kept.
    statuses.set('/page', 200)
    const fourth = await checkLinks(links, options(t0 + 21 * day))
    expect(fourth.results[0]?.history).toEqual({lastWorkingAt: '2026-11-23T06:00:00.000Z', failedChecks: 0})
  })

  it('keeps the history of a fresh cached result without counting a check', async () => {
    const url = origin + '/gone'
    await checkLinks([{url}], options(t0))
    await checkLinks([{url}], options(t0 + 2 * day))
    const cached = await checkLinks([{url}], options(t0 + 2 * day + 60_000))
    expect([cached.results[0]?.fromCache, cached.results[0]?.history]).toEqual([
      true,
      {firstFailedAt: '2026-11-02T06:00:00.000Z', failedChecks: 2}
    ])
  })

  it('leaves the history as it is after an unverifiable check', async () => {
    const url = origin + '/flaky'
    statuses.set('/flaky', 404)
    await checkLinks([{url}], options(t0))
    statuses.set('/flaky', 403)
    const unverifiable = await checkLinks([{url}], options(t0 + day * 2))
    expect(unverifiable.results[0]?.history).toEqual({firstFailedAt: '2026-11-02T06:00:00.000Z', failedChecks: 1})
  })

  it('migrates a version 1 cache: each entry starts its history', async () => {
    const path = join(cwd, 'links.json')
    const checkedAt = new Date(t0).toISOString()
    await writeFile(
      path,
      JSON.stringify({
        format: 'coursemark-link-cache',
        version: 1,
        entries: {
          [origin + '/ok']: {class: 'ok', status: 200, reason: '`200 OK`', checkedAt},
          [origin + '/dead']: {class: 'dead', status: 404, reason: '`404 Not Found`', checkedAt},
          [origin + '/wall']: {class: 'unverifiable', status: 403, reason: '`403 Forbidden`', checkedAt, unverifiableSince: checkedAt}
        }
      })
    )
    const loaded = await readCache(path)
    expect(loaded.messages).toEqual([])
    expect(Object.fromEntries(loaded.entries)).toEqual({
      [origin + '/ok']: {class: 'ok', status: 200, reason: '`200 OK`', checkedAt, lastWorkingAt: checkedAt},
      [origin + '/dead']: {class: 'dead', status: 404, reason: '`404 Not Found`', checkedAt, firstFailedAt: checkedAt, failedChecks: 1},
      [origin + '/wall']: {class: 'unverifiable', status: 403, reason: '`403 Forbidden`', checkedAt, unverifiableSince: checkedAt}
    })

    // The next run continues the history and writes version 2.
    const report = await checkLinks([{url: origin + '/dead'}], options(t0 + day))
    expect(report.messages.map((message) => message.reason)).toEqual([
      `Unexpected dead link \`${origin}/dead\` (\`404 Not Found\`, dead since 2026-11-02 (2 checks)), expected a reachable URL`
    ])
    expect((JSON.parse(await readFile(path, 'utf8')) as {version: number}).version).toBe(2)
  })

  it('warns about a corrupt cache and checks without it', async () => {
    const path = join(cwd, 'links.json')
    await writeFile(path, '{"format": "coursemark-link-cache", \u0000\u0001 not json')
    statuses.set('/page', 200)
    const report = await checkLinks([{url: origin + '/page'}], options(t0))
    expect(report.messages.map((message) => [message.ruleId, message.fatal, message.reason])).toEqual([
      ['link-cache', false, 'Unexpected corrupt link cache, expected a coursemark link cache; it is ignored and replaced']
    ])
    expect(report.results.map((result) => [result.class, result.history])).toEqual([
      ['ok', {lastWorkingAt: '2026-11-02T06:00:00.000Z', failedChecks: 0}]
    ])
    expect((await readCache(path)).messages).toEqual([])
  })

  it('drops entries with a malformed history field instead of failing', async () => {
    const path = join(cwd, 'links.json')
    const checkedAt = new Date(t0).toISOString()
    await writeFile(
      path,
      JSON.stringify({
        format: 'coursemark-link-cache',
        version: 2,
        entries: {
          [origin + '/a']: {class: 'dead', reason: '`404 Not Found`', checkedAt, firstFailedAt: 'yesterday', failedChecks: -3, archive: {copy: 'x'}}
        }
      })
    )
    const loaded = await readCache(path)
    expect(Object.fromEntries(loaded.entries)).toEqual({
      [origin + '/a']: {class: 'dead', reason: '`404 Not Found`', checkedAt}
    })
  })

  it('merges the caches of shards into a version 2 file that keeps history and archive lookups', async () => {
    const older = new Date(t0).toISOString()
    const newer = new Date(t0 + day).toISOString()
    const lookup = {checkedAt: newer, copy: {url: 'https://web.archive.org/web/20190302101500/http://example.com/', timestamp: '20190302101500'}}
    const write = (name: string, version: number, entries: Record<string, unknown>) =>
      writeFile(join(cwd, name), JSON.stringify({format: 'coursemark-link-cache', version, entries}))
    await write('one.json', 1, {[origin + '/a']: {class: 'ok', status: 200, reason: '`200 OK`', checkedAt: older}})
    await write('two.json', 2, {
      [origin + '/a']: {class: 'dead', status: 404, reason: '`404 Not Found`', checkedAt: newer, lastWorkingAt: older, firstFailedAt: newer, failedChecks: 1, archive: lookup}
    })
    const merged = await mergeCaches([join(cwd, 'one.json'), join(cwd, 'two.json')], join(cwd, 'merged.json'))
    expect(merged).toEqual({entries: 1, messages: []})
    expect(JSON.parse(await readFile(join(cwd, 'merged.json'), 'utf8'))).toEqual({
      format: 'coursemark-link-cache',
      version: 2,
      entries: {
        [origin + '/a']: {class: 'dead', status: 404, reason: '`404 Not Found`', checkedAt: newer, lastWorkingAt: older, firstFailedAt: newer, failedChecks: 1, archive: lookup}
      }
    })
  })
})
