/**
 * Inline control for coursemark messages, as remark users already write it:
 * `<!--lint disable rule-id-->`, `<!--lint enable rule-id-->`,
 * `<!--lint ignore rule-id-->`.
 *
 * `remark-lint` only controls messages whose source is `remark-lint`; ours
 * have the source `coursemark`, so this plugin adds the same `lint` comments
 * for them.
 */
import type {Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import type {Plugin, Processor} from 'unified'

/**
 * Let `<!--lint …-->` comments turn coursemark rules off and on.
 * Like `remark-lint`, it adds its transform at the end of the pipeline, so it
 * sees the messages of every rule.
 */
export const remarkCoursemarkControl: Plugin<[], Root> = function (this: Processor) {
  this.use(control)
}

function control() {
  return remarkMessageControl({name: 'lint', source: 'coursemark'})
}
