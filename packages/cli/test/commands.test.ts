import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
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
    expect(lines[0]).toMatch(/^rule +recommended +strict +fixable +files$/)
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80)
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

  it('puts each description under its rule, wrapped to 80 columns', async () => {
    const lines = (await cli(['rules'], cwd)).stdout.split('\n')
    const at = lines.findIndex((line) => line.startsWith('objective-measurable-verb '))
    const meta = registry.find((item) => item.id === 'objective-measurable-verb')
    const below = lines.slice(at + 1, lines.findIndex((line, index) => index > at && !line.startsWith('    ')))
    expect(below.length).toBeGreaterThan(1)
    expect(below.map((line) => line.slice(4)).join(' ')).toBe(meta?.description)
  })

  it('prints the rules as JSON with `--format json`', async () => {
    const rows = JSON.parse((await cli(['rules', '--format', 'json'], cwd)).stdout) as Array<{id: string; fixable: boolean}>
    expect(rows.map((row) => row.id)).toEqual(registry.map((meta) => meta.id))
    expect(rows.find((row) => row.id === 'no-missing-heading-space')?.fixable).toBe(true)
  })

  it('says which kinds of file each rule checks: `lesson` for the objectives rules, `all` for the others', async () => {
    const rows = JSON.parse((await cli(['rules', '--format', 'json'], cwd)).stdout) as Array<{id: string; kinds: string[]}>
    expect(rows.find((row) => row.id === 'objectives-present')?.kinds).toEqual(['lesson'])
    expect(rows.find((row) => row.id === 'assignment-has-steps')?.kinds).toEqual(['lesson', 'project'])
    const lines = (await cli(['rules'], cwd)).stdout.split('\n')
    expect(lines.find((line) => line.startsWith('objectives-present '))).toMatch(/ {2}lesson$/)
    expect(lines.find((line) => line.startsWith('no-empty-url '))).toMatch(/ {2}all$/)
  })
})

describe('coursemark init', () => {
  it('writes a commented starter config and a workflow, then keeps them', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'package.json'), '{"private": true}\n')
    expect(await cli(['init', '--yes'], folder)).toEqual({
      code: 0,
      stderr: '',
      stdout:
        // An empty project: no format detected, and `init` says so.
        'no format detected: linting as plain markdown lessons (`format: markdown`: no frontmatter required, the title from the first heading)\n' +
        'wrote .coursemarkrc.yaml: the config (format, rules, files to skip)\n' +
        'wrote .github/workflows/coursemark.yml: lints each push, checks links weekly\n'
    })
    expect(readFileSync(join(folder, '.coursemarkrc.yaml'), 'utf8')).toMatch(/^# coursemark config/)
    expect(existsSync(join(folder, '.github/workflows/coursemark.yml'))).toBe(true)
    // With a package.json the caches go under node_modules, which needs no line in .gitignore.
    expect(existsSync(join(folder, '.gitignore'))).toBe(false)
    expect(await cli(['init', '--yes'], folder)).toEqual({
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
    expect(help.stdout).toMatch(/^Usage: coursemark <command> \[options\] \[paths\.\.\.\]\n/)
    const commands = help.stdout.slice(help.stdout.indexOf('Commands:\n') + 10, help.stdout.indexOf('\n\n', help.stdout.indexOf('Commands:')))
    expect(commands.split('\n').map((line) => line.trim().split(' ')[0])).toEqual(['lint', 'links', 'parse', 'course', 'rules', 'init'])
  })

  it('prints the help of each command, within 80 columns, with its usage, options, examples and exit codes', () => {
    for (const command of ['lint', 'links', 'parse', 'course', 'rules', 'init']) {
      const help = run([command, '--help'], cwd)
      expect(help.code, command).toBe(0)
      expect(help.stderr).toBe('')
      expect(help.stdout.split('\n')[0], command).toBe(`Usage: coursemark ${command} [options]${command === 'parse' ? ' <file...>' : command === 'course' ? ' [dir]' : command.startsWith('lin') ? ' [paths...]' : ''}`)
      expect(help.stdout, command).toContain('\nExamples:\n  coursemark ' + command)
      expect(help.stdout, command).toMatch(/\nExit codes: 0 [^]*2 could not run\.\n$/)
      expect(help.stdout, command).toContain('\n  -h, --help ')
      for (const line of help.stdout.split('\n')) expect(line.length, `${command}: ${line}`).toBeLessThanOrEqual(80)
    }

    expect(run(['--help'], cwd).stdout.split('\n').every((line) => line.length <= 80)).toBe(true)
    expect(run(['help', 'links'], cwd).stdout).toBe(run(['links', '--help'], cwd).stdout)
  })

  it('lists in the help of each command every option the command accepts', async () => {
    const {commands} = await import('../dist/options.js')
    for (const [name, command] of Object.entries(commands)) {
      const help = run([name, '-h'], cwd).stdout
      for (const [option, spec] of Object.entries(command.options)) {
        const flag = `--${option}${spec.value === undefined ? '' : ` <${spec.value}>`}`
        expect(help, `${name} ${flag}`).toContain('short' in spec ? `  -${String(spec.short)}, ${flag}` : `      ${flag}`)
      }
    }
  })

  it('asks "did you mean" for a mistyped command (the real binary), and exits 2', () => {
    expect(run(['lnt'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected command `lnt`, expected one of `lint`, `links`, `parse`, `course`, `rules`, `init`; did you mean `lint`?\n'
    })
    expect(run(['rule', '-f', 'json'], cwd).stderr).toBe(
      'coursemark: Unexpected command `rule`, expected one of `lint`, `links`, `parse`, `course`, `rules`, `init`; did you mean `rules`?\n'
    )
    expect(run(['frobnicate'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected command `frobnicate`, expected one of `lint`, `links`, `parse`, `course`, `rules`, `init` or an existing path\n'
    })
  })

  it('lints a first word that names an existing file or folder, even one spelled like a command', async () => {
    const folder = scratch()
    mkdirSync(join(folder, 'lnt'))
    writeFileSync(join(folder, 'lnt', 'a.md'), '---\ntitle: A\n---\n\n##Bad\n')
    const result = await cli(['lnt', '-f', 'json'], folder)
    expect(result.code).toBe(1)
    expect((JSON.parse(result.stdout) as Array<{path: string}>).map((file) => file.path)).toEqual(['lnt/a.md'])
    expect((await cli(['missing.md'], folder)).stderr).toBe('coursemark: cannot read `missing.md`: ENOENT: no such file or directory\n')
  })

  it('rejects an unknown flag with exit code 2 and one line', async () => {
    expect(await cli(['lint', '--frobnicate'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected option `--frobnicate`, expected an option listed by `coursemark lint --help`\n'
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
        'big.md:1:1  error  Unexpected file of 2930 characters, expected at most 2000 (option `maxSize`)  input-too-large',
        '',
        'binary.md:5:1  error  Unexpected invalid UTF-8, expected text encoded as UTF-8  input-encoding',
        'binary.md:7:1  error  Unexpected NUL byte, expected a text file (is this a binary file?)  input-binary',
        '',
        'deep.md:5:1  error  Unexpected nesting deeper than 100 levels, expected at most 100 (option `maxNesting`)  input-too-deep',
        '',
        'many-links.md:26:14  error  Unexpected more than 20 links in one file, expected at most 20 (option `maxLinks`)  input-too-many-links',
        '',
        '✖ 5 problems (5 errors)',
        ''
      ].join('\n')
    })
  })
})
