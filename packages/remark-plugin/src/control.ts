/**
 * Inline control for coursemark messages, as remark users already write it:
 * `<!--lint disable rule-id-->`, `<!--lint enable rule-id-->`,
 * `<!--lint ignore rule-id-->`.
 *
 * `remark-lint` only controls messages whose source is `remark-lint`; ours
 * have the source `coursemark`, so this plugin adds the same `lint` comments
 * for them. It skips files with no HTML comment at all: message control walks
 * the tree twice and indexes every line, wasted work on the many files with
 * no `<!--`.
 */
import type {Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import type {Plugin, Processor} from 'unified'
import type {VFile} from 'vfile'

/**
 * Let `<!--lint …-->` comments turn coursemark rules off and on.
 * Like `remark-lint`, it adds its transform at the end of the pipeline, so it
 * sees the messages of every rule.
 */
export const remarkCoursemarkControl: Plugin<[], Root> = function (this: Processor) {
  this.use(control)
}

function control() {
  const transform = remarkMessageControl({name: 'lint', source: 'coursemark'})
  return function (tree: Root, file: VFile) {
    if (String(file.value).includes('<!--')) transform(tree, file)
  }
}
