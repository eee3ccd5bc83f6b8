import {spawn} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {bin, cleanEnv, cli, project, scratch} from './helpers.js'

const original = readFileSync(join(project('fix'), 'lesson.md'), 'utf8')
const fixed = original.replace('##Looping over files', '## Looping over files').replace('## **Stopping a loop early**', '## Stopping a loop early')

const diff = [
  '--- a/lesson.md',
  '+++ b/lesson.md',
  '@@ -16,11 +16,11 @@',
  ' - Write a `for` loop over a list of words',
  ' - Loop over the files of a folder',
  ' ',
  '-##Looping over files',
  '+## Looping over files',
  ' ',
  ' Use a glob as the list: `for file in *.txt; do wc -l "$file"; done`.',
  ' ',
  '-## **Stopping a loop early**',
  '+## Stopping a loop early',
  ' ',
  ' Use `break` to leave a loop and `continue` to skip to the next item.',
  ' ',
  ''
].join('\n')

const report = [
  'lesson.md:19:1  error    Unexpected heading `##Looping` without a space after `##`, expected `## Looping`  no-missing-heading-space',
  'lesson.md:23:4  warning  Unexpected `**` around the whole heading, expected plain heading text  no-heading-emphasis',
  '',
  '✖ 2 problems (1 error, 1 warning)',
  ''
].join('\n')

const summary = '(no-heading-emphasis 1, no-missing-heading-space 1)'

describe('--fix', () => {
  it('applies safe fixes, writes the file and reports what is left', async () => {
    const folder = scratch('fix')
    expect(await cli(['--fix'], folder)).toEqual({code: 0, stderr: `coursemark: fixed 2 problems in 1 file ${summary}\n`, stdout: '✔ no problems in 2 files\n'})
    expect(readFileSync(join(folder, 'lesson.md'), 'utf8')).toBe(fixed)
    expect(readdirSync(folder).sort(), 'no temporary file is left').toEqual(['clean.md', 'lesson.md'])
  })

  it('prints the fixes as a unified diff with `--fix-dry-run` and changes nothing', async () => {
    const folder = scratch('fix')
    expect(await cli(['--fix-dry-run'], folder)).toEqual({code: 1, stderr: `coursemark: would fix 2 problems in 1 file ${summary}\n`, stdout: diff + report})
    expect(readFileSync(join(folder, 'lesson.md'), 'utf8')).toBe(original)
  })

  it('rejects `--fix` with `--fix-dry-run`', async () => {
    expect(await cli(['--fix', '--fix-dry-run'], project('fix'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--fix` with `--fix-dry-run`, expected one of them\n'
    })
  })

  it('leaves the old file whole when killed in the middle of writing', async () => {
    const folder = scratch('fix')
    const child = spawn(process.execPath, [bin, '--fix', 'lesson.md'], {
      cwd: folder,
      env: cleanEnv({COURSEMARK_TEST_PAUSE_WRITE: '1'})
    })
    let stderr = ''
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk
        if (stderr.includes('paused writing')) resolve()
      })
      child.on('close', () => reject(new Error('exited before pausing: ' + stderr)))
    })
    const closed = new Promise((resolve) => child.on('close', resolve))
    child.kill('SIGKILL')
    await closed
    expect(stderr).toMatch(/^coursemark: paused writing `.+\/\.lesson\.md\.\d+-[\da-f]{8}\.tmp`\n$/)
    expect(readFileSync(join(folder, 'lesson.md'), 'utf8')).toBe(original)
    const temporary = readdirSync(folder).find((name) => name.endsWith('.tmp'))
    expect(temporary, 'the half-written temporary file').toBeDefined()
    const half = readFileSync(join(folder, temporary ?? ''), 'utf8')
    expect(half.length).toBeLessThan(fixed.length)
    expect(fixed.startsWith(half)).toBe(true)
  })
})
