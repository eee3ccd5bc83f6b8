/**
 * The one severity scale, and its conversions at vfile's edge. A module of
 * its own, without the message library, so that the rules (which make their
 * messages with `file.message`) load only this.
 */
import type {VFileMessage} from 'vfile-message'

/**
 * How much a diagnostic matters: the one scale from the config (a rule set
 * to `warning`) to every reporter (the JSON report spells it so). Other forms
 * are made at the edges that need them, each by one function: vfile's
 * `fatal` (`fatalOf`, `severityOf`), SARIF's `level`, GitHub's annotation
 * command.
 */
export type Severity = 'error' | 'warning' | 'info'

/** The severity of a message, from its `fatal` field (the inverse of `fatalOf`). */
export function severityOf(message: Pick<VFileMessage, 'fatal'>): Severity {
  return message.fatal === true
    ? 'error'
    : message.fatal === false
      ? 'warning'
      : 'info'
}

/** vfile's `fatal` of a severity: `true` for an error, `false` for a warning, `undefined` for info. */
export function fatalOf(severity: Severity): boolean | undefined {
  return severity === 'error' ? true : severity === 'warning' ? false : undefined
}
