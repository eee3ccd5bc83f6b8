import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli, project, scratch} from './helpers.js'

const cwd = project('formats')
const pluginDocs = 'https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md#'
const timeReason = 'Unexpected `time` value `about an hour`, expected minutes (`90`) or a duration (`1.5 hours`)'
const spaceReason = 'Unexpected heading `##Exporting` without a space after `##`, expected `## Exporting`'
const rankReason = 'Unexpected heading rank `4`, expected rank `3`'

const stylish = [
  `findings.md:5:7   error    ${timeReason}  frontmatter-schema`,
  `findings.md:19:1  error    ${spaceReason}  no-missing-heading-space`,
  `findings.md:23:1  warning  ${rankReason}  heading-increment`,
  '',
  '✖ 3 problems (2 errors, 1 warning)',
  ''
].join('\n')

const jsonReport = [
  {path: 'clean.md', messages: []},
  {
    path: 'findings.md',
    messages: [
      {ruleId: 'frontmatter-schema', severity: 'error', message: timeReason, line: 5, column: 7, endLine: 5, endColumn: 20, url: pluginDocs + 'frontmatter-schema'},
      {ruleId: 'no-missing-heading-space', severity: 'error', message: spaceReason, line: 19, column: 1, endLine: 19, endColumn: 22, url: pluginDocs + 'no-missing-heading-space'},
      {ruleId: 'heading-increment', severity: 'warning', message: rankReason, line: 23, column: 1, endLine: 23, endColumn: 30, url: pluginDocs + 'heading-increment'}
    ]
  }
]

describe('report formats', () => {
  it('prints the stylish report by default and exits 1 on errors', async () => {
    expect(await cli([], cwd)).toEqual({code: 1, stdout: stylish, stderr: ''})
  })

  it('treats `lint` and no command alike', async () => {
    expect(await cli(['lint', '.'], cwd)).toEqual({code: 1, stdout: stylish, stderr: ''})
  })

  it('prints only files with messages with `--quiet`', async () => {
    const result = await cli(['--quiet'], cwd)
    expect(result.stdout).toBe(stylish)
    expect(await cli(['--quiet', 'clean.md'], cwd)).toEqual({code: 0, stdout: '', stderr: ''})
    expect(result.code).toBe(1)
  })

  it('prints the documented JSON shape with `--format json`', async () => {
    const result = await cli(['--format', 'json'], cwd)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(JSON.stringify(jsonReport, null, 2) + '\n')
  })

  it('prints GitHub workflow commands with `--format github`', async () => {
    expect(await cli(['-f', 'github'], cwd)).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::error file=findings.md,line=5,col=7,endLine=5,endColumn=20,title=coursemark%3Afrontmatter-schema::${timeReason}`,
        `::error file=findings.md,line=19,col=1,endLine=19,endColumn=22,title=coursemark%3Ano-missing-heading-space::${spaceReason}`,
        `::warning file=findings.md,line=23,col=1,endLine=23,endColumn=30,title=coursemark%3Aheading-increment::${rankReason}`,
        ''
      ].join('\n')
    })
  })

  it('prints JUnit XML with `--format junit`: errors fail their test case, warnings pass with the message in `<system-out>`', async () => {
    const result = await cli(['-f', 'junit'], cwd)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    const escape = (value: string) => value
    expect(result.stdout).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="coursemark" tests="4" failures="2" errors="0">',
        '  <testsuite name="clean.md" tests="1" failures="0" errors="0">',
        '    <testcase name="coursemark" classname="clean.md"/>',
        '  </testsuite>',
        '  <testsuite name="findings.md" tests="3" failures="2" errors="0">',
        '    <testcase name="coursemark:frontmatter-schema 5:7" classname="findings.md">',
        `      <failure type="error" message="${escape(timeReason)}">findings.md:5:7 ${escape(timeReason)}</failure>`,
        '    </testcase>',
        '    <testcase name="coursemark:no-missing-heading-space 19:1" classname="findings.md">',
        `      <failure type="error" message="${spaceReason}">findings.md:19:1 ${spaceReason}</failure>`,
        '    </testcase>',
        '    <testcase name="coursemark:heading-increment 23:1" classname="findings.md">',
        `      <system-out>findings.md:23:1 warning ${rankReason}</system-out>`,
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        ''
      ].join('\n')
    )
  })

  it('prints SARIF 2.1.0 with `--format sarif`', async () => {
    const result = await cli(['-f', 'sarif'], cwd)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    const log = JSON.parse(result.stdout) as {
      version: string
      runs: Array<{tool: {driver: {name: string; version: string; rules: Array<{id: string; helpUri?: string}>}}; results: unknown[]}>
    }
    expect(log.version).toBe('2.1.0')
    const [sarifRun] = log.runs
    expect(sarifRun?.tool.driver.name).toBe('coursemark')
    expect(sarifRun?.tool.driver.rules.map((rule) => rule.id)).toEqual(['frontmatter-schema', 'no-missing-heading-space', 'heading-increment'])
    const location = (line: number, column: number, endLine: number, endColumn: number) => [
      {physicalLocation: {artifactLocation: {uri: 'findings.md', index: 0}, region: {startLine: line, startColumn: column, endLine, endColumn}}}
    ]
    expect(sarifRun?.results).toEqual([
      {level: 'error', message: {text: timeReason}, ruleId: 'frontmatter-schema', ruleIndex: 0, locations: location(5, 7, 5, 20)},
      {level: 'error', message: {text: spaceReason}, ruleId: 'no-missing-heading-space', ruleIndex: 1, locations: location(19, 1, 19, 22)},
      {level: 'warning', message: {text: rankReason}, ruleId: 'heading-increment', ruleIndex: 2, locations: location(23, 1, 23, 30)}
    ])
  })

  it('writes the report to `--output` and prints nothing', async () => {
    const folder = scratch('formats')
    const result = await cli(['-f', 'json', '--output', 'report/../report.json'], folder)
    expect(result).toEqual({code: 1, stdout: '', stderr: ''})
    expect(readFileSync(join(folder, 'report.json'), 'utf8')).toBe(JSON.stringify(jsonReport, null, 2) + '\n')
  })

  it('exits 0 with warnings only, and 1 when they exceed `--max-warnings`', async () => {
    const clean = await cli(['clean.md', 'findings.md', '--config', 'warnings-only.json', '-f', 'json'], cwd)
    expect(clean.code).toBe(0)
    const over = await cli(['findings.md', '--config', 'warnings-only.json', '--max-warnings', '0'], cwd)
    expect(over.code).toBe(1)
    expect(over.stderr).toBe('coursemark: 3 warnings, more than `--max-warnings 0`\n')
    expect((await cli(['findings.md', '--config', 'warnings-only.json', '--max-warnings', '3'], cwd)).code, 'three are allowed').toBe(0)
  })

  it('exits 0 on a clean file', async () => {
    expect(await cli(['clean.md'], cwd)).toEqual({code: 0, stdout: '✔ no problems in 1 file\n', stderr: ''})
  })

  it('rejects an unknown format with exit code 2 and one line', async () => {
    expect(await cli(['-f', 'xml'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--format xml`, expected `stylish`, `json`, `sarif`, `github`, `junit`, `markdown`, `html`\n'
    })
  })
})
