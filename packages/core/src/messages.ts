/**
 * One road for every diagnostic: YAML errors, schema errors, lint findings
 * and dead links are all `VFileMessage`s with `source: 'coursemark'`.
 */
import {VFileMessage} from 'vfile-message'
import type {Position} from './model/checkpoint.js'
import {ruleUrl} from './rule-url.js'
import {fatalOf, type Severity} from './severity.js'

export {ruleUrl} from './rule-url.js'
export {fatalOf, severityOf} from './severity.js'
export type {Severity} from './severity.js'

/** A diagnostic that core (or the CLI) reports itself, not a lint rule. */
export interface DiagnosticMeta {
  /** The rule id of its messages. */
  id: string
  /** One line on what it reports. */
  description: string
}

/** Ids of the diagnostics that no lint rule makes: input problems, link check results, faults. */
export const diagnostics: readonly DiagnosticMeta[] = [
  {id: 'input-encoding', description: 'Report a file that is not valid UTF-8 (invalid bytes are read as U+FFFD)'},
  {id: 'input-too-large', description: 'Report a file larger than `limits.maxSize` characters; it is not parsed'},
  {id: 'input-binary', description: 'Report a file with a NUL byte (a binary file); it is not parsed'},
  {id: 'input-too-deep', description: 'Report nesting deeper than `limits.maxNesting`; the file is not parsed'},
  {id: 'input-too-many-links', description: 'Report a file with more than `limits.maxLinks` links; it is not parsed'},
  {id: 'internal-error', description: 'Report a fault while linting one file (please report the file); the other files are still linted'},
  {id: 'link-dead', description: 'Report a link whose URL is gone (404, 410, no such host), found by the link check'},
  {id: 'link-redirected', description: 'Report a link that redirects elsewhere, with the URL it ends at'},
  {id: 'link-unverifiable', description: 'Report a link that could not be checked (timeouts, server errors, blocked requests)'},
  {id: 'link-skipped', description: 'Say that a link was not checked because its host is a private address (`--allow-private` checks it)'},
  {id: 'link-cache', description: 'Warn about a link cache file that cannot be read or written'},
  {id: 'link-archive', description: 'Warn about archive lookups for dead links that failed (no archived copy is suggested for them)'},
  {id: 'config', description: 'Report a problem of the config file at its key or value; the run stops with exit code 2'}
]

/** Fields of a diagnostic. */
export interface MessageOptions {
  /** The rule id without the `coursemark:` prefix, e.g. `frontmatter-schema`. */
  ruleId: string
  /** The smallest span that is wrong. */
  place: Position | undefined
  severity?: Severity
  /** The file path the message belongs to. */
  file?: string | undefined
  actual?: string
  expected?: string[]
  /** A second place, such as the first definition of a duplicate. */
  cause?: VFileMessage
  /** Link to docs; defaults to the rule's section of the README. */
  url?: string
}

/**
 * Create a diagnostic.
 *
 * @param reason
 *   What is wrong: "Unexpected <found>, expected <wanted>".
 */
export function createMessage(
  reason: string,
  options: MessageOptions
): VFileMessage {
  const message = new VFileMessage(reason, {
    place: options.place,
    ruleId: options.ruleId,
    source: 'coursemark',
    ...(options.cause ? {cause: options.cause} : {})
  })
  message.fatal = fatalOf(options.severity ?? 'error')
  message.url = options.url ?? ruleUrl(options.ruleId)
  if (options.file !== undefined) message.file = options.file
  if (options.actual !== undefined) message.actual = options.actual
  if (options.expected !== undefined) message.expected = options.expected
  return message
}

/**
 * Characters that would act rather than show when a value is printed: C0 and
 * C1 controls, DEL, line and paragraph separators, zero-width characters and
 * bidi controls (which reorder what a reader sees).
 */
const invisible = /[\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g

/**
 * A value from outside (a URL, a host, a `Location`, an archive answer) with
 * every control, separator and bidi character shown as an escape (`\n`,
 * `\u{202E}`), so it prints on one line and reads as it is stored.
 */
export function visible(value: string): string {
  return value.replace(invisible, (character) => {
    if (character === '\n') return '\\n'
    if (character === '\r') return '\\r'
    if (character === '\t') return '\\t'
    return `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`
  })
}

/**
 * A value as a markdown code span that no text can close: the fence is one
 * backtick longer than the longest run of backticks inside, padded with a
 * space where CommonMark strips one, and controls are shown as escapes (see
 * `visible`), so the span stays on its line. Use it for every value from
 * outside in a message.
 */
export function code(value: string): string {
  const text = visible(value)
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(longest + 1)
  // CommonMark strips one space from each end when both ends are spaces, and
  // a fence cannot touch a backtick of the content.
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : ''
  // A code span cannot be empty: a space shows there is nothing.
  if (text === '') return '` `'
  return fence + pad + text + pad + fence
}
