/**
 * The workflow `coursemark init` writes: valid YAML, no `npm ci` or
 * `package.json` anywhere, the pinned CLI through `npx` on Node 24, actions
 * pinned by commit with their release in a comment, the default branch from
 * the event, the caches, the summaries, the "Link report" issue and the HTML
 * artifact; every `run` script parses in bash, and the lint summary is what
 * jq makes of a real report; docs/github-actions.md shows it as written.
 */
import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {version} from '../src/version.js'
import {pinnedActions, starterWorkflow} from '../src/commands/workflows.js'
import {project, run, scratch} from './helpers.js'

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
  it('runs on pull requests, pushes to the default branch, every Monday and by hand, reading only by default', () => {
    expect(workflow.name).toBe('coursemark')
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch'])
    // No branch is written into the file: the event names the default branch, whatever it is called.
    expect(workflow.on.push).toBeNull()
    expect(text).not.toMatch(/branches:|\bmain\b|\bmaster\b/)
    expect(workflow.on.schedule).toEqual([{cron: '0 6 * * 1'}])
    expect(workflow.permissions).toEqual({contents: 'read'})
    expect(Object.keys(workflow.jobs)).toEqual(['lint', 'links'])
  })

  it('needs no package.json: no `npm ci`, no npm cache, the published CLI at this version through npx', () => {
    expect(text.replaceAll(/^#.*\n/gm, '')).not.toMatch(/npm ci|npm install|package\.json|cache: npm/)
    const commands = [...lint.steps, ...links.steps].flatMap((item) => (item.run ?? '').split('\n')).filter((line) => line.includes('coursemark'))
    expect(commands.length).toBeGreaterThan(0)
    for (const line of commands) expect(line.includes(cli) || line.includes('gh issue') || line.includes('$GITHUB_STEP_SUMMARY')).toBe(true)
  })

  it('pins every action by its full commit, with the release in a comment, and runs on Node 24', () => {
    const lines = text.split('\n').filter((line) => /^\s*(?:- )?uses:/.test(line))
    expect(lines.length).toBe(9)
    for (const line of lines) {
      expect(line).toMatch(/^\s*(?:- )?uses: actions\/[a-z-]+(?:\/[a-z]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
    }

    // The release of each commit, as it was checked against the action's repository.
    expect(Object.values(pinnedActions).map((action) => `${action.uses} # ${action.tag}`)).toEqual([
      'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0',
      'actions/cache/restore@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5',
      'actions/cache/save@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5',
      'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0'
    ])
    for (const job of [lint, links]) {
      expect(job.steps[0]).toEqual({uses: pinnedActions.checkout.uses, with: {'persist-credentials': false}})
      expect(job.steps[1]).toEqual({uses: pinnedActions.setupNode.uses, with: {'node-version': 24, 'package-manager-cache': false}})
    }
  })

  it('lints with the lint cache, starting a pull request from its base branch\'s cache', () => {
    expect(lint.if).toBe(
      "github.event_name == 'pull_request' || (github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch))"
    )
    expect(lint.steps.map((item) => item.name ?? item.uses)).toEqual([
      pinnedActions.checkout.uses,
      pinnedActions.setupNode.uses,
      'Restore the lint cache (of the base branch on a pull request)',
      'Lint',
      'Write the summary',
      'Save the lint cache'
    ])
    expect(step(lint, 'Restore the lint cache (of the base branch on a pull request)')).toMatchObject({
      uses: pinnedActions.cacheRestore.uses,
      with: {
        path: '.coursemark/cache/lint.json',
        key: 'coursemark-lint-${{ github.event.pull_request.base.sha || github.sha }}',
        'restore-keys': 'coursemark-lint-'
      }
    })
    expect(step(lint, 'Lint').run).toBe(`${cli} lint --format github --cache --cache-location .coursemark/cache/lint.json`)
    expect(step(lint, 'Save the lint cache')).toEqual({
      name: 'Save the lint cache',
      if: "always() && github.event_name == 'push'",
      uses: pinnedActions.cacheSave.uses,
      with: {path: '.coursemark/cache/lint.json', key: 'coursemark-lint-${{ github.sha }}'}
    })
  })

  it('checks links weekly with the link cache, archived copies, the issue and the HTML artifact', () => {
    expect(links.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'")
    expect(links.permissions).toEqual({contents: 'read', issues: 'write'})
    expect(links.steps.map((item) => item.name ?? item.uses)).toEqual([
      pinnedActions.checkout.uses,
      pinnedActions.setupNode.uses,
      'Restore the link cache',
      'Check links',
      'Write the summary',
      'Save the link cache',
      'Upload the HTML report',
      'Open, update or close the "Link report" issue'
    ])
    expect(step(links, 'Restore the link cache')).toMatchObject({
      uses: pinnedActions.cacheRestore.uses,
      with: {path: '.coursemark/cache/links.json', 'restore-keys': 'coursemark-links-'}
    })
    const check = step(links, 'Check links')
    expect(check.id).toBe('links')
    expect(check.run).toContain(
      `${cli} links --archive --links-cache .coursemark/cache/links.json --format markdown --output link-report.md --html link-report.html || status=$?`
    )
    // Dead links (exit 1) still update the issue; a failure to run (exit 2) fails the job.
    expect(check.run).toContain('if [ "$status" -gt 1 ]; then exit "$status"; fi')
    expect(step(links, 'Save the link cache')).toMatchObject({if: 'always()', uses: pinnedActions.cacheSave.uses, with: {path: '.coursemark/cache/links.json'}})
    expect(step(links, 'Upload the HTML report')).toEqual({
      name: 'Upload the HTML report',
      uses: pinnedActions.uploadArtifact.uses,
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

  it('writes each job\'s summary to the run\'s page', () => {
    expect(step(links, 'Write the summary')).toEqual({
      name: 'Write the summary',
      if: 'always()',
      run: 'if [ -f link-report.md ]; then cat link-report.md >> "$GITHUB_STEP_SUMMARY"; fi'
    })
    const summary = step(lint, 'Write the summary')
    expect(summary.if).toBe('always()')
    expect(summary.run).toContain(`${cli} lint --format json --output lint-report.json --cache --cache-location .coursemark/cache/lint.json || true\n`)
    expect(summary.run).toContain(' lint-report.json >> "$GITHUB_STEP_SUMMARY"')
  })

  it('sums up a real lint report in a table', () => {
    const folder = scratch()
    const report = run(['lint', '--format', 'json', project('fix')], folder)
    expect(report.code).toBe(1)
    writeFileSync(join(folder, 'lint-report.json'), report.stdout)
    const findings = JSON.parse(report.stdout) as Array<{messages: Array<{severity: string}>}>
    const count = (severity: string) => findings.flatMap((file) => file.messages).filter((message) => message.severity === severity).length
    expect(count('error')).toBeGreaterThan(0)
    const jq = (step(lint, 'Write the summary').run ?? '').split('\n').find((line) => line.startsWith('jq ')) ?? ''
    const summaryFile = join(folder, 'summary.md')
    const result = spawnSync('bash', ['-c', jq], {cwd: folder, encoding: 'utf8', env: {...process.env, GITHUB_STEP_SUMMARY: summaryFile}})
    expect(result.stderr).toBe('')
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      `## coursemark lint\n\n| Errors | Warnings | Files |\n| ---: | ---: | ---: |\n| ${count('error')} | ${count('warning')} | ${findings.length} |\n`
    )
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

  it('pins the actions of the repository\'s own workflows to the same commits', () => {
    const pins = new Map(Object.values(pinnedActions).map((action) => [action.uses.split('@')[0], `${action.uses} # ${action.tag}`]))
    for (const name of ['ci.yml', 'release.yml']) {
      const workflow = readFileSync(new URL(`../../../.github/workflows/${name}`, import.meta.url), 'utf8')
      const uses = [...workflow.matchAll(/uses: (\S+@\S+ # \S+)/g)].map((match) => match[1] ?? '')
      expect(uses.length, name).toBeGreaterThan(0)
      for (const line of uses) expect(line, name).toBe(pins.get(line.split('@')[0] ?? ''))
    }
  })
})
