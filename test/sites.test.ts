/**
 * End to end, per format: each small site of `fixtures/sites/<name>/` is
 * copied, `coursemark init --yes` writes its config, then `coursemark lint`
 * runs on it. The errors must be exactly the defects planted there, which
 * each site lists: `<!-- expect: coursemark:<rule> <line>:<column>… -->`
 * comments in the file they are in, or `expectations.json` (Hugo's
 * `{{< >}}` shortcodes make comments awkward there). Warnings are not
 * compared: the issue is that errors on a new repository are true.
 */
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative, sep} from 'node:path'
import {main} from '@coursemark/cli'
import {describe, expect, it} from 'vitest'
import {repositoryRoot} from './helpers/expect.js'

const sitesFolder = join(repositoryRoot, 'fixtures', 'sites')
const sites = readdirSync(sitesFolder).filter((name) => name !== 'plain').sort()

/** Rules whose findings are errors in `recommended`, as the sites plant them. */
const errorRules = new Set(['no-missing-local-target', 'no-empty-url', 'course-missing-lesson', 'course-duplicate-slug'])

class Capture {
  text = ''
  isTTY = false
  columns = 100
  write(chunk: string): boolean {
    this.text += chunk
    return true
  }
}

async function run(args: string[], cwd: string) {
  const stdout = new Capture()
  const stderr = new Capture()
  const code = await main({argv: args, stdout: stdout as never, stderr: stderr as never, cwd, env: {}})
  return {code, stdout: stdout.text, stderr: stderr.text}
}

/** The planted errors of a site, as `path rule line` (a course entry that is missing: `rule` alone, reported once wherever the course puts it). */
function planted(folder: string): string[] {
  const found: string[] = []
  const json = join(folder, 'expectations.json')
  if (existsSync(json)) {
    const data = JSON.parse(readFileSync(json, 'utf8')) as {defects: Array<{file: string; line: number; rule: string}>}
    for (const defect of data.defects) found.push(`${defect.file} ${defect.rule} ${defect.line}`)
  }

  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(?:md|Rmd)$/.test(entry.name)) {
        for (const match of readFileSync(path, 'utf8').matchAll(/<!-- expect: coursemark:([\w-]+) (\d+):\d+/g)) {
          const rule = match[1] ?? ''
          if (!errorRules.has(rule)) continue
          found.push(rule === 'course-missing-lesson' ? rule : `${relative(folder, path).split(sep).join('/')} ${rule} ${match[2] ?? ''}`)
        }
      }
    }
  }

  walk(folder)
  return found.sort()
}

describe.each(sites)('the %s site', (name) => {
  it('gets, after `init`, errors on its planted defects only', async () => {
    const folder = mkdtempSync(join(tmpdir(), `coursemark-site-${name}-`))
    cpSync(join(sitesFolder, name), folder, {recursive: true})
    const init = await run(['init', '--yes', '--no-workflow'], folder)
    expect(init.code, init.stderr).toBe(0)
    const lint = await run(['lint', '--format', 'json', '--workers', '0'], folder)
    const report = JSON.parse(lint.stdout) as Array<{path: string; messages: Array<{ruleId: string; severity: string; line: number}>}>
    const errors = report
      .flatMap((file) =>
        file.messages
          .filter((message) => message.severity === 'error')
          .map((message) => (message.ruleId === 'course-missing-lesson' ? message.ruleId : `${file.path} ${message.ruleId} ${message.line}`))
      )
      .sort()
    // A defect planted in a file `init` leaves out (a page, a template) is not linted.
    const linted = new Set(report.map((file) => file.path))
    const expected = planted(folder).filter((item) => item === 'course-missing-lesson' || linted.has(item.slice(0, item.indexOf(' '))))
    expect(expected.length).toBeGreaterThan(0)
    expect(errors).toEqual(expected)
  })
})
