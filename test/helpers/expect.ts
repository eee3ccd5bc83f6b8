/**
 * Expectations written inside fixtures:
 *
 *     <!-- expect: coursemark:rule-id 3:7-3:20 Unexpected `time` value … -->
 *
 * One per line (several lines may share one comment). The message text is
 * optional; when given it must match exactly. A fixture with no `expect:`
 * line must produce no finding at all.
 */
import {readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import type {VFileMessage} from 'vfile-message'

/** The repository root, with a trailing slash. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The markdown files of a folder of the repository (`fixtures/valid`), as repository paths, sorted. */
export function markdownIn(folder: string, recursive: boolean): string[] {
  return readdirSync(repositoryRoot + folder, {recursive})
    .map((name) => String(name).split('\\').join('/'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => folder + '/' + name)
    .sort()
}

/** One expected finding. */
export interface Expectation {
  /** `source:ruleId`, e.g. `coursemark:frontmatter-schema`. */
  origin: string
  /** `line:column-endLine:endColumn`. */
  place: string
  /** Exact reason, when the fixture states it. */
  reason: string | undefined
}

const line = /^\s*(?:<!--\s*)?expect:\s+(\S+)\s+(\d+:\d+-\d+:\d+)(?:\s+(.*?))?\s*(?:-->)?\s*$/

/** Read the expectations of a fixture. */
export function readExpectations(source: string): Expectation[] {
  const expectations: Expectation[] = []
  for (const comment of source.matchAll(/<!--([\s\S]*?)-->/g)) {
    for (const text of (comment[1] ?? '').split('\n')) {
      const match = line.exec(text.includes('expect:') ? text : '')
      if (match) {
        expectations.push({
          origin: match[1] ?? '',
          place: match[2] ?? '',
          reason: match[3] === undefined || match[3] === '' ? undefined : match[3]
        })
      }
    }
  }

  return expectations
}

/** Format a message the way expectations are written. */
export function describeMessage(message: VFileMessage): Expectation {
  const start = message.place && 'start' in message.place ? message.place.start : message.place
  const end = message.place && 'end' in message.place ? message.place.end : start
  return {
    origin: `${message.source ?? ''}:${message.ruleId ?? ''}`,
    place: `${start?.line ?? 1}:${start?.column ?? 1}-${end?.line ?? start?.line ?? 1}:${end?.column ?? start?.column ?? 1}`,
    reason: message.reason
  }
}

/**
 * Compare findings with expectations: returns what is missing and what is
 * unexpected (empty arrays when they agree). An expectation without a reason
 * matches any reason.
 */
export function compare(
  expectations: Expectation[],
  messages: VFileMessage[]
): {missing: Expectation[]; unexpected: Expectation[]} {
  const found = messages.map((message) => describeMessage(message))
  const missing: Expectation[] = []
  const left = [...found]
  for (const expectation of expectations) {
    const index = left.findIndex(
      (item) =>
        item.origin === expectation.origin &&
        item.place === expectation.place &&
        (expectation.reason === undefined || item.reason === expectation.reason)
    )
    if (index === -1) missing.push(expectation)
    else left.splice(index, 1)
  }

  return {missing, unexpected: left}
}
