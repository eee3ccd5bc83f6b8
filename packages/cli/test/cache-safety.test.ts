/**
 * A cache path never destroys a file, a malformed cache never aborts the
 * process, and a lesson that is a symbolic link is never replaced by a file.
 */
import {cpSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {LintCache} from '../dist/lint/lint-cache.js'
import {cli, project, run, scratch} from './helpers.js'

const victim = 'Not a cache: a file someone cares about.\n'

describe('a cache path that is not a cache', () => {
  it('stops `lint --cache` with exit code 2 and leaves a file that is not a cache unchanged', async () => {
    const base = scratch()
    const folder = join(base, 'project')
    cpSync(project('fix'), folder, {recursive: true})
    writeFileSync(join(folder, 'README.md'), victim)
    mkdirSync(join(folder, '.git'))
    writeFileSync(join(folder, '.git/config'), '[core]\n\tbare = false\n')
    writeFileSync(join(base, 'victim.txt'), victim)
    for (const [location, shown] of [['README.md', 'README.md'], ['.git/config', '.git/config'], ['../victim.txt', join(base, 'victim.txt')]]) {
      const result = await cli(['--cache', '--cache-location', location], folder)
      expect(result, location).toEqual({
        code: 2,
        stdout: '',
        stderr: `coursemark: cannot use \`${shown}\` as the cache: Unexpected file that is not a coursemark cache, expected a file written by \`coursemark lint --cache\` or no file\n`
      })
    }

    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toBe(victim)
    expect(readFileSync(join(folder, '.git/config'), 'utf8')).toBe('[core]\n\tbare = false\n')
    expect(readFileSync(join(base, 'victim.txt'), 'utf8')).toBe(victim)
  })

  it('stops `links` with exit code 2 when `--links-cache` or `links.cache` is a file that is not a link cache', async () => {
    const folder = scratch('fix')
    writeFileSync(join(folder, 'README.md'), victim)
    const byFlag = await cli(['links', '--links-cache', 'README.md'], folder)
    expect(byFlag.code).toBe(2)
    expect(byFlag.stderr).toBe(
      "coursemark: cannot use `README.md` as the link cache: Unexpected file that is not a coursemark link cache, expected `format: 'coursemark-link-cache'` or no file; it is left unchanged\n"
    )
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'links:\n  cache: README.md\n')
    const byConfig = await cli(['links'], folder)
    expect(byConfig.code).toBe(2)
    expect(byConfig.stderr).toMatch(/^coursemark: cannot use `README.md` as the link cache: Unexpected file that is not a coursemark link cache/)
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toBe(victim)
  })

  it('rejects a `links.cache` of the config outside the project, also through a symbolic link; the flag may point anywhere', async () => {
    const folder = scratch('fix')
    const outside = scratch()
    symlinkSync(outside, join(folder, 'elsewhere'))
    for (const [cache, column] of [['../victim.json', 10], [join(outside, 'links.json'), 10], ['elsewhere/links.json', 10]] as const) {
      writeFileSync(join(folder, '.coursemarkrc.yaml'), `links:\n  cache: ${cache}\n`)
      const result = await cli(['links'], folder)
      expect(result.code, cache).toBe(2)
      expect(result.stderr, cache).toContain(`.coursemarkrc.yaml:2:${column}`)
      expect(result.stderr, cache).toContain(`Unexpected \`links.cache\` \`${cache}\` outside the project`)
    }

    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'links:\n  cache: .cache/links.json\n')
    expect((await cli(['links'], folder)).code).toBe(0)
    expect((await cli(['links', '--links-cache', join(outside, 'links.json')], folder)).code).toBe(0)
  })
})

describe('a malformed lint cache', () => {
  it('discards a header whose `results` is past the file (no abort of the process)', () => {
    const folder = scratch('fix')
    writeFileSync(join(folder, 'cache.json'), JSON.stringify({version: 6, tool: 'x', id: 'y', results: 2147483648}) + '\n{}')
    const result = run(['--cache', '--cache-location', 'cache.json'], folder)
    expect(result.stderr).toBe('coursemark: warning: discarding corrupt cache `cache.json`\n')
    expect(result.code).toBe(1)
  })

  it('never throws out of the reader for any number in any numeric slot', async () => {
    const folder = scratch()
    const path = join(folder, 'cache.json')
    const numbers = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2147483648, -1, -0, 1e308, 2 ** 53, Number.MAX_SAFE_INTEGER + 2), fc.nat())
    const place = (n: number[]) => n.slice(0, 6)
    // Every numeric slot: the header's `results`, an entry's settings index and stamp, a message's indexes,
    // severity and place, a fix's offsets, and the positions of located values.
    await fc.assert(
      fc.asyncProperty(fc.array(numbers, {minLength: 24, maxLength: 24}), fc.boolean(), async (n, withLinks) => {
        const message = [n[0], n[1], 'reason', n[2], ...place(n.slice(3)), n[9], null, null, [n[10], n[11], 'x']]
        const entry = ['h', n[12], 't', n[13], n[14], n[15], n[16], null, message, [], ['T', ...place(n.slice(17))], [], 0]
        const results = JSON.stringify({strings: ['s', 'r'], entries: {'a.md': entry}})
        const links = JSON.stringify({id: 'x', links: {'a.md': ['https://example.com', ...place(n.slice(18)), ...place(n.slice(17))]}})
        writeFileSync(path, JSON.stringify({version: 6, tool: 'test', id: 'x', results: n[23]}) + '\n' + results + links)
        const warnings: string[] = []
        const cache = await LintCache.load(path, 'test', (warning) => warnings.push(warning), path, {links: withLinks})
        const result = cache.get('a.md', 'h', 's', () => 't')
        if (result) {
          expect(result.messages[0]?.place?.start.line).toBeGreaterThanOrEqual(1)
          void result.facts.title
          if (withLinks) void result.facts.external
        }
      }),
      {numRuns: 300}
    )
  })
})

describe('--fix on a lesson that is a symbolic link', () => {
  it('fixes the target inside the project and keeps the link; refuses a target outside it', async () => {
    const folder = scratch('fix')
    const original = readFileSync(join(folder, 'lesson.md'), 'utf8')
    mkdirSync(join(folder, 'shared'))
    writeFileSync(join(folder, 'shared/real.md'), original)
    symlinkSync('shared/real.md', join(folder, 'lesson-link.md'))
    const outside = scratch()
    writeFileSync(join(outside, 'theirs.md'), original)
    const result = await cli(['--fix', 'lesson-link.md'], folder)
    expect(result).toEqual({code: 0, stdout: '✔ no problems in 1 file\n', stderr: 'coursemark: fixed 2 problems in 1 file (no-heading-emphasis 1, no-missing-heading-space 1)\n'})
    expect(lstatSync(join(folder, 'lesson-link.md')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(join(folder, 'lesson-link.md'))).toBe('shared/real.md')
    expect(readFileSync(join(folder, 'shared/real.md'), 'utf8')).not.toBe(original)

    symlinkSync(join(outside, 'theirs.md'), join(folder, 'out.md'))
    const refused = await cli(['--fix', 'out.md'], folder)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`cannot write \`out.md\`: Unexpected symbolic link \`${join(folder, 'out.md')}\` to \`${join(outside, 'theirs.md')}\` outside the project, expected a link to a file inside it; it is left unchanged`)
    expect(lstatSync(join(folder, 'out.md')).isSymbolicLink()).toBe(true)
    expect(readFileSync(join(outside, 'theirs.md'), 'utf8')).toBe(original)
  })
})
