/** Text edits by offset (what fixes are made of). */
import type {Edit, LintMessage} from '../types.js'

/**
 * Apply edits that do not overlap (the first of overlapping edits wins; the
 * others are left for the next pass).
 */
export function applyEdits(value: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let result = ''
  let cursor = 0
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > value.length) continue
    result += value.slice(cursor, edit.start) + edit.text
    cursor = edit.end
  }

  return result + value.slice(cursor)
}

/**
 * Apply the fix edits of `messages` (rules' fixes and link fixes alike) to
 * `value`, as `applyEdits` does: the new text, and the messages that had edits.
 */
export function applyFixes(value: string, messages: readonly LintMessage[]): {text: string; fixed: LintMessage[]} {
  const fixed = messages.filter((message) => message.fix !== undefined && message.fix.length > 0)
  return {text: applyEdits(value, fixed.flatMap((message) => message.fix ?? [])), fixed}
}

/** Add the fixed messages to the counts of fixes by rule id. */
export function countFixes(counts: Record<string, number>, fixed: readonly LintMessage[]): Record<string, number> {
  for (const message of fixed) counts[message.ruleId] = (counts[message.ruleId] ?? 0) + 1
  return counts
}
