/**
 * The link reports of `coursemark links` on the `link-report` scenario,
 * against a loopback server that plays the lessons' links and the Wayback
 * availability API. Runs `main()` in-process, with a clock, three times a
 * week apart: `quoting-guide` works in the first run and is gone after.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {markdown, markdownLimit} from '../src/reporters/markdown.js'
import {project} from './helpers.js'
import {placeholder, scenarioServer, t0, week, type ScenarioServer} from './link-scenario.js'

let server: ScenarioServer
let lookups: string[] = []

beforeAll(async () => {
  server = await scenarioServer()
  lookups = server.lookups
})

afterAll(async () => {
  await server.close()
})

function scenario(): string {
  return server.scenario()
}

function run(argv: string[], cwd: string, now: number, env: NodeJS.ProcessEnv = {}) {
  return server.run(argv, cwd, now, env)
}

describe('link reports', () => {
  it('writes the markdown report of the scenario, with history and archived copies', async () => {
    const folder = scenario()
    server.play.run = 1
    lookups.length = 0
    expect((await run(['links', '-f', 'markdown'], folder, t0)).code).toBe(1)
    server.play.run = 2
    await run(['links', '-f', 'markdown'], folder, t0 + week)
    server.play.run = 3
    const third = await run(['links', '-f', 'markdown', 'lessons'], folder, t0 + 2 * week)
    expect(third.stderr).toBe('')
    expect(third.code).toBe(1)
    expect(third.stdout).toBe(readFileSync(join(project('link-report'), 'expected.md'), 'utf8'))
    // Each dead URL is looked up once (lookups are kept 30 days): the guide
    // for the day it last worked, the others for the day they were found dead.
    expect(lookups).toEqual([
      `${placeholder}/loops-chapter 20261102`,
      `${placeholder}/special-variables 20261102`,
      `${placeholder}/quoting-guide 20261102`
    ])
  })

  it('links places to the commit in GitHub Actions', async () => {
    const folder = scenario()
    server.play.run = 3
    const result = await run(['links', '-f', 'markdown'], folder, t0, {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'school/course',
      GITHUB_SHA: 'abc123'
    })
    expect(result.stdout).toContain('[lessons/loops.md:17:1](https://github.com/school/course/blob/abc123/lessons/loops.md#L17)')
  })

  it('`--fix --fix-archived` replaces dead links by their archived copy after 3 failed checks over 7 days, atomically', async () => {
    const folder = scenario()
    server.play.run = 3
    const before = readFileSync(join(folder, 'lessons/loops.md'), 'utf8')
    const day = week / 7
    // Two checks, then a third too early: the copy is only suggested.
    for (const [index, now] of [t0, t0 + 3 * day, t0 + 6 * day].entries()) {
      const early = await run(['links', '--fix', '--fix-archived', '-f', 'json'], folder, now)
      expect(readFileSync(join(folder, 'lessons/loops.md'), 'utf8')).toBe(before)
      const days = [0, 3, 6][index]
      expect(early.stdout).toContain(
        `archived copy: \`https://web.archive.org/web/20190302101500/${placeholder}/loops-chapter\` from 2019-03-02 will replace it with \`--fix-archived\` after 3 failed checks over 7 days (${index + 1} so far, over ${days} day${days === 1 ? '' : 's'})`
      )
    }

    const result = await run(['links', '--fix', '--fix-archived', '-f', 'json'], folder, t0 + 7 * day)
    const loops = readFileSync(join(folder, 'lessons/loops.md'), 'utf8')
    expect(loops).toContain(`[loop chapter](https://web.archive.org/web/20190302101500/${server.origin}/loops-chapter)`)
    expect(loops).toContain(`[quoting guide](https://web.archive.org/web/20190302101500/${server.origin}/quoting-guide)`)
    // No copy: left as it is, and still reported.
    expect(readFileSync(join(folder, 'lessons/variables.md'), 'utf8')).toContain(`(${server.origin}/special-variables)`)
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string; message: string}>}>
    expect(report.flatMap((file) => file.messages.filter((message) => message.ruleId === 'link-dead').map((message) => `${file.path}: ${message.message}`))).toEqual([
      `lessons/variables.md: Unexpected dead link \`${placeholder}/special-variables\` (\`410 Gone\`, dead since 2026-11-02 (4 checks)), expected a reachable URL`
    ])
    expect(result.code).toBe(1)
  })

  it('leaves dead links alone with `--fix` only, and refuses `--fix-archived` without `--fix`', async () => {
    const folder = scenario()
    server.play.run = 3
    const before = readFileSync(join(folder, 'lessons/loops.md'), 'utf8')
    await run(['links', '--fix', '--archive', '-f', 'json'], folder, t0)
    expect(readFileSync(join(folder, 'lessons/loops.md'), 'utf8')).toBe(before)
    expect(await run(['links', '--fix-archived'], folder, t0)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--fix-archived` without `--fix`, expected `--fix --fix-archived` or `--fix-dry-run --fix-archived`\n'
    })
  })

  it('lists the link report flags in `links --help`', async () => {
    const help = await run(['links', '--help'], scenario(), t0)
    for (const flag of ['--archive', '--fix-archived', '--html <file>', 'markdown, html']) expect(help.stdout).toContain(flag)
  })

  it('refuses a link report without a link check', async () => {
    const folder = scenario()
    expect(await run(['lint', '-f', 'markdown'], folder, t0)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--format markdown` without a link check, expected `coursemark links` or `lint --links`\n'
    })
  })

  it('shows the archived copy in every format', async () => {
    const folder = scenario()
    server.play.run = 3
    const github = await run(['links', '-f', 'github'], folder, t0)
    expect(github.stdout).toContain(
      `Unexpected dead link \`${placeholder}/loops-chapter\` (\`404 Not Found\`), expected a reachable URL; archived copy: \`https://web.archive.org/web/20190302101500/${placeholder}/loops-chapter\` from 2019-03-02`
    )
    const html = await run(['links', '-f', 'html'], folder, t0)
    expect(html.stdout).toContain(
      `archived copy: <a href="https://web.archive.org/web/20190302101500/${placeholder}/loops-chapter" rel="noreferrer">`
    )
  })
})

describe('the markdown report', () => {
  it('stays under GitHub\'s limit by leaving out entries, with a note', () => {
    const results = Array.from({length: 3000}, (_, index) => ({
      url: `https://example.com/a/long/path/to/page-${String(index).padStart(4, '0')}`,
      class: index % 3 === 0 ? ('unverifiable' as const) : ('dead' as const),
      reason: '`404 Not Found`',
      attempts: 1,
      requests: 2,
      checkedAt: '2026-11-28T06:00:00.000Z',
      fromCache: false,
      history: {firstFailedAt: '2026-11-02T06:00:00.000Z', failedChecks: 3},
      occurrences: [{url: 'x', file: `lessons/lesson-${index}.md`, position: {start: {line: 3, column: 5, offset: 40}, end: {line: 3, column: 50, offset: 85}}}]
    }))
    const text = markdown({results, checkedAt: Date.UTC(2026, 10, 28), sourceBase: ''})
    expect(text.length).toBeLessThanOrEqual(markdownLimit)
    expect(text.length).toBeGreaterThan(markdownLimit - 1000)
    const shown = (text.match(/^- `https:/gm) ?? []).length
    expect(text.endsWith(`> [!NOTE]\n> ${3000 - shown} more URLs are not shown, to stay under GitHub's limit of 65,536 characters; the HTML report lists them all.\n`)).toBe(true)
    // Dead links come first: every one shown before any unverifiable.
    expect(text).not.toContain('unverifiable URL')
  })
})
