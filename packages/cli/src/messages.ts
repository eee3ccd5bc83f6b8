/** Diagnostics as plain data: from a VFileMessage, and in a stable order. */
import type {Position} from '@coursemark/core'
import {severityOf} from '@coursemark/core/messages'
import {getFix} from '@coursemark/remark-plugin/rule'
import type {VFileMessage} from 'vfile-message'
import type {LintMessage} from './types.js'

/**
 * A copy of `value` that does not keep the text of its file alive. V8 makes
 * a slice of a string, or a string built from one, point into the string it
 * came from: one URL or one reason kept per file kept every file's whole
 * text, and a lint of 10,000 files peaked at 800 MB. The results of a run
 * outlive the files, so what they keep is copied once.
 */
export function detach(value: string): string {
  return value.length === 0 ? value : (' ' + value).slice(1)
}

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

/** Sort by position, then rule id, so output is stable. */
export function sortMessages(messages: LintMessage[]): void {
  messages.sort((a, b) => {
    const al = a.place?.start.line ?? 0
    const bl = b.place?.start.line ?? 0
    if (al !== bl) return al - bl
    const ac = a.place?.start.column ?? 0
    const bc = b.place?.start.column ?? 0
    if (ac !== bc) return ac - bc
    return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0
  })
}
