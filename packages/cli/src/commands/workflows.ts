/**
 * The GitHub Actions workflow that `coursemark init` writes. It needs no
 * `package.json`: every job runs the published CLI at a pinned version
 * through `npx`, on Node 24. The lint job lints pull requests and pushes to
 * the default branch with annotations and the lint cache (a pull request
 * starts from its base branch's cache, so only changed lessons are linted
 * again). The weekly link job keeps the link cache between runs, keeps one
 * issue titled "Link report" up to date with the markdown report (closing
 * it when no link is dead) and uploads the HTML report as an artifact. Each
 * job writes its summary to the run's page (`$GITHUB_STEP_SUMMARY`).
 *
 * The default branch is named by the event (`github.event.repository.
 * default_branch`), not written into the file: a trigger's branch filter
 * takes no expression, so pushes are filtered in the job's `if`, which stays
 * right when the branch is renamed. Actions are pinned by commit (a tag can
 * be moved), the release in a comment for Dependabot and for readers.
 */

/** The actions the workflow uses: commit, and the release it is. */
export const pinnedActions = {
  checkout: {uses: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1'},
  setupNode: {uses: 'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0'},
  cacheRestore: {uses: 'actions/cache/restore@27d5ce7f107fe9357f9df03efb73ab90386fccae', tag: 'v5.0.5'},
  cacheSave: {uses: 'actions/cache/save@27d5ce7f107fe9357f9df03efb73ab90386fccae', tag: 'v5.0.5'},
  uploadArtifact: {uses: 'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0'}
} as const

/** The Node.js major version the jobs run the CLI on (the active LTS). */
export const workflowNode = 24

/** The folder the workflow keeps the caches in (the default one of a project without package.json, which `init` ignores). */
const cacheFolder = '.coursemark/cache'

/** Where `init` writes the workflow. */
export const workflowPath = '.github/workflows/coursemark.yml'

/** The title of the issue the link job keeps up to date. */
export const linkIssueTitle = 'Link report'

/** The workflow, running `@coursemark/cli@<version>`. */
export function starterWorkflow(version: string): string {
  const cli = `npx --yes @coursemark/cli@${version}`
  const uses = (action: keyof typeof pinnedActions) => `${pinnedActions[action].uses} # ${pinnedActions[action].tag}`
  const setUp = `      - uses: ${uses('checkout')}
        with:
          persist-credentials: false
      - uses: ${uses('setupNode')}
        with:
          node-version: ${workflowNode}
          package-manager-cache: false`
  return `# Lint checkpoints on pull requests and pushes to the default branch
# (annotations), and check links every Monday: the "${linkIssueTitle}" issue and
# the HTML report (an artifact of the run) say what is broken. No package.json
# needed: the CLI runs through npx.
name: coursemark
on:
  pull_request:
  push:
  schedule:
    - cron: '0 6 * * 1'
  workflow_dispatch:
permissions:
  contents: read
jobs:
${lintJob(cli, setUp, uses)}${linksJob(cli, setUp, uses)}`
}

/** What the jobs of the starter workflow share: the CLI command, the set-up steps, a pinned action. */
type Uses = (action: keyof typeof pinnedActions) => string

/** The `lint` job: annotations on pull requests, the cache of the base branch, a summary. */
function lintJob(cli: string, setUp: string, uses: Uses): string {
  return `  lint:
    if: github.event_name == 'pull_request' || (github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch))
    runs-on: ubuntu-latest
    steps:
${setUp}
      - name: Restore the lint cache (of the base branch on a pull request)
        uses: ${uses('cacheRestore')}
        with:
          path: ${cacheFolder}/lint.json
          key: coursemark-lint-\${{ github.event.pull_request.base.sha || github.sha }}
          restore-keys: coursemark-lint-
      - name: Lint
        run: ${cli} lint --format github --cache --cache-location ${cacheFolder}/lint.json
      - name: Write the summary
        if: always()
        run: |
          ${cli} lint --format json --output lint-report.json --cache --cache-location ${cacheFolder}/lint.json || true
          jq -r 'def count(severity): [.[].messages[] | select(.severity == severity)] | length; "## coursemark lint", "", "| Errors | Warnings | Files |", "| ---: | ---: | ---: |", "| \\(count("error")) | \\(count("warning")) | \\(length) |"' lint-report.json >> "$GITHUB_STEP_SUMMARY"
      - name: Save the lint cache
        if: always() && github.event_name == 'push'
        uses: ${uses('cacheSave')}
        with:
          path: ${cacheFolder}/lint.json
          key: coursemark-lint-\${{ github.sha }}
`
}

/** The `links` job: every Monday, the link cache, the reports, and the issue of dead links. */
function linksJob(cli: string, setUp: string, uses: Uses): string {
  return `  links:
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      issues: write
    steps:
${setUp}
      - name: Restore the link cache
        uses: ${uses('cacheRestore')}
        with:
          path: ${cacheFolder}/links.json
          key: coursemark-links-\${{ github.run_id }}
          restore-keys: coursemark-links-
      - name: Check links
        id: links
        run: |
          status=0
          ${cli} links --archive --links-cache ${cacheFolder}/links.json --format markdown --output link-report.md --html link-report.html || status=$?
          echo "status=$status" >> "$GITHUB_OUTPUT"
          if [ "$status" -gt 1 ]; then exit "$status"; fi
      - name: Write the summary
        if: always()
        run: if [ -f link-report.md ]; then cat link-report.md >> "$GITHUB_STEP_SUMMARY"; fi
      - name: Save the link cache
        if: always()
        uses: ${uses('cacheSave')}
        with:
          path: ${cacheFolder}/links.json
          key: coursemark-links-\${{ github.run_id }}-\${{ github.run_attempt }}
      - name: Upload the HTML report
        uses: ${uses('uploadArtifact')}
        with:
          name: link-report
          path: link-report.html
      - name: Open, update or close the "${linkIssueTitle}" issue
        env:
          GH_TOKEN: \${{ github.token }}
          GH_REPO: \${{ github.repository }}
          STATUS: \${{ steps.links.outputs.status }}
        run: |
          number=$(gh issue list --state open --search 'in:title "${linkIssueTitle}"' --json number,title --jq 'map(select(.title == "${linkIssueTitle}")) | .[0].number // empty')
          if [ "$STATUS" = 0 ]; then
            if [ -n "$number" ]; then gh issue close "$number" --comment "No dead links in the last check."; fi
          elif [ -n "$number" ]; then
            gh issue edit "$number" --body-file link-report.md
          else
            gh issue create --title "${linkIssueTitle}" --body-file link-report.md
          fi
`
}
