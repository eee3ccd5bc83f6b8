import {cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, type Stats} from 'node:fs'
import {dirname, join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {describe, expect, it} from 'vitest'
import {LintCache, packLocated, packUses, stampOf, unpackLocated, unpackUses} from '../dist/lint/lint-cache.js'
import type {LintMessage} from '../src/types.js'
import {cli, project, scratch} from './helpers.js'

const stats = {COURSEMARK_STATS: '1'}

interface CacheParts {
  header: {version: number; tool: string; id: string; results: number}
  results: {strings: string[]; entries: Record<string, unknown[]>; config?: {config: {overrides?: unknown}}}
  links: {id: string; links: Record<string, unknown[]>}
}

/** The three parts of a cache file: the header line, the results (as long as the header says), the links. */
function readCache(path: string): CacheParts {
  const bytes = readFileSync(path)
  const newline = bytes.indexOf(10)
  const header = JSON.parse(bytes.subarray(0, newline).toString()) as CacheParts['header']
  const end = newline + 1 + header.results
  return {header, results: JSON.parse(bytes.subarray(newline + 1, end).toString()) as CacheParts['results'], links: JSON.parse(bytes.subarray(end).toString()) as CacheParts['links']}
}

function writeCache(path: string, {header, results, links}: CacheParts): void {
  const text = JSON.stringify(results)
  writeFileSync(path, JSON.stringify({...header, results: Buffer.byteLength(text)}) + '\n' + text + JSON.stringify(links))
}

describe('--cache', () => {
  it('re-lints nothing on a second run, and only what changed (or links to what changed) after an edit', async () => {
    const folder = scratch('cross-file')
    const first = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(first.stderr).toBe('coursemark: linted 3 of 3 files (0 from cache)\n')
    expect(first.code).toBe(1)
    // No package.json: the cache goes to `.coursemark/cache/`, not into a new `node_modules`.
    expect(existsSync(join(folder, '.coursemark/cache/lint.json'))).toBe(true)
    expect(existsSync(join(folder, 'node_modules'))).toBe(false)

    const second = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(second.stderr).toBe('coursemark: linted 0 of 3 files (3 from cache)\n')
    expect(second.stdout, 'the same report, cross-file checks included').toBe(first.stdout)
    expect(second.code).toBe(1)

    const path = join(folder, 'lessons', 'files.md')
    writeFileSync(path, readFileSync(path, 'utf8').replace('uuid: 5a1f0c2e-8b3d-4e6f-9a7b-0c1d2e3f4a5b', 'uuid: 1d2c3b4a-5f6e-4d8c-9b0a-7e6f5d4c3b2a'))
    const third = await cli(['--cache', '-f', 'json'], folder, stats)
    // files.md, and paths.md, which links to `files.md#objectives`; intro.md comes from the cache.
    expect(third.stderr).toBe('coursemark: linted 2 of 3 files (1 from cache)\n')
    expect(third.stdout).not.toContain('duplicate-uuid')
  })

  it('keeps the cache in `node_modules/.cache/coursemark/` of a project with a package.json, and in `.coursemark/cache/` of the config\'s folder without one', async () => {
    const folder = scratch('cross-file')
    writeFileSync(join(folder, 'package.json'), '{"private": true}\n')
    expect((await cli(['--cache', '-f', 'json'], folder)).code).toBe(1)
    expect(existsSync(join(folder, 'node_modules/.cache/coursemark/lint.json'))).toBe(true)
    expect(existsSync(join(folder, '.coursemark'))).toBe(false)

    // Run from a folder inside the project: the cache is at the project root (the config's folder).
    const nested = scratch('cross-file')
    writeFileSync(join(nested, '.coursemarkrc.yaml'), 'extends: recommended\n')
    expect((await cli(['--cache', '-f', 'json', '.'], join(nested, 'lessons'))).code).toBe(1)
    expect(existsSync(join(nested, '.coursemark/cache/lint.json'))).toBe(true)
    expect(existsSync(join(nested, 'lessons', '.coursemark'))).toBe(false)
  })

  it('never serves a `coursemark links` run (model only, no rules) as a lint', async () => {
    const folder = scratch('cross-file')
    const links = await cli(['links', '--cache', '--links-timeout', '1', '-f', 'json'], folder, stats)
    expect(links.stderr).toBe('coursemark: linted 3 of 3 files (0 from cache)\n')
    const lint = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(lint.stderr).toBe('coursemark: linted 3 of 3 files (0 from cache)\n')
    expect(lint.stdout).toContain('duplicate-uuid')
  })

  it('checks each candidate a result made in the same site names: a state that is no longer true (an old or forged cache) or a malformed line is linted again', async () => {
    const folder = scratch('cross-file')
    const args = ['--cache', '--cache-location', 'cache.json', '-f', 'json']
    const first = await cli(args, folder, stats)
    const cacheFile = join(folder, 'cache.json')
    const parts = readCache(cacheFile)
    const signed = Object.entries(parts.results.entries).filter(([, entry]) => String(entry[2]).split('\n').some((line) => line.includes('\t')))
    expect(signed.length).toBeGreaterThan(0)
    const [path, entry] = signed[0] as [string, unknown[]]
    // The first line names the site the links were resolved in: this run's, so no link is resolved again.
    expect(String(entry[2])).toMatch(/^site \S+\n/)
    entry[2] = String(entry[2]).replace(/^(#?)[^\t\n]*\t/m, (_, anchored: string) => anchored + '!EFORGED\t')
    writeCache(cacheFile, parts)
    const forged = await cli(args, folder, stats)
    expect(forged.stderr).toBe(`coursemark: linted 1 of ${Object.keys(parts.results.entries).length} files (${Object.keys(parts.results.entries).length - 1} from cache)\n`)
    expect(forged.stdout).toBe(first.stdout)

    const again = readCache(cacheFile)
    const kept = again.results.entries[path] as unknown[]
    kept[2] = String(kept[2]) + '\nno tab here'
    writeCache(cacheFile, again)
    expect((await cli(args, folder, stats)).stderr).toMatch(/^coursemark: linted 1 of /)
  })

  it('re-lints a cached file when a file it links to appears or changes', async () => {
    const folder = scratch('cross-file')
    await cli(['--cache'], folder)
    writeFileSync(join(folder, 'lessons', 'glossary.md'), '---\ntitle: Glossary\n---\n\n## Terms\n\nShell: a program that runs commands.\n')
    const result = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(result.stderr).toBe('coursemark: linted 2 of 4 files (2 from cache)\n')
    expect(result.stdout).not.toContain('`glossary.md`')
  })

  it('keeps the result of a file that links through a file (`lesson.md/image.png`), which is missing, as the rule says', async () => {
    const folder = scratch('cross-file')
    writeFileSync(join(folder, 'lessons', 'through.md'), '---\ntitle: Through\n---\n\n## Overview\n\n![Plot](intro.md/plot.png)\n')
    const first = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(first.stderr).toBe('coursemark: linted 4 of 4 files (0 from cache)\n')
    expect(first.stdout).toContain('Unexpected missing file `intro.md/plot.png`')
    const second = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(second.stderr).toBe('coursemark: linted 0 of 4 files (4 from cache)\n')
    expect(second).toMatchObject({code: first.code, stdout: first.stdout})
  })

  it('keeps results across a fresh checkout of the same files, and re-lints a file when a file it links to with an anchor changes', async () => {
    const folder = scratch('cross-file')
    const first = await cli(['--cache', '-f', 'json'], folder, stats)
    // The files again at the same place, with new inodes and times: what a CI job restoring the cache sees.
    rmSync(join(folder, 'lessons'), {recursive: true})
    await sleep(20)
    cpSync(join(project('cross-file'), 'lessons'), join(folder, 'lessons'), {recursive: true})
    const second = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(second.stderr).toBe('coursemark: linted 0 of 3 files (3 from cache)\n')
    expect(second.stdout).toBe(first.stdout)

    // files.md links to `intro.md`, paths.md to `intro.md#first-command`: only paths.md depends on its headings.
    const intro = join(folder, 'lessons', 'intro.md')
    writeFileSync(intro, readFileSync(intro, 'utf8') + '\nOne more sentence.\n')
    expect((await cli(['--cache', '-f', 'json'], folder, stats)).stderr).toBe('coursemark: linted 2 of 3 files (1 from cache)\n')
  })

  it('keeps results when the project moves to another path, its cache with it, and not when it is run from another folder of it', async () => {
    const folder = scratch('cross-file')
    writeFileSync(join(folder, '.coursemarkrc.json'), '{"extends": "strict"}\n')
    const first = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(first.stderr).toBe('coursemark: linted 3 of 3 files (0 from cache)\n')
    const moved = join(scratch(), 'elsewhere', 'course')
    cpSync(folder, moved, {recursive: true})
    rmSync(folder, {recursive: true})
    const second = await cli(['--cache', '-f', 'json'], moved, stats)
    expect(second.stderr).toBe('coursemark: linted 0 of 3 files (3 from cache)\n')
    expect(second).toMatchObject({code: first.code, stdout: first.stdout})
    // From the lessons folder the paths shown are other ones, and so is the root seen from there.
    const inside = await cli(['--cache', '-f', 'json', '.'], join(moved, 'lessons'), stats)
    expect(inside.stderr).toBe('coursemark: linted 3 of 3 files (0 from cache)\n')
  })

  it('re-lints everything when the config changes', async () => {
    const folder = scratch('cross-file')
    await cli(['--cache'], folder)
    writeFileSync(join(folder, '.coursemarkrc.json'), '{"extends": "strict"}\n')
    expect((await cli(['--cache'], folder, stats)).stderr).toBe('coursemark: linted 3 of 3 files (0 from cache)\n')
  })

  it('reads the config again, quietly, when the config kept in the cache is not of the expected shape', async () => {
    const folder = scratch('cross-file')
    writeFileSync(join(folder, '.coursemarkrc.json'), '{"extends": "strict"}\n')
    const first = await cli(['--cache', '--cache-location', 'cache.json'], folder)
    const data = readCache(join(folder, 'cache.json'))
    expect(data.results.config?.config).toMatchObject({base: {extends: 'strict'}})
    delete data.results.config?.config.overrides
    writeCache(join(folder, 'cache.json'), data)
    const second = await cli(['--cache', '--cache-location', 'cache.json'], folder, stats)
    expect(second.stderr).toBe('coursemark: linted 0 of 3 files (3 from cache)\n')
    expect(second.stdout).toBe(first.stdout)
    expect(readCache(join(folder, 'cache.json')).results).toMatchObject({config: {config: {overrides: []}}})
  })

  it('discards a corrupt cache with a warning', async () => {
    const folder = scratch('cross-file')
    writeFileSync(join(folder, 'cache.json'), '{"version": 1, "tool": ')
    const result = await cli(['--cache', '--cache-location', 'cache.json', '-f', 'json'], folder, stats)
    expect(result.stderr).toBe(
      [
        'coursemark: warning: discarding corrupt cache `cache.json`',
        'coursemark: linted 3 of 3 files (0 from cache)',
        ''
      ].join('\n')
    )
    expect(result.code).toBe(1)
    expect(readCache(join(folder, 'cache.json')).header).toMatchObject({version: 6})
    expect((await cli(['--cache', '--cache-location', 'cache.json'], folder, stats)).stderr).toBe('coursemark: linted 0 of 3 files (3 from cache)\n')
  })
})

describe('--cache entries', () => {
  const position = (line: number, column: number, offset: number) => ({start: {line, column, offset}, end: {line, column: column + 20, offset: offset + 20}})
  const located = [
    {value: 'https://example.com/a', position: position(3, 5, 40)},
    {value: 'https://example.com/b\nwith a line break', position: null},
    {value: '', position: position(9, 1, 120)}
  ]

  it('packs located values into one flat array and unpacks them as they were', () => {
    const packed = packLocated(located)
    expect(packed).toEqual(['https://example.com/a', 3, 5, 40, 3, 25, 60, 'https://example.com/b\nwith a line break', null, '', 9, 1, 120, 9, 21, 140])
    expect(unpackLocated(packed)).toEqual(located)
    expect(unpackLocated([])).toEqual([])
    expect(unpackLocated(['https://example.com/a', 3, 5, 40, 3, 25])).toBeUndefined()
    expect(unpackLocated([3, 5])).toBeUndefined()
  })

  const external = [
    {url: 'https://example.com/a', position: position(3, 5, 40), range: position(3, 9, 44)},
    {url: 'https://example.com/b\nwith a line break', position: position(5, 1, 80), range: undefined},
    {url: '', position: position(9, 1, 120), range: undefined}
  ]

  it('packs external URLs with the range of each into one flat array and unpacks them as they were', () => {
    const packed = packUses(external)
    expect(packed).toEqual([
      'https://example.com/a', 3, 5, 40, 3, 25, 60, 3, 9, 44, 3, 29, 64,
      'https://example.com/b\nwith a line break', 5, 1, 80, 5, 21, 100, null,
      '', 9, 1, 120, 9, 21, 140, null
    ])
    expect(unpackUses(packed)).toEqual(external)
    expect(unpackUses([])).toEqual([])
    // The format of the version before: no range.
    expect(unpackUses(['https://example.com/a', 3, 5, 40, 3, 25, 60])).toBeUndefined()
    expect(unpackUses([3, 5])).toBeUndefined()
  })

  const facts = {uuid: null, title: {value: 'A', position: position(2, 8, 11)}, relative: [{value: 'b.md', position: position(4, 1, 50)}], external}
  const load = (path: string, links: boolean, warnings: string[] = []) => LintCache.load(path, 'test', (message) => warnings.push(message), path, {links})

  it('keeps the external links after the results, and reads them only for a run that checks links', async () => {
    const path = join(scratch(), 'cache.json')
    const cache = await load(path, false)
    cache.set('a.md', 'hash-a', 'settings', 'targets', {path: 'a.md', messages: [], facts})
    await cache.save()
    const parts = readCache(path)
    expect(parts.header).toEqual({version: 6, tool: 'test', id: parts.links.id, results: expect.any(Number) as number})
    // Content hash, settings (an index into `strings`), targets, no stamp, the entry's own path, no messages, then uuid, title, relative targets.
    expect(parts.results.entries['a.md']?.slice(0, 9)).toEqual(['hash-a', 0, 'targets', null, null, null, null, null, []])
    expect(parts.results.strings).toEqual(['settings'])
    expect(parts.links.links['a.md']).toEqual(packUses(external))

    const warnings: string[] = []
    const withLinks = (await load(path, true, warnings)).get('a.md', 'hash-a', 'settings', () => 'targets')
    expect(warnings).toEqual([])
    expect(withLinks?.facts.relative).toEqual(facts.relative)
    expect(withLinks?.facts.title).toEqual(facts.title)
    expect(withLinks?.facts.uuid).toBeNull()
    expect(withLinks?.facts.external).toEqual(external)
    // Located values are packed as the external links are: no position objects in the file.
    expect(parts.results.entries['a.md']?.slice(9)).toEqual([[], ['A', 2, 8, 11, 2, 28, 31], ['b.md', 4, 1, 50, 4, 21, 70], 0])

    // Without links: the links part is not even valid JSON, and the results are still read.
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\{"id":[^]*$/, '{"id":'))
    const lintOnly = (await load(path, false, warnings)).get('a.md', 'hash-a', 'settings', () => 'targets')
    expect(lintOnly?.facts.title).toEqual(facts.title)
    expect(() => lintOnly?.facts.external).toThrow(/loaded without them/)
    expect(warnings).toEqual([])
    expect((await load(path, true, warnings)).get('a.md', 'hash-a', 'settings', () => 'targets')).toBeUndefined()
    expect(warnings).toEqual(['discarding corrupt cache `' + path + '`'])
  })

  it('keeps the links of the entries it did not read when a run without links saves, and what another run wrote meanwhile', async () => {
    const path = join(scratch(), 'cache.json')
    const first = await load(path, false)
    first.set('a.md', 'hash-a', 'settings', 'targets', {path: 'a.md', messages: [], facts})
    await first.save()

    const second = await load(path, false)
    second.set('b.md', 'hash-b', 'settings', 'targets', {path: 'b.md', messages: [], facts: {...facts, external: []}})
    await second.save()
    const both = await load(path, true)
    expect(both.get('a.md', 'hash-a', 'settings', () => 'targets')?.facts.external).toEqual(external)
    expect(both.get('b.md', 'hash-b', 'settings', () => 'targets')?.facts.external).toEqual([])

    // Two runs load the file, then each saves its own entries (a CI matrix, an editor beside a terminal): neither is lost.
    const third = await load(path, false)
    const other = await load(path, false)
    other.set('c.md', 'hash-c', 'other settings', 'targets', {path: 'c.md', messages: [{ruleId: 'r', source: 's', reason: 'x', severity: 'error', place: null, url: 'u'}], facts})
    other.set('a.md', 'hash-a2', 'settings', 'targets', {path: 'a.md', messages: [], facts: {...facts, external: []}})
    await other.save()
    third.set('d.md', 'hash-d', 'settings', 'targets', {path: 'd.md', messages: [], facts})
    await third.save()
    const last = readCache(path)
    expect(Object.keys(last.results.entries).sort()).toEqual(['a.md', 'b.md', 'c.md', 'd.md'])
    expect(Object.keys(last.links.links).sort()).toEqual(['a.md', 'b.md', 'c.md', 'd.md'])
    const merged = await load(path, true)
    // The other run's newer `a.md` wins over the one this run loaded and did not touch.
    expect(merged.get('a.md', 'hash-a', 'settings', () => 'targets')).toBeUndefined()
    expect(merged.get('a.md', 'hash-a2', 'settings', () => 'targets')?.facts.external).toEqual([])
    expect(merged.get('c.md', 'hash-c', 'other settings', () => 'targets')?.messages).toEqual([{ruleId: 'r', source: 's', reason: 'x', severity: 'error', place: null, url: 'u'}])
    expect(merged.get('d.md', 'hash-d', 'settings', () => 'targets')?.facts.external).toEqual(external)
    expect(readdirSync(dirname(path)), 'no lock or temporary file is left').toEqual(['cache.json'])
  })

  it('does not use an entry whose links are missing in a run that checks links', async () => {
    const path = join(scratch(), 'cache.json')
    const cache = await load(path, false)
    cache.set('a.md', 'hash-a', 'settings', 'targets', {path: 'a.md', messages: [], facts})
    await cache.save()
    const parts = readCache(path)
    parts.links.links = {}
    writeCache(path, parts)
    expect((await load(path, false)).get('a.md', 'hash-a', 'settings', () => 'targets')).toBeDefined()
    expect((await load(path, true)).get('a.md', 'hash-a', 'settings', () => 'targets')).toBeUndefined()
  })

  it('keeps every field of every message, in the order a lint makes them, and each repeated string once', async () => {
    const path = join(scratch(), 'cache.json')
    const place = position(4, 3, 60)
    const messages: LintMessage[] = [
      {ruleId: 'config', source: 'coursemark', reason: 'Whole file', severity: 'error', place: null, url: null},
      {ruleId: 'heading-increment', source: 'coursemark', reason: 'A `b`\nsecond line', severity: 'warning', place, url: 'https://example.com/rules#heading-increment', actual: '###', expected: ['##', '#']},
      {ruleId: 'no-heading-emphasis', source: 'remark-lint', reason: 'Fix me', severity: 'info', place, url: 'https://example.com/rules#no-heading-emphasis', fix: [{start: 1, end: 3, text: ''}, {start: 7, end: 9, text: 'x\u2028y'}]},
      {ruleId: 'heading-increment', source: 'coursemark', reason: 'Again', severity: 'warning', place, url: 'https://example.com/rules#heading-increment', expected: []}
    ]
    const first = await load(path, false)
    first.set('a.md', 'hash-a', '{"preset":"recommended"}', '', {path: 'a.md', messages, facts})
    first.set('b.md', 'hash-b', '{"preset":"recommended"}', '', {path: 'other/b.md', messages: messages.slice(1, 2), facts})
    await first.save()
    const parts = readCache(path)
    expect(parts.results.strings).toEqual([
      '{"preset":"recommended"}',
      'config',
      'coursemark',
      'heading-increment',
      'https://example.com/rules#heading-increment',
      'no-heading-emphasis',
      'remark-lint',
      'https://example.com/rules#no-heading-emphasis'
    ])

    const second = await load(path, false)
    const a = second.get('a.md', 'hash-a', '{"preset":"recommended"}', () => '')
    expect(JSON.stringify(a?.messages)).toBe(JSON.stringify(messages))
    expect(second.get('b.md', 'hash-b', '{"preset":"recommended"}', () => '')?.path).toBe('other/b.md')
    expect(second.get('a.md', 'hash-a', '{"preset":"strict"}', () => '')).toBeUndefined()

    // Strings no entry uses any more are not written again.
    second.delete('a.md')
    await second.save()
    expect(readCache(path).results.strings).toEqual(['{"preset":"recommended"}', 'heading-increment', 'coursemark', 'https://example.com/rules#heading-increment'])
    expect(JSON.stringify((await load(path, false)).get('b.md', 'hash-b', '{"preset":"recommended"}', () => '')?.messages)).toBe(JSON.stringify(messages.slice(1, 2)))
  })

  it('discards a cache of an earlier or later format quietly, and a malformed one with a warning', async () => {
    const folder = scratch()
    const path = join(folder, 'cache.json')
    const entry = ['h', 0, 't', null, null, null, null, null, [], [], [], [], 0]
    const warnings: string[] = []
    for (const version of [1, 2, 3, 4, 5, 7]) {
      writeFileSync(path, JSON.stringify({version, tool: 'test', entries: {'a.md': entry}}))
      expect((await load(path, false, warnings)).get('a.md', 'h', 's', () => 't'), `version ${version}`).toBeUndefined()
    }

    writeFileSync(path, JSON.stringify({version: 7, tool: 'test', id: 'x', results: 2}) + '\n{}{}')
    expect((await load(path, false, warnings)).get('a.md', 'h', 's', () => 't')).toBeUndefined()
    expect(warnings).toEqual([])

    const parts: CacheParts = {header: {version: 6, tool: 'test', id: 'x', results: 0}, results: {strings: ['s', 'r'], entries: {'a.md': entry}}, links: {id: 'x', links: {'a.md': []}}}
    writeCache(path, parts)
    expect((await load(path, true, warnings)).get('a.md', 'h', 's', () => 't')).toBeDefined()
    writeCache(path, {...parts, links: {id: 'x', links: {'a.md': [{value: 'https://example.com', position: null}]}}})
    expect((await load(path, true, warnings)).get('a.md', 'h', 's', () => 't')).toBeUndefined()
    expect(warnings).toEqual(['discarding corrupt cache `' + path + '`'])

    // A message as the file keeps it: rule id and source (indexes), reason, severity, six numbers or six nulls, URL, actual, expected, fix.
    const message = [1, 1, 'reason', 'error', 1, 1, 0, 1, 2, 1, null, null, null, null]
    const withMessages = (...list: unknown[][]) => ({...parts, results: {...parts.results, entries: {'a.md': entry.map((item, index) => (index === 8 ? list.flat() : item))}}})
    writeCache(path, withMessages(message, [1, 1, 'whole file', 'warning', null, null, null, null, null, null, 0, 'a', ['b'], [0, 1, 'c']]))
    expect((await load(path, false, warnings)).get('a.md', 'h', 's', () => 't')?.messages).toEqual([
      {ruleId: 'r', source: 'r', reason: 'reason', severity: 'error', place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 2, offset: 1}}, url: null},
      {ruleId: 'r', source: 'r', reason: 'whole file', severity: 'warning', place: null, url: 's', actual: 'a', expected: ['b'], fix: [{start: 0, end: 1, text: 'c'}]}
    ])
    expect(warnings).toHaveLength(1)

    const corrupt = [
      // Facts of an unexpected shape (two titles, positions as objects).
      {...parts, results: {...parts.results, entries: {'a.md': entry.map((item, index) => (index === 10 ? ['A', null, 'B', null] : item))}}},
      {...parts, results: {...parts.results, entries: {'a.md': entry.map((item, index) => (index === 11 ? [{value: 'b.md', position: null}] : item))}}},
      // A stamp of another shape, an entry of another length, a settings index past the strings.
      {...parts, results: {...parts.results, entries: {'a.md': entry.map((item, index) => (index === 3 ? 1 : item))}}},
      {...parts, results: {...parts.results, entries: {'a.md': entry.slice(1)}}},
      {...parts, results: {...parts.results, entries: {'a.md': entry.map((item, index) => (index === 1 ? 2 : item))}}},
      {...parts, results: {...parts.results, strings: ['s', 1]}},
      // Messages: one slot short, a rule id past the strings, an unknown severity, half a place, an edit without its text, `expected` not a list.
      withMessages(message.slice(1)),
      withMessages(message.map((item, index) => (index === 0 ? 2 : item))),
      withMessages(message.map((item, index) => (index === 3 ? 'warn' : item))),
      withMessages(message.map((item, index) => (index === 3 ? 1 : item))),
      withMessages(message.map((item, index) => (index === 5 ? null : item))),
      withMessages(message.map((item, index) => (index === 13 ? [0, 1] : item))),
      withMessages(message.map((item, index) => (index === 12 ? 'b' : item)))
    ]
    for (const [index, data] of corrupt.entries()) {
      writeCache(path, data as CacheParts)
      expect((await load(path, false, warnings)).get('a.md', 'h', 's', () => 't'), `case ${index}`).toBeUndefined()
    }

    expect(warnings).toHaveLength(1 + corrupt.length)
  })
})

describe('--cache stamps', () => {
  const stats = (fields: Partial<Stats>) => ({size: 100, mtimeMs: 1_000, ctimeMs: 1_000, ino: 7, ...fields}) as Stats

  it('keeps a stamp only for files changed more than 3 s before it is taken', () => {
    expect(stampOf(stats({}), 4_001)).toEqual({size: 100, mtimeMs: 1_000, ctimeMs: 1_000, ino: 7})
    expect(stampOf(stats({}), 3_999)).toBeUndefined()
    expect(stampOf(stats({ctimeMs: 2_000}), 4_001)).toBeUndefined()
  })

  it('gives the kept content hash only while size, both times and inode are the same', async () => {
    const cache = await LintCache.load(join(scratch(), 'cache.json'), 'test', () => undefined)
    const result = {path: 'a.md', messages: [], facts: {relative: [], external: []}}
    cache.set('a.md', 'hash-a', 'settings', 'targets', result, stampOf(stats({}), 10_000))
    cache.set('b.md', 'hash-b', 'settings', 'targets', result)
    expect(cache.contentHash('a.md', stats({}))).toBe('hash-a')
    for (const changed of [{size: 101}, {mtimeMs: 999}, {ctimeMs: 1_001}, {ino: 8}]) {
      expect(cache.contentHash('a.md', stats(changed)), JSON.stringify(changed)).toBeUndefined()
    }

    expect(cache.contentHash('b.md', stats({}))).toBeUndefined()
    cache.stamp('b.md', stampOf(stats({}), 10_000))
    expect(cache.contentHash('b.md', stats({}))).toBe('hash-b')
    expect(cache.contentHash('c.md', stats({}))).toBeUndefined()
  })

  it('stamps files once they are old enough, and still sees an edit of the same size with the modification time set back', async () => {
    const folder = scratch('cross-file')
    const cacheFile = join(folder, 'cache.json')
    const stamps = () => {
      // An entry's stamp: size, modification time, change time, inode (or four `null`s).
      return Object.values(readCache(cacheFile).results.entries).filter((entry) => typeof entry[3] === 'number').length
    }

    // A modification time that survives being set again exactly (whole seconds).
    const path = join(folder, 'lessons', 'intro.md')
    const old = new Date('2026-01-01T00:00:00Z')
    utimesSync(path, old, old)
    const args = ['--cache', '--cache-location', 'cache.json', '-f', 'json']
    const first = await cli(args, folder, {COURSEMARK_STATS: '1'})
    // Just written: too recent to be trusted by a stamp.
    expect(stamps()).toBe(0)
    await sleep(3_100)
    expect((await cli(args, folder, {COURSEMARK_STATS: '1'})).stderr).toBe('coursemark: linted 0 of 3 files (3 from cache)\n')
    expect(stamps()).toBe(3)
    const third = await cli(args, folder, {COURSEMARK_STATS: '1'})
    expect(third.stderr).toBe('coursemark: linted 0 of 3 files (3 from cache)\n')
    expect(third.stdout).toBe(first.stdout)

    const before = statSync(path)
    const text = readFileSync(path, 'utf8')
    const edited = text.replace(/^title: (.)/m, (_, first: string) => 'title: ' + (first === 'X' ? 'Y' : 'X'))
    expect(edited).not.toBe(text)
    expect(edited.length).toBe(text.length)
    writeFileSync(path, edited)
    utimesSync(path, old, old)
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs)
    expect((await cli(args, folder, {COURSEMARK_STATS: '1'})).stderr).toMatch(/^coursemark: linted [12] of 3 files/)
  })
})

describe('--cache failures', () => {
  it('warns when the cache cannot be written and still reports', async () => {
    const folder = scratch('cross-file')
    const result = await cli(['--cache', '--cache-location', 'lessons/intro.md/cache.json', '-f', 'json'], folder, stats)
    expect(result.stderr).toBe(
      [
        'coursemark: warning: cannot read cache `lessons/intro.md/cache.json` (ENOTDIR: a part of the path is not a directory), linting every file',
        'coursemark: warning: cannot write cache `lessons/intro.md/cache.json` (ENOTDIR: a part of the path is not a directory)',
        'coursemark: linted 3 of 3 files (0 from cache)',
        ''
      ].join('\n')
    )
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toHaveLength(3)
  })
})

describe('worker pool', () => {
  it('gives the same report in workers as in the main thread', async () => {
    const folder = scratch()
    for (let index = 0; index < 60; index++) {
      const name = `lesson-${String(index).padStart(2, '0')}.md`
      writeFileSync(
        join(folder, name),
        `---\ntitle: Lesson ${index}\ntime: ${index % 7 === 0 ? 'soon' : 20}\n---\n\n${index % 5 === 0 ? '##Start' : '## Start'}\n\nText of lesson ${index}.\n`
      )
    }

    const inline = await cli(['--workers', '0', '-f', 'json'], folder, stats)
    // Forced: 60 small files are under the size at which the pool starts by itself.
    const pooled = await cli(['--workers', '2', '-f', 'json'], folder, stats)
    expect(inline.stderr).toBe('coursemark: linted 60 of 60 files (0 from cache)\n')
    expect(pooled.stderr).toBe('coursemark: linted 60 of 60 files (0 from cache)\n')
    expect(pooled.stdout).toBe(inline.stdout)
    expect(pooled.code).toBe(1)
    const report = JSON.parse(pooled.stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>
    expect(report.filter((file) => file.messages.some((message) => message.ruleId === 'no-missing-heading-space')).length).toBe(12)

    const cached = await cli(['--cache', '-f', 'json'], folder, stats)
    expect(cached.stdout).toBe(inline.stdout)
    expect((await cli(['--cache', '-f', 'json'], folder, stats)).stderr).toBe('coursemark: linted 0 of 60 files (60 from cache)\n')
  })
})
