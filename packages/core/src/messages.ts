/**
 * One road for every diagnostic: YAML errors, schema errors, lint findings
 * and dead links are all `VFileMessage`s with `source: 'coursemark'`.
 */
import {VFileMessage} from 'vfile-message'
import type {Position} from './model.js'

/** Severity of a diagnostic, as the JSON report spells it. */
export type Severity = 'error' | 'warning' | 'info'

/** Where the docs of a rule live. */
export const docsUrl = 'https://github.com/coursemark/coursemark#'

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
  message.url = options.url ?? docsUrl + options.ruleId
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
