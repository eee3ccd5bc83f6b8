import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {
  checkLinks,
  createLinkRun,
  mergeCacheEntries,
  mergeCaches,
  readCache,
  shardOf,
  type CacheEntry
} from '../../src/links/index.js'
import {startServer, type TestServer} from './server.js'

const hosts = Array.from({length: 8}, (_, index) => `127.0.0.${index + 2}`)
let server: TestServer
let cwd: string

beforeAll(async () => {
  server = await startServer(hosts)
})

afterAll(async () => {
  await server.close()
})

beforeEach(async () => {
  server.reset()
  cwd = await mkdtemp(join(tmpdir(), 'coursemark-shard-'))
  return async () => rm(cwd, {recursive: true, force: true})
})

const fast = {allowPrivate: true, timeout: 3000, retries: 0, backoff: 10, deadline: 10_000} as const

/** Until `done()` holds, checking every 10 ms, at most `ms`. */
async function until(done: () => boolean, ms: number) {
  const end = performance.now() + ms
  while (!done() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('a link run fed as files are parsed', () => {
  it('checks the URLs of the first file before the next file is added', async () => {
    const origin = server.origin(hosts[0])
    const run = createLinkRun({...fast, cache: false})
    run.add([{url: origin + '/ok', file: 'a.md'}])
    await until(() => server.seen.byPath.has('/ok'), 5000)
    expect(server.seen.byPath.get('/ok')).toBe(1)
    run.add([
      {url: origin + '/missing', file: 'b.md'},
      {url: origin + '/ok#again', file: 'b.md'}
    ])
    const report = await run.finish()
    expect(report.results.map((result) => [result.url.replace(origin, ''), result.class, result.occurrences.length])).toEqual([
      ['/ok', 'ok', 2],
      ['/missing', 'dead', 1]
    ])
    expect(report.messages.map((message) => [message.file, message.ruleId])).toEqual([['b.md', 'link-dead']])
    expect(server.seen.byPath.get('/ok')).toBe(1)
    expect(() => run.add([])).toThrow('Unexpected `add` after `finish`, expected every URL before it')
  })
})

describe('shards', () => {
  it('puts every host in exactly one shard, the same one every time', () => {
    const names = ['example.com', 'EXAMPLE.com', 'docs.python.org', '127.0.0.2', '']
    expect(names.map((name) => shardOf(name, 1))).toEqual([1, 1, 1, 1, 1])
    const spread = new Set(hosts.map((host) => shardOf(host, 3)))
    expect([...spread].every((shard) => shard >= 1 && shard <= 3)).toBe(true)
    expect(shardOf('example.com', 4)).toBe(shardOf('EXAMPLE.COM', 4))
  })

  it('never sends two shards to the same host, and their merged caches hold every URL', async () => {
    const urls = hosts.flatMap((host) => ['/ok', '/missing', '/moved'].map((path) => ({url: server.origin(host) + path, file: 'a.md'})))
    const requested: Array<Set<string>> = []
    const checked: string[] = []
    const caches: string[] = []
    for (let index = 1; index <= 3; index++) {
      server.reset()
      const path = join(cwd, `links-${index}.json`)
      caches.push(path)
      const report = await checkLinks(urls, {...fast, cwd, cache: {path}, shard: {index, count: 3}})
      requested.push(new Set(server.seen.connections.keys()))
      for (const result of report.results) checked.push(result.url)
      expect(report.results.every((result) => shardOf(new URL(result.url).hostname, 3) === index)).toBe(true)
    }

    // No host in two shards, and every URL checked by one shard.
    const all = requested.flatMap((set) => [...set])
    expect(new Set(all).size).toBe(all.length)
    expect(new Set(all)).toEqual(new Set(hosts))
    expect(checked.sort()).toEqual(urls.map((item) => item.url).sort())

    const output = join(cwd, 'merged.json')
    const merged = await mergeCaches(caches, output)
    expect(merged).toEqual({entries: urls.length, messages: []})
    const loaded = await readCache(output)
    expect([...loaded.entries.keys()].sort()).toEqual(urls.map((item) => item.url).sort())
  })

  it('keeps the newest entry of a URL with every field, and refuses an input it cannot read', async () => {
    const old: CacheEntry = {class: 'ok', status: 200, reason: '`200 OK`', checkedAt: '2026-11-01T00:00:00.000Z'}
    const newer: CacheEntry = {class: 'dead', status: 404, reason: '`404 Not Found`', checkedAt: '2026-11-02T00:00:00.000Z'}
    const other: CacheEntry = {class: 'redirected', status: 301, redirectedTo: 'https://b.example/', reason: '`301 Moved Permanently`', checkedAt: '2026-10-01T00:00:00.000Z'}
    const merged = mergeCacheEntries([
      new Map([['https://a.example/', newer]]),
      new Map([['https://a.example/', old], ['https://b.example/old', other]])
    ])
    expect(Object.fromEntries(merged)).toEqual({'https://a.example/': newer, 'https://b.example/old': other})

    const corrupt = join(cwd, 'corrupt.json')
    await writeFile(corrupt, '{not json')
    const result = await mergeCaches([corrupt, join(cwd, 'missing.json')], join(cwd, 'out.json'))
    expect(result.entries).toBe(0)
    expect(result.messages.map((message) => [String(message.file).replace(cwd, ''), message.reason])).toEqual([
      ['/corrupt.json', "Unexpected file that is not a coursemark link cache, expected `format: 'coursemark-link-cache'` or no file; it is left unchanged"],
      ['/missing.json', 'Unexpected missing link cache, expected a file written by `coursemark links`']
    ])
  })
})
