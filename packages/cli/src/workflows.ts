/**
 * The GitHub Actions workflow that `coursemark init` writes. It needs no
 * `package.json`: every job runs the published CLI at a pinned version
 * through `npx`. The lint job lints pull requests and pushes with annotations
 * and the lint cache (a pull request starts from its base branch's cache, so
 * only changed lessons are linted again). The weekly link job keeps the link
 * cache between runs, keeps one issue titled "Link report" up to date with
 * the markdown report (closing it when no link is dead) and uploads the HTML
 * report as an artifact.
 */

/** Where `init` writes the workflow. */
export const workflowPath = '.github/workflows/coursemark.yml'

/** The title of the issue the link job keeps up to date. */
export const linkIssueTitle = 'Link report'

/** The workflow, running `@coursemark/cli@<version>`. */
export function starterWorkflow(version: string): string {
  const cli = `npx --yes @coursemark/cli@${version}`
  return `# Lint checkpoints on pull requests and pushes (annotations), and check links
# every Monday: the "${linkIssueTitle}" issue and the HTML report (an artifact of
# the run) say what is broken. No package.json needed: the CLI runs through npx.
name: coursemark
on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: '0 6 * * 1'
  workflow_dispatch:
permissions:
  contents: read
jobs:
  lint:
    if: github.event_name == 'pull_request' || github.event_name == 'push'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Restore the lint cache (of the base branch on a pull request)
        uses: actions/cache/restore@v4
        with:
          path: .coursemark-cache/lint.json
          key: coursemark-lint-\${{ github.event.pull_request.base.sha || github.sha }}
          restore-keys: coursemark-lint-
      - name: Lint
        run: ${cli} lint --format github --cache --cache-location .coursemark-cache/lint.json
      - name: Save the lint cache
        if: always() && github.event_name == 'push'
        uses: actions/cache/save@v4
        with:
          path: .coursemark-cache/lint.json
          key: coursemark-lint-\${{ github.sha }}
  links:
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      issues: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Restore the link cache
        uses: actions/cache/restore@v4
        with:
          path: .coursemark-cache/links.json
          key: coursemark-links-\${{ github.run_id }}
          restore-keys: coursemark-links-
      - name: Check links
        id: links
        run: |
          status=0
          ${cli} links --archive --links-cache .coursemark-cache/links.json --format markdown --output link-report.md --html link-report.html || status=$?
          echo "status=$status" >> "$GITHUB_OUTPUT"
          if [ "$status" -gt 1 ]; then exit "$status"; fi
      - name: Save the link cache
        if: always()
        uses: actions/cache/save@v4
        with:
          path: .coursemark-cache/links.json
          key: coursemark-links-\${{ github.run_id }}-\${{ github.run_attempt }}
      - name: Upload the HTML report
        uses: actions/upload-artifact@v4
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
