/**
 * Link fixes as ordinary fix edits: a permanently redirected URL (and, with
 * `--fix-archived`, a dead one with an archived copy) is replaced at the
 * exact range where it is written (its `LinkUse`), by an absolute `http(s)`
 * URL encoded for that place (`fix-edit.ts`). The edit rides on the message
 * as `fix`, as a rule's does, and the lint's fix path applies and writes it.
 */
import {urlEdit} from './fix-edit.js'
import type {ExternalUse, LintMessage} from '../types.js'

/**
 * Give each fixable link message of a file its fix edit: the one of the
 * file's external URLs (`uses`) it is about (the same place and URL) with its
 * new URL. Returns the messages that got one. `text` is the file as the uses
 * were read from.
 */
export function addLinkFixes(text: string, messages: readonly LintMessage[], uses: readonly ExternalUse[], archived = false): LintMessage[] {
  const byPlace = new Map<string, ExternalUse>()
  for (const use of uses) byPlace.set(`${use.position.start.offset} ${use.url.trim()}`, use)
  const fixable: LintMessage[] = []
  for (const message of messages) {
    const from = message.actual
    const to = message.expected?.[0]
    const fixes = message.ruleId === 'link-redirected' || (archived && message.ruleId === 'link-dead')
    if (!fixes || !message.place || from === undefined || from === '' || to === undefined) continue
    const use = byPlace.get(`${message.place.start.offset} ${from}`)
    const edit = use && urlEdit(text, use, to)
    if (!edit) continue
    message.fix = [edit]
    fixable.push(message)
  }

  return fixable
}
