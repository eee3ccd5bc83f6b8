/** Text edits by offset (what fixes are made of). */
import type {Edit} from '../types.js'

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
