/**
 * Fixes that rules declare safe: text edits by offset, applied by
 * `coursemark lint --fix`.
 */
import type {VFileMessage} from 'vfile-message'

/** Replace the text from `start` to `end` (offsets into the file) with `text`. */
export interface FixEdit {
  start: number
  end: number
  text: string
}

const fixes = new WeakMap<VFileMessage, FixEdit[]>()

/** Attach edits to a message (used by fixable rules). */
export function setFix(message: VFileMessage, edits: FixEdit[]): VFileMessage {
  fixes.set(message, edits)
  return message
}

/** The edits that fix a message, or `undefined` when it has none. */
export function getFix(message: VFileMessage): FixEdit[] | undefined {
  return fixes.get(message)
}
