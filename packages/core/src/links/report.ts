/**
 * Results -> diagnostics: one `VFileMessage` per place a URL is written, so
 * dead links take the same road as lint findings.
 *
 * | class | ruleId | severity |
 * |---|---|---|
 * | `dead` | `link-dead` | error |
 * | `redirected` | `link-redirected` | warning, `actual` the URL as written, `expected` `[new URL]` |
 * | `unverifiable` | `link-unverifiable` | warning; error once older than `unverifiableMaxAge` |
 * | `ok`, `skipped` | none | |
 */
import type {VFileMessage} from 'vfile-message'
import {createMessage} from '../messages.js'
import type {LinkOccurrence} from './collect.js'
import type {UrlResult} from './types.js'

/** How `unverifiable` escalates. */
export interface ReportOptions {
  /** ms; `undefined` never escalates. */
  unverifiableMaxAge: number | undefined
  now: number
}

/** One message per occurrence of a URL that is not `ok` or `skipped`, in occurrence order. */
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

/** The message for one occurrence, or `undefined` for `ok` and `skipped`. */
export function linkMessage(
  occurrence: LinkOccurrence,
  result: UrlResult,
  options: ReportOptions
): VFileMessage | undefined {
  const written = occurrence.url.trim()
  const base = {place: occurrence.position, file: occurrence.file, actual: written}
  switch (result.class) {
    case 'dead': {
      return createMessage(`Unexpected dead link \`${written}\` (${result.reason}), expected a reachable URL`, {
        ...base,
        ruleId: 'link-dead',
        severity: 'error'
      })
    }

    case 'redirected': {
      const target = withFragment(result.redirectedTo ?? result.url, written)
      return createMessage(
        `Unexpected permanently redirected link \`${written}\` (${result.reason}), expected \`${target}\``,
        {...base, ruleId: 'link-redirected', severity: 'warning', expected: [target]}
      )
    }

    case 'unverifiable': {
      const since = result.unverifiableSince
      const age = since === undefined ? 0 : options.now - Date.parse(since)
      if (options.unverifiableMaxAge !== undefined && since !== undefined && age >= options.unverifiableMaxAge) {
        return createMessage(
          `Unexpected link \`${written}\` unverifiable in every run since ${since.slice(0, 10)} (${result.reason}), expected an answer that shows it works`,
          {...base, ruleId: 'link-unverifiable', severity: 'error'}
        )
      }

      return createMessage(
        `Unexpected unverifiable link \`${written}\` (${result.reason}), expected an answer that shows it works`,
        {...base, ruleId: 'link-unverifiable', severity: 'warning'}
      )
    }

    default: {
      return undefined
    }
  }
}

/** Keep the fragment as written when the new URL has none. */
function withFragment(target: string, written: string): string {
  const hash = written.indexOf('#')
  if (hash === -1 || target.includes('#')) return target
  return target + written.slice(hash)
}
