import {spawn} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseCheckpoint} from '@coursemark/core'
import {registry} from '@coursemark/remark-plugin'
import {describe, expect, it} from 'vitest'
import {bin, cleanEnv, cli, project, run, scratch} from './helpers.js'

const cwd = project('formats')

describe('coursemark parse', () => {
  it('prints the Checkpoint of one file as JSON', async () => {
    const value = readFileSync(join(cwd, 'clean.md'))
    const {checkpoint} = parseCheckpoint(value, {path: 'clean.md'})
    expect(await cli(['parse', 'clean.md'], cwd)).toEqual({code: 0, stderr: '', stdout: JSON.stringify(checkpoint, null, 2) + '\n'})
  })

  it('prints the diagnostics of one file on stderr and exits 1 on errors', async () => {
    const result = await cli(['parse', 'findings.md'], cwd)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'findings.md:5:7-5:20: error Unexpected `time` value `about an hour`, expected minutes (`90`) or a duration (`1.5 hours`) (frontmatter-schema)\n'
    )
    expect((JSON.parse(result.stdout) as {title: string}).title).toBe('Variables in the shell')
  })

  it('prints an array of {path, checkpoint, messages} for several files', async () => {
    const result = await cli(['parse', 'clean.md', 'findings.md'], cwd)
    expect(result.code).toBe(1)
    const items = JSON.parse(result.stdout) as Array<{path: string; checkpoint: {title: string}; messages: Array<{ruleId: string; line: number}>}>
    expect(items.map((item) => [item.path, item.checkpoint.title, item.messages.map((message) => `${message.ruleId} ${message.line}`)])).toEqual([
      ['clean.md', 'Introduction to the shell', []],
      ['findings.md', 'Variables in the shell', ['frontmatter-schema 5']]
    ])
  })

  it('prints one line per file with `--format ndjson`', async () => {
    const lines = (await cli(['parse', '--format', 'ndjson', 'clean.md', 'findings.md'], cwd)).stdout.split('\n')
    expect(lines.length).toBe(3)
    expect(lines[2]).toBe('')
    expect((JSON.parse(lines[1] ?? '') as {path: string}).path).toBe('findings.md')
  })

  it('gives one line and exit code 2 for a file that cannot be read, and still prints the others', async () => {
    const result = await cli(['parse', 'missing.md', 'clean.md', '.'], cwd)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'coursemark: cannot read `missing.md`: ENOENT: no such file or directory\ncoursemark: cannot read `.`: EISDIR: is a directory\n'
    )
    expect((JSON.parse(result.stdout) as Array<{path: string}>).map((item) => item.path)).toEqual(['clean.md'])
  })
})

describe('coursemark rules', () => {
  it('lists every rule with its presets, severities and whether it is fixable', async () => {
    const result = await cli(['rules'], cwd)
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^rule +recommended +strict +fixable +description$/)
    for (const meta of registry) {
      const line = lines.find((item) => item.startsWith(meta.id + ' '))
      expect(line, meta.id).toBeDefined()
      const cells = (line ?? '').split(/ {2,}/)
      expect(cells.slice(0, 3)).toEqual([meta.id, meta.presets.recommended ?? 'off', meta.presets.strict ?? 'off'])
    }

    expect(lines.filter((line) => /^duplicate-uuid|^duplicate-title/.test(line)).map((line) => line.split(/ {2,}/).slice(0, 3))).toEqual([
      ['duplicate-uuid', 'error', 'error'],
      ['duplicate-title', 'off', 'error']
    ])
  })

  it('prints the rules as JSON with `--format json`', async () => {
    const rows = JSON.parse((await cli(['rules', '--format', 'json'], cwd)).stdout) as Array<{id: string; fixable: boolean}>
    expect(rows.map((row) => row.id)).toEqual(registry.map((meta) => meta.id))
    expect(rows.find((row) => row.id === 'no-missing-heading-space')?.fixable).toBe(true)
  })
})

describe('coursemark init', () => {
  it('writes a commented starter config and a workflow, then keeps them', async () => {
    const folder = scratch()
    expect(await cli(['init'], folder)).toEqual({code: 0, stderr: '', stdout: 'wrote .coursemarkrc.yaml\nwrote .github/workflows/coursemark.yml\n'})
    expect(readFileSync(join(folder, '.coursemarkrc.yaml'), 'utf8')).toMatch(/^# coursemark config/)
    expect(existsSync(join(folder, '.github/workflows/coursemark.yml'))).toBe(true)
    expect(await cli(['init'], folder)).toEqual({
      code: 0,
      stderr: '',
      stdout: 'kept .coursemarkrc.yaml (a config exists)\nkept .github/workflows/coursemark.yml (it exists)\n'
    })
    writeFileSync(join(folder, 'a.md'), '---\ntitle: A\n---\n\n# A\n\nText.\n')
    expect((await cli(['-f', 'json'], folder)).code, 'the starter config is valid').not.toBe(2)
  })
})

describe('arguments and failures', () => {
  it('prints the version and the help (the real binary)', () => {
    expect(run(['--version'], cwd)).toEqual({code: 0, stderr: '', stdout: '0.1.0\n'})
    const help = run(['--help'], cwd)
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: coursemark \[command\] \[options\] \[paths\.\.\.\]\n/)
  })

  it('rejects an unknown flag with exit code 2 and one line', async () => {
    expect(await cli(['lint', '--frobnicate'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected option `--frobnicate`, expected an option listed by `coursemark --help`\n'
    })
    expect(await cli(['--max-warnings', 'many'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--max-warnings many`, expected a whole number such as `0` or `10`\n'
    })
  })

  it('gives one line when the report cannot be written (ENOTDIR, EISDIR), and the stack only with `--debug`', async () => {
    const folder = scratch('formats')
    expect(await cli(['--output', 'clean.md/report.txt'], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: cannot write `clean.md/report.txt`: ENOTDIR: a part of the path is not a directory\n'
    })
    expect(await cli(['--output', '.'], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: cannot write `.`: EISDIR: is a directory\n'
    })
    const debug = await cli(['--output', 'clean.md/report.txt', '--debug'], folder)
    expect(debug.stderr.split('\n').slice(0, 2)).toEqual([
      'coursemark: linted 2 of 2 files (0 from cache)',
      'coursemark: cannot write `clean.md/report.txt`: ENOTDIR: a part of the path is not a directory'
    ])
    expect(debug.stderr).toMatch(/\n {4}at /)
  })

  it('ends quietly when the reader of its output goes away (`coursemark | head -1`)', async () => {
    const folder = scratch()
    for (let index = 0; index < 150; index++) writeFileSync(join(folder, `l${index}.md`), '---\ntitle: x\n---\n\n##Bad\n')
    const child = spawn(process.execPath, [bin, '--workers', '0', '-f', 'json'], {cwd: folder, env: cleanEnv()})
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).not.toBe(2)
  })

  it('reports hostile files (too large, binary, too deep, too many links) per file and still lints the others', async () => {
    expect(await cli([], project('hostile'))).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'big.md',
        '1:1-1:1     error Unexpected file of 2930 characters, expected at most 2000 (option `maxSize`)          input-too-large      coursemark',
        '',
        'binary.md',
        '5:1-5:2     error Unexpected invalid UTF-8, expected text encoded as UTF-8                              input-encoding       coursemark',
        '7:1-7:2     error Unexpected NUL byte, expected a text file (is this a binary file?)                    input-binary         coursemark',
        '',
        'deep.md',
        '5:1-5:306   error Unexpected nesting deeper than 100 levels, expected at most 100 (option `maxNesting`) input-too-deep       coursemark',
        '',
        'many-links.md',
        '26:14-26:16 error Unexpected more than 20 links in one file, expected at most 20 (option `maxLinks`)    input-too-many-links coursemark',
        '',
        'ok.md: no issues found',
        '',
        '✖ 5 errors',
        ''
      ].join('\n')
    })
  })
})
