/**
 * The plugin works where remark runs: the real remark-cli, configured with a
 * `.remarkrc.json` of `{"plugins": ["remark-frontmatter",
 * "@coursemark/remark-plugin"]}`, reports the same findings (place, severity,
 * rule, reason) as the recommended preset run in process and as
 * `coursemark lint`.
 */
import {execFile} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import plugin from '../src/index.js'

const repository = fileURLToPath(new URL('../../../', import.meta.url))
const folder = repository + 'fixtures/projects/remark-cli/'
/** A project with a `.coursemarkrc.yaml`, files sharing a `uuid` and a title, and an inline disable. */
const project = repository + 'fixtures/projects/remark-set/'
const remark = repository + 'node_modules/.bin/remark'
const coursemark = repository + 'packages/cli/dist/bin.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

/**
 * Run remark-cli (or coursemark), once: a run that reports nothing fails. (An
 * `error` finding made while a transform awaited once let unified-engine
 * flush without that file, and remark-cli exited 0 with no output;
 * `pending-transform.test.ts` holds what prevents it.)
 */
function run(args: string[], command = remark, cwd = folder): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command === remark ? remark : process.execPath,
      command === remark ? args : [command, ...args],
      {cwd, env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}},
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 2 : 0
        resolve({code, stdout, stderr})
      }
    )
  })
}

/** Findings of vfile-reporter's output: `file line:col-line:col severity rule-id reason`. */
function readReport(report: string): string[] {
  const findings: string[] = []
  let file = ''
  for (const line of report.split('\n')) {
    const heading = /^(\S+\.md)(?::|$)/.exec(line)
    if (heading) {
      file = heading[1] ?? ''
      continue
    }

    const finding =
      /^\s*(\d+:\d+-\d+:\d+)\s+(error|warning|info)\s+(.*?)\s+([a-z-]+)\s+(coursemark|remark-lint)\s*$/.exec(
        line
      )
    if (finding) {
      findings.push(`${file} ${finding[1]} ${finding[2]} ${finding[4]} ${finding[3]}`)
    }
  }

  return findings
}

async function inProcess(): Promise<string[]> {
  const findings: string[] = []
  const names = readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
  for (const name of names) {
    const file = new VFile({path: name, value: readFileSync(folder + name, 'utf8')})
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(plugin)
    await processor.run(processor.parse(file), file)
    for (const message of file.messages) {
      const place = message.place && 'start' in message.place ? message.place : undefined
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
      findings.push(
        `${name} ${place?.start.line}:${place?.start.column}-${place?.end.line}:${place?.end.column} ${severity} ${message.ruleId} ${message.reason}`
      )
    }
  }

  return findings
}

function sorted(findings: string[]): string[] {
  const key = (finding: string) => {
    const [file = '', place = ''] = finding.split(' ')
    const [line = 0, column = 0] = place.split(/[:-]/).map(Number)
    return {file, line, column}
  }

  return [...findings].sort((a, b) => {
    const left = key(a)
    const right = key(b)
    return left.file.localeCompare(right.file) || left.line - right.line || left.column - right.column
  })
}

// Each test starts Node processes; give them room on a busy 2-core machine.
describe('remark-cli', {timeout: 90_000}, () => {
  it('reports the same findings as the recommended preset, and exits 1 on errors', async () => {
    const result = await run(['--no-color', '--no-stdout', '.'])
    const expected = await inProcess()
    expect(result.stderr).toContain('clean.md: no issues found')
    // The reporter sorts by place; the pipeline reports in rule order.
    expect(sorted(readReport(result.stderr))).toEqual(sorted(expected))
    expect(sorted(expected)).toEqual([
      'lesson.md 6:12-6:13 error time-hours-consistent Unexpected `timeHours` value `2`, expected `0.5` to agree with `time` (`30`)',
      'lesson.md 7:1-7:6 warning frontmatter-schema Unexpected unknown frontmatter key `level`, expected `title`, `author`, `team`, `time`, `uuid`, `timeHours`, `type`, `prerequisites`, `tags`, `updated`, or `reviewed`',
      'lesson.md 10:1-10:11 error no-missing-heading-space Unexpected heading `##Overview` without a space after `##`, expected `## Overview`',
      'lesson.md 14:4-14:18 warning no-heading-emphasis Unexpected `**` around the whole heading, expected plain heading text',
      'lesson.md 16:3-16:13 warning objective-measurable-verb Unexpected objective verb `understand`, expected a measurable verb such as `explain`, `describe` or `summarise`'
    ])
    expect(result.code).toBe(1)
  })

  it('reports what `coursemark lint` reports', async () => {
    const fromRemark = await run(['--no-color', '--no-stdout', '.'])
    const fromCoursemark = await run(['lint', '--format', 'json', '--workers', '0', '.'], coursemark)
    const report = JSON.parse(fromCoursemark.stdout) as Array<{
      path: string
      messages: Array<{
        ruleId: string
        severity: string
        message: string
        line: number
        column: number
        endLine: number
        endColumn: number
      }>
    }>
    const findings = report.flatMap((file) =>
      file.messages.map(
        (message) =>
          `${file.path.replace(/^.*\//, '')} ${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.severity} ${message.ruleId} ${message.message}`
      )
    )
    expect(findings.length).toBeGreaterThan(0)
    expect(sorted(findings), `remark exited ${fromRemark.code}: ${fromRemark.stderr}`).toEqual(sorted(readReport(fromRemark.stderr)))
    expect(fromCoursemark.code).toBe(fromRemark.code)
  })

  it('honours inline `<!--lint disable-->` comments like any remark-lint rule', async () => {
    const result = await run(['--no-color', '--no-stdout', 'disabled.md'])
    expect(result.code).toBe(0)
    expect(result.stderr.trim()).toBe('disabled.md: no issues found')
  })
})

/** Findings of `coursemark lint --format json`, as `readReport` gives remark's. */
function readJson(stdout: string): string[] {
  const report = JSON.parse(stdout) as Array<{
    path: string
    messages: Array<{ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number}>
  }>
  return report.flatMap((file) =>
    file.messages.map(
      (message) =>
        `${file.path} ${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.severity} ${message.ruleId} ${message.message}`
    )
  )
}

describe('remark-cli on a project with a `.coursemarkrc.yaml`', {timeout: 90_000}, () => {
  const uuid = 'Unexpected duplicate `uuid` `3f2a9c4e-1b7d-4c2e-9a55-0d6e7f8a9b10`, expected each checkpoint to have its own'
  const title = 'Unexpected duplicate `title` `Loops`, expected each checkpoint to have its own'
  const expected = [
    'unit-1/lists.md 16:3-16:29 warning objectives-count Unexpected 2 learning objectives, expected at most 1',
    `unit-1/loops.md 2:8-2:13 warning duplicate-title ${title} (also in \`unit-2/loops.md:2:8\`)`,
    `unit-1/loops.md 6:7-6:43 error duplicate-uuid ${uuid} (also in \`unit-2/copy.md:6:7\`, \`unit-2/loops.md:6:7\`)`,
    `unit-2/loops.md 2:8-2:13 warning duplicate-title ${title} (also in \`unit-1/loops.md:2:8\`)`,
    `unit-2/loops.md 6:7-6:43 error duplicate-uuid ${uuid} (also in \`unit-1/loops.md:6:7\`, \`unit-2/copy.md:6:7\`)`
  ]

  it('runs the config\'s rules and options, and the rules that compare files once over the file set', async () => {
    const result = await run(['--no-color', '--no-stdout', '.'], remark, project)
    // `objectives-count` with `max: 1` and `duplicate-title` with `scope: project` come from the config;
    // `unit-2/copy.md` shares the `uuid` but turns `duplicate-uuid` off inline: it is named, not reported.
    expect(sorted(readReport(result.stderr))).toEqual(expected)
    expect(result.stderr).toContain('unit-2/copy.md: no issues found')
    expect(result.code).toBe(1)
  })

  it('reports exactly what `coursemark lint` reports, the rules that compare files included', async () => {
    const [fromRemark, fromCoursemark] = await Promise.all([
      run(['--no-color', '--no-stdout', '.'], remark, project),
      run(['lint', '--format', 'json', '--workers', '0', '.'], coursemark, project)
    ])
    expect(sorted(readJson(fromCoursemark.stdout))).toEqual(expected)
    expect(sorted(readJson(fromCoursemark.stdout))).toEqual(sorted(readReport(fromRemark.stderr)))
    expect(fromCoursemark.code).toBe(fromRemark.code)
  })
})


describe('remark-cli on a plain site (a README page, an issue template, lessons)', {timeout: 90_000}, () => {
  const site = repository + 'fixtures/sites/plain/'
  const expected = [
    'lessons/01-soil.md 17:72-17:97 error no-missing-local-target Unexpected anchor `#no-such-part` in `02-sowing.md` that matches no heading, expected the slug of a heading of `02-sowing.md`',
    'lessons/01-soil.md 19:38-19:51 error no-missing-local-target Unexpected missing file `03-harvest.md`, expected a path to an existing file'
  ]

  it('reports exactly what `coursemark lint` reports: nothing on the page and the template, the planted defects of the lessons', async () => {
    const [fromRemark, fromCoursemark] = await Promise.all([
      run(['--no-color', '--no-stdout', '.'], remark, site),
      run(['lint', '--format', 'json', '--workers', '0', '.'], coursemark, site)
    ])
    expect(sorted(readJson(fromCoursemark.stdout))).toEqual(expected)
    expect(sorted(readReport(fromRemark.stderr)), fromRemark.stderr).toEqual(expected)
    expect(fromCoursemark.code).toBe(fromRemark.code)
  })
})
