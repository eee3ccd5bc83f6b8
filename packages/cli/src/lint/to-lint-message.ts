/** A VFileMessage (of a rule, the model or unified) as a plain `LintMessage`. */
import type {Position} from '@coursemark/core'
import {severityOf} from '@coursemark/core/severity'
import {getFix} from '@coursemark/remark-plugin/rule'
import type {VFileMessage} from 'vfile-message'
import {detach} from './plain-messages.js'
import type {LintMessage} from '../types.js'

/** A VFileMessage as plain data (its strings detached from the file's text). */
export function toLintMessage(message: VFileMessage): LintMessage {
  const result: LintMessage = {
    ruleId: message.ruleId ?? 'unknown',
    source: message.source ?? 'coursemark',
    reason: detach(message.reason),
    severity: severityOf(message),
    place: toPosition(message.place),
    url: message.url ?? null
  }
  if (typeof message.actual === 'string') result.actual = detach(message.actual)
  if (Array.isArray(message.expected)) result.expected = message.expected.map(detach)
  const fix = getFix(message)
  if (fix && fix.length > 0) result.fix = fix.map((edit) => ({start: edit.start, end: edit.end, text: detach(edit.text)}))
  return result
}

function toPosition(place: VFileMessage['place']): Position | null {
  if (!place) return null
  if ('start' in place) {
    return {
      start: {line: place.start.line, column: place.start.column, offset: place.start.offset ?? 0},
      end: {line: place.end.line, column: place.end.column, offset: place.end.offset ?? 0}
    }
  }

  const point = {line: place.line, column: place.column, offset: place.offset ?? 0}
  return {start: point, end: {...point}}
}
