/**
 * Diagnostics as plain data: strings detached from their file, and a stable
 * order. Made from a VFileMessage by `to-lint-message.ts`; this module imports
 * nothing, so a cached rerun loads no message library.
 */
import type {LintMessage} from '../types.js'

/**
 * A copy of `value` that does not keep the text of its file alive. V8 makes
 * a slice of a string, or a string built from one, point into the string it
 * came from: one URL or one reason kept per file kept every file's whole
 * text, so a large lint held every lesson in memory. The results of a run
 * outlive the files, so what they keep is copied once.
 */
export function detach(value: string): string {
  return value.length === 0 ? value : (' ' + value).slice(1)
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
