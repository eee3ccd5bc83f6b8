/**
 * The flags of the link reports: `--format markdown|html`, `--html <file>`,
 * `--archive`, `--fix-archived`; which combinations make sense, and where the
 * reports link a `file:line:column` to.
 */
import {RunError} from '../errors.js'
import type {Format} from '../reporters/index.js'

/** The flags read here. */
export interface LinkReportValues {
  html?: string | undefined
  fix?: boolean | undefined
  'fix-dry-run'?: boolean | undefined
  'fix-archived'?: boolean | undefined
  links?: boolean | undefined
}

/** Throw a `RunError` for a link report without a link check (`checking`), or `--fix-archived` without `--fix`. */
export function checkLinkReportFlags(format: Format, values: LinkReportValues, checking: boolean): void {
  if (!checking && (format === 'markdown' || format === 'html')) {
    throw new RunError(`Unexpected \`--format ${format}\` without a link check, expected \`coursemark links\` or \`lint --links\``)
  }

  if (!checking && values.html !== undefined) {
    throw new RunError('Unexpected `--html` without a link check, expected `coursemark links` or `lint --links`')
  }

  if (values['fix-archived'] && !values.fix && !values['fix-dry-run']) {
    throw new RunError('Unexpected `--fix-archived` without `--fix`, expected `--fix --fix-archived` or `--fix-dry-run --fix-archived`')
  }
}

/**
 * Where the reports link a place to: in GitHub Actions, the file at the
 * commit checked (`<server>/<repository>/blob/<sha>/`); elsewhere nothing, so
 * links are relative to the repository root (the working directory).
 */
export function sourceBase(env: NodeJS.ProcessEnv): string {
  const {GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha} = env
  if (!server || !repository || !sha) return ''
  return `${server.replace(/\/+$/, '')}/${repository}/blob/${sha}/`
}
