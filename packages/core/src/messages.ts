/**
 * One road for every diagnostic: YAML errors, schema errors, lint findings
 * and dead links are all `VFileMessage`s with `source: 'coursemark'`.
 */
import {VFileMessage} from 'vfile-message'
import type {Position} from './model.js'
import {ruleUrl} from './rule-url.js'

export {ruleUrl} from './rule-url.js'

/** Severity of a diagnostic, as the JSON report spells it. */
export type Severity = 'error' | 'warning' | 'info'

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
  const severity = options.severity ?? 'error'
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  message.url = options.url ?? ruleUrl(options.ruleId)
  if (options.file !== undefined) message.file = options.file
  if (options.actual !== undefined) message.actual = options.actual
  if (options.expected !== undefined) message.expected = options.expected
  return message
}

/** The severity of a message, from its `fatal` field. */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true
    ? 'error'
    : message.fatal === false
      ? 'warning'
      : 'info'
}
