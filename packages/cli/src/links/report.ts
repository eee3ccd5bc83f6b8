/**
 * Results -> diagnostics: one `VFileMessage` per place a URL is written, so
 * dead links take the same road as lint findings.
 *
 * | class | ruleId | severity |
 * |---|---|---|
 * | `dead` | `link-dead` | error; since when after two failed checks; the archived copy when one was found, as `expected` (what `--fix-archived` writes) once the link failed often enough and long enough (`archiveAfter`) |
 * | `redirected` | `link-redirected` | warning, `actual` the URL as written, `expected` `[new URL]` |
 * | `unverifiable` | `link-unverifiable` | warning; error once older than `unverifiableMaxAge` |
 * | `skipped` as a private address | `link-skipped` | info, naming `--allow-private` |
 * | `ok`, other `skipped` | none | |
 */
import type {VFileMessage} from 'vfile-message'
import {code, createMessage} from '@coursemark/core/messages'
import type {LinkOccurrence} from './collect.js'
import type {ArchivedCopy, LinkHistory} from './cache.js'
import type {UrlResult} from './types.js'

/** How `unverifiable` escalates. */
export interface ReportOptions {
  /** ms; `undefined` never escalates. */
  unverifiableMaxAge: number | undefined
  now: number
  /** Failed checks, and days from the first to the last, before an archived copy may replace a link (default 3 and 7). */
  archiveAfter?: {checks: number; days: number} | undefined
}

const day = 24 * 3600 * 1000

/** One message per occurrence of a URL that is not `ok` or `skipped` (but skipped as private), in occurrence order. */
export function linkMessages(
  occurrences: readonly LinkOccurrence[],
  resultOf: (url: string) => UrlResult | undefined,
  options: ReportOptions
): VFileMessage[] {
  const messages: VFileMessage[] = []
  for (const occurrence of occurrences) {
    const result = resultOf(occurrence.url)
    if (!result) continue
    const message = linkMessage(occurrence, result, options)
    if (message) messages.push(message)
  }

  return messages
}

/** The message for one occurrence, or `undefined` for `ok` and `skipped` (but skipped as private). */
export function linkMessage(
  occurrence: LinkOccurrence,
  result: UrlResult,
  options: ReportOptions
): VFileMessage | undefined {
  const written = occurrence.url.trim()
  const base = {place: occurrence.position, file: occurrence.file, actual: written}
  switch (result.class) {
    case 'dead': {
      // A first failure says nothing more; later ones say since when.
      const failed = result.history && result.history.failedChecks > 1 ? `, ${deadSince(result.history)}` : ''
      const copy = result.archive?.copy
      const after = options.archiveAfter ?? {checks: 3, days: 7}
      const ready = copy ? mayReplace(result, after) : false
      const suggestion = copy ? `; ${archivedCopy(copy)}${ready ? '' : ` ${notYet(result, after)}`}` : ''
      return createMessage(`Unexpected dead link ${code(written)} (${result.reason}${failed}), expected a reachable URL${suggestion}`, {
        ...base,
        ruleId: 'link-dead',
        severity: 'error',
        ...(copy && ready ? {expected: [copy.url]} : {})
      })
    }

    case 'redirected': {
      const target = withFragment(result.redirectedTo ?? result.url, written)
      return createMessage(
        `Unexpected permanently redirected link ${code(written)} (${result.reason}), expected ${code(target)}`,
        {...base, ruleId: 'link-redirected', severity: 'warning', expected: [target]}
      )
    }

    case 'unverifiable': {
      const since = result.unverifiableSince
      const age = since === undefined ? 0 : options.now - Date.parse(since)
      if (options.unverifiableMaxAge !== undefined && since !== undefined && age >= options.unverifiableMaxAge) {
        return createMessage(
          `Unexpected link ${code(written)} unverifiable in every run since ${since.slice(0, 10)} (${result.reason}), expected an answer that shows it works`,
          {...base, ruleId: 'link-unverifiable', severity: 'error'}
        )
      }

      return createMessage(
        `Unexpected unverifiable link ${code(written)} (${result.reason}), expected an answer that shows it works`,
        {...base, ruleId: 'link-unverifiable', severity: 'warning'}
      )
    }

    case 'skipped': {
      // Said, not silent: the reader learns the link was not checked and how to check it.
      if (!result.privateAddress) return undefined
      return createMessage(
        `Unexpected link ${code(written)} to a private address (${result.reason}), skipped: private address; \`--allow-private\` checks it`,
        {...base, ruleId: 'link-skipped', severity: 'info'}
      )
    }

    default: {
      return undefined
    }
  }
}

/** "dead since 2026-11-02 (3 checks)", or "dead" without a failed check. */
export function deadSince(history: LinkHistory): string {
  if (history.failedChecks === 0 || history.firstFailedAt === undefined) return 'dead'
  const checks = history.failedChecks === 1 ? '1 check' : `${history.failedChecks} checks`
  return `dead since ${history.firstFailedAt.slice(0, 10)} (${checks})`
}

/**
 * Whether a dead link has failed often enough and long enough for its
 * archived copy to replace it: one bad day of a server must not rewrite a
 * lesson.
 */
function mayReplace(result: UrlResult, after: {checks: number; days: number}): boolean {
  const history = result.history
  if (!history || history.firstFailedAt === undefined || history.failedChecks < after.checks) return false
  return Date.parse(result.checkedAt) - Date.parse(history.firstFailedAt) >= after.days * day
}

/** "will replace it with `--fix-archived` after 3 failed checks over 7 days (1 so far, over 0 days)". */
function notYet(result: UrlResult, after: {checks: number; days: number}): string {
  const history = result.history
  const checks = history?.failedChecks ?? 0
  const first = history?.firstFailedAt
  const days = first === undefined ? 0 : Math.max(0, Math.floor((Date.parse(result.checkedAt) - Date.parse(first)) / day))
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  return `will replace it with \`--fix-archived\` after ${plural(after.checks, 'failed check')} over ${plural(after.days, 'day')} (${checks} so far, over ${plural(days, 'day')})`
}

/** "archived copy: `<url>` from 2019-03-02". */
export function archivedCopy(copy: ArchivedCopy): string {
  const t = copy.timestamp
  return `archived copy: ${code(copy.url)} from ${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`
}

/** Keep the fragment as written when the new URL has none. */
function withFragment(target: string, written: string): string {
  const hash = written.indexOf('#')
  if (hash === -1 || target.includes('#')) return target
  return target + written.slice(hash)
}
