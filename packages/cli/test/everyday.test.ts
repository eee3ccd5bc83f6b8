/**
 * What a user expects of `coursemark lint` day to day: a summary of `--fix`,
 * one format on stdout, a lesson from stdin (`-`), and a clear failure when
 * the paths hold no markdown. Run through the real binary.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {bin, cleanEnv, project, run, scratch, type Run} from './helpers.js'

/** Run the binary with `input` on its stdin. */
function piped(args: string[], cwd: string, input: string): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd, env: cleanEnv(), input, encoding: 'utf8'})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

const lesson = readFileSync(join(project('fix'), 'lesson.md'), 'utf8')
const fixedLesson = lesson.replace('##Looping over files', '## Looping over files').replace('## **Stopping a loop early**', '## Stopping a loop early')

describe('--fix says what it fixed', () => {
  it('counts the problems fixed by rule and the files changed, on stderr', () => {
    const folder = scratch('fix')
    writeFileSync(join(folder, 'second.md'), lesson.replace('## **Stopping a loop early**', '## Stopping a loop early'))
    const result = run(['--fix', '--workers', '0'], folder)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('coursemark: fixed 3 problems in 2 files (no-missing-heading-space 2, no-heading-emphasis 1)\n')
    expect(readFileSync(join(folder, 'second.md'), 'utf8')).toBe(fixedLesson)
  })

  it('says nothing when there is nothing to fix', () => {
    const folder = scratch('fix')
    expect(run(['--fix', 'clean.md'], folder)).toEqual({code: 0, stdout: '✔ no problems in 1 file\n', stderr: ''})
  })
})

describe('stdout carries one format', () => {
  it('puts the diff of `--fix-dry-run` on stderr beside a machine format, so stdout is JSON alone', () => {
    const folder = scratch('fix')
    const result = run(['--fix-dry-run', '-f', 'json'], folder)
    expect(result.code).toBe(1)
    expect((JSON.parse(result.stdout) as Array<{path: string}>).map((file) => file.path)).toEqual(['clean.md', 'lesson.md'])
    expect(result.stderr).toMatch(/^--- a\/lesson\.md\n\+\+\+ b\/lesson\.md\n/)
    expect(result.stderr).toContain('\n-##Looping over files\n+## Looping over files\n')
    expect(result.stderr.endsWith('coursemark: would fix 2 problems in 1 file (no-heading-emphasis 1, no-missing-heading-space 1)\n')).toBe(true)
  })

  it('keeps the diff on stdout when the report goes to a file', () => {
    const folder = scratch('fix')
    const result = run(['--fix-dry-run', '-f', 'json', '-o', 'report.json'], folder)
    expect(result.stdout).toMatch(/^--- a\/lesson\.md\n/)
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'))).toHaveLength(2)
  })
})

describe('`-` lints one lesson from stdin', () => {
  it('names it `<stdin>` without `--stdin-filename`', () => {
    const result = piped(['-'], scratch(), lesson)
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      '<stdin>:19:1  error    Unexpected heading `##Looping` without a space after `##`, expected `## Looping`  no-missing-heading-space',
      '<stdin>:23:4  warning  Unexpected `**` around the whole heading, expected plain heading text  no-heading-emphasis'
    ])
  })

  it('takes its config (overrides), relative links and name from `--stdin-filename`', () => {
    const folder = scratch()
    mkdirSync(join(folder, 'lessons'))
    writeFileSync(join(folder, 'lessons', 'next.md'), '# Next\n')
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'overrides:\n  - files: "drafts/**"\n    rules:\n      no-missing-heading-space: off\n')
    const text = lesson + '\nSee [the next lesson](next.md).\n'
    const named = piped(['-', '--stdin-filename', 'lessons/loops.md', '-f', 'json'], folder, text)
    const messages = (JSON.parse(named.stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>)[0]
    expect(messages?.path).toBe('lessons/loops.md')
    expect(messages?.messages.map((message) => message.ruleId)).toEqual(['no-missing-heading-space', 'no-heading-emphasis'])

    const elsewhere = piped(['-', '--stdin-filename', 'drafts/loops.md', '-f', 'json'], folder, text)
    expect((JSON.parse(elsewhere.stdout) as Array<{messages: Array<{ruleId: string}>}>)[0]?.messages.map((message) => message.ruleId)).toEqual([
      'no-heading-emphasis',
      'no-missing-local-target'
    ])
  })

  it('prints the fixed lesson on stdout with `--fix`, the report and summary on stderr, and writes no file', () => {
    const folder = scratch()
    const result = piped(['-', '--fix', '--stdin-filename', 'loops.md'], folder, lesson)
    expect(result).toEqual({
      code: 0,
      stdout: fixedLesson,
      stderr: 'coursemark: fixed 2 problems in 1 file (no-heading-emphasis 1, no-missing-heading-space 1)\n✔ no problems in 1 file\n'
    })
    expect(spawnSync('ls', ['-A', folder], {encoding: 'utf8'}).stdout).toBe('')
    expect(piped(['-', '--fix', '--quiet'], folder, fixedLesson)).toEqual({code: 0, stdout: fixedLesson, stderr: ''})
  })

  it('rejects `-` with other paths, and `--stdin-filename` without `-`', () => {
    const folder = scratch('fix')
    expect(piped(['-', 'lesson.md'], folder, lesson)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `-` with other paths, expected `-` alone (one lesson from stdin)\n'
    })
    expect(run(['--stdin-filename', 'a.md'], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--stdin-filename` without `-` as the path, expected `coursemark lint - --stdin-filename <path>`\n'
    })
  })
})

describe('paths that hold no markdown', () => {
  it('fail with "no markdown files matched" and exit code 2', () => {
    const folder = scratch()
    mkdirSync(join(folder, 'empty'))
    writeFileSync(join(folder, 'empty', 'notes.txt'), 'not markdown\n')
    expect(run(['empty'], folder)).toEqual({code: 2, stdout: '', stderr: 'coursemark: no markdown files matched `empty`\n'})
    expect(run([], join(folder, 'empty'))).toEqual({code: 2, stdout: '', stderr: 'coursemark: no markdown files matched `.`\n'})
  })

  it('pass with a warning when every markdown file there is ignored on purpose', () => {
    const folder = scratch()
    mkdirSync(join(folder, 'drafts'))
    writeFileSync(join(folder, 'drafts', 'a.md'), '# A\n')
    writeFileSync(join(folder, 'b.md'), '# B\n')
    writeFileSync(join(folder, '.coursemarkignore'), 'drafts/\nb.md\n')
    expect(run([], folder)).toEqual({
      code: 0,
      stdout: '',
      stderr: 'coursemark: warning: every markdown file in `.` is ignored (.gitignore, .coursemarkignore or `ignores`)\n'
    })
    writeFileSync(join(folder, '.coursemarkignore'), 'drafts/\n')
    expect(run(['drafts'], folder).code).toBe(0)
  })
})
