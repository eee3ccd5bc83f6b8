/**
 * The workflow `coursemark init` writes: valid YAML, no `npm ci` or
 * `package.json` anywhere, the pinned CLI through `npx`, the caches, the
 * "Link report" issue and the HTML artifact; every `run` script parses in
 * bash; docs/github-actions.md shows it as written.
 */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {version} from '../src/version.js'
import {starterWorkflow} from '../src/workflows.js'

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  id?: string
  with?: Record<string, string | number>
  env?: Record<string, string>
}

interface Job {
  if: string
  'runs-on': string
  permissions?: Record<string, string>
  steps: Step[]
}

const text = starterWorkflow(version)
const workflow = parse(text) as {name: string; on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job>}
const lint = workflow.jobs.lint as Job
const links = workflow.jobs.links as Job
const cli = `npx --yes @coursemark/cli@${version}`

/** A step by name or action. */
function step(job: Job, match: string): Step {
  const found = job.steps.find((item) => item.name === match || item.uses === match)
  if (!found) throw new Error(`no step \`${match}\``)
  return found
}

describe('the workflow `coursemark init` writes', () => {
  it('runs on pull requests, pushes to main, every Monday and by hand, reading only by default', () => {
    expect(workflow.name).toBe('coursemark')
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch'])
    expect(workflow.on.schedule).toEqual([{cron: '0 6 * * 1'}])
    expect(workflow.permissions).toEqual({contents: 'read'})
    expect(Object.keys(workflow.jobs)).toEqual(['lint', 'links'])
  })

  it('needs no package.json: no `npm ci`, no npm cache, the published CLI at this version through npx', () => {
    expect(text.replaceAll(/^#.*\n/gm, '')).not.toMatch(/npm ci|npm install|package\.json|cache: npm/)
    const commands = [...lint.steps, ...links.steps].flatMap((item) => (item.run ?? '').split('\n')).filter((line) => line.includes('coursemark'))
    expect(commands.length).toBeGreaterThan(0)
    for (const line of commands) expect(line.includes(cli) || line.includes('gh issue') || line.includes('.coursemark-cache')).toBe(true)
    expect(step(lint, 'actions/setup-node@v4').with).toEqual({'node-version': 20})
  })

  it('lints with the lint cache, starting a pull request from its base branch\'s cache', () => {
    expect(lint.if).toBe("github.event_name == 'pull_request' || github.event_name == 'push'")
    expect(lint.steps.map((item) => item.name ?? item.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'Restore the lint cache (of the base branch on a pull request)',
      'Lint',
      'Save the lint cache'
    ])
    expect(step(lint, 'Restore the lint cache (of the base branch on a pull request)')).toMatchObject({
      uses: 'actions/cache/restore@v4',
      with: {
        path: '.coursemark-cache/lint.json',
        key: 'coursemark-lint-${{ github.event.pull_request.base.sha || github.sha }}',
        'restore-keys': 'coursemark-lint-'
      }
    })
    expect(step(lint, 'Lint').run).toBe(`${cli} lint --format github --cache --cache-location .coursemark-cache/lint.json`)
    expect(step(lint, 'Save the lint cache')).toEqual({
      name: 'Save the lint cache',
      if: "always() && github.event_name == 'push'",
      uses: 'actions/cache/save@v4',
      with: {path: '.coursemark-cache/lint.json', key: 'coursemark-lint-${{ github.sha }}'}
    })
  })

  it('checks links weekly with the link cache, archived copies, the issue and the HTML artifact', () => {
    expect(links.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'")
    expect(links.permissions).toEqual({contents: 'read', issues: 'write'})
    expect(links.steps.map((item) => item.name ?? item.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'Restore the link cache',
      'Check links',
      'Save the link cache',
      'Upload the HTML report',
      'Open, update or close the "Link report" issue'
    ])
    expect(step(links, 'Restore the link cache')).toMatchObject({
      uses: 'actions/cache/restore@v4',
      with: {path: '.coursemark-cache/links.json', 'restore-keys': 'coursemark-links-'}
    })
    const check = step(links, 'Check links')
    expect(check.id).toBe('links')
    expect(check.run).toContain(
      `${cli} links --archive --links-cache .coursemark-cache/links.json --format markdown --output link-report.md --html link-report.html || status=$?`
    )
    // Dead links (exit 1) still update the issue; a failure to run (exit 2) fails the job.
    expect(check.run).toContain('if [ "$status" -gt 1 ]; then exit "$status"; fi')
    expect(step(links, 'Save the link cache')).toMatchObject({if: 'always()', uses: 'actions/cache/save@v4', with: {path: '.coursemark-cache/links.json'}})
    expect(step(links, 'Upload the HTML report')).toEqual({
      name: 'Upload the HTML report',
      uses: 'actions/upload-artifact@v4',
      with: {name: 'link-report', path: 'link-report.html'}
    })
    const issue = step(links, 'Open, update or close the "Link report" issue')
    expect(issue.env).toEqual({
      GH_TOKEN: '${{ github.token }}',
      GH_REPO: '${{ github.repository }}',
      STATUS: '${{ steps.links.outputs.status }}'
    })
    expect(issue.run).toContain('gh issue create --title "Link report" --body-file link-report.md')
    expect(issue.run).toContain('gh issue edit "$number" --body-file link-report.md')
    expect(issue.run).toContain('gh issue close "$number"')
  })

  it('has `run` scripts that bash can parse', () => {
    for (const item of [...lint.steps, ...links.steps]) {
      if (!item.run) continue
      const script = item.run.replaceAll(/\$\{\{[^}]*\}\}/g, 'x')
      const result = spawnSync('bash', ['-n', '-c', script], {encoding: 'utf8'})
      expect(result.stderr, item.name).toBe('')
      expect(result.status, item.name).toBe(0)
    }
  })

  it('is what docs/github-actions.md shows', () => {
    const docs = readFileSync(new URL('../../../docs/github-actions.md', import.meta.url), 'utf8')
    expect(docs).toContain('```yaml\n' + text + '```')
  })
})
