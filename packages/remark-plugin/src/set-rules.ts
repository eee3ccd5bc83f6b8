/**
 * `@coursemark/remark-plugin/set-rules`: the rules of the registry that have
 * a finish phase over the file set, without the other rules or the parser,
 * so that a tool running only their finish phase on facts it kept (the CLI's
 * cached rerun) loads little. The registry lists them too, last.
 */
import type {Rule} from './rule.js'
import duplicateUuid from './rules/duplicate-uuid.js'
import duplicateTitle from './rules/duplicate-title.js'
import courseTimeBudget from './rules/course-time-budget.js'

/** The rules with a finish phase over the file set, in the order they report. */
export const setRules: readonly Rule[] = [duplicateUuid, duplicateTitle, courseTimeBudget]

export {finishFinds, finishRule} from './rule.js'
export type {Finish, SetEntry, SetFact, SetRecord, SetReport} from './rule.js'
