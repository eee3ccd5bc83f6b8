/**
 * ## What is this?
 *
 * Checks that a checkpoint has an assignment: a section headed "Assignment",
 * "Your task", "Exercises", "Practice" (the `headings.assignment` setting).
 * The message names the place the lesson's format keeps it in (a
 * `::: challenge` block in the Carpentries Workbench, an `### Assignment`
 * section in The Odin Project).
 *
 * ## When should I use this?
 *
 * On curricula where every checkpoint ends with work for the learner. Many
 * reading-only lessons have none, so it is only in `strict`. Stubs that only
 * embed a notebook (`<jupyter …/>`) are not checked.
 *
 * ## Options
 *
 * None. The headings that count are the `headings.assignment` setting.
 *
 * ## Recommendation
 *
 * Learners remember what they practise. On in `strict` (error); off in
 * `recommended`.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Objectives
 *
 *   - Write a `for` loop
 *
 *   ## Assignment
 *
 *   1. Write a loop that prints 1 to 10.
 *
 * @example
 *   {"name": "stub.md"}
 *
 *   <jupyter notebook-name="Loops"/>
 *
 * @example
 *   {"label": "input", "name": "missing.md"}
 *
 *   ## Objectives
 *
 *   - Write a `for` loop
 *
 *   ## Loops
 *
 *   A loop repeats work.
 *
 * @example
 *   {"label": "output", "name": "missing.md"}
 *
 *   7:1-7:21: Unexpected checkpoint without an assignment, expected an `## Assignment` section with steps for the learner
 *
 * @example
 *   {"label": "input", "name": "workbench.md", "format": "carpentries", "site": "workbench"}
 *
 *   ---
 *   title: Loops
 *   teaching: 10
 *   exercises: 5
 *   ---
 *
 *   Loops repeat work.
 *
 * @example
 *   {"label": "output", "name": "workbench.md"}
 *
 *   7:1-7:19: Unexpected checkpoint without an assignment, expected a `::: challenge` block
 *
 * @example
 *   {"label": "input", "name": "odin.md", "format": "odin"}
 *
 *   ### Introduction
 *
 *   Loops repeat work.
 *
 * @example
 *   {"label": "output", "name": "odin.md"}
 *
 *   3:1-3:19: Unexpected checkpoint without an assignment, expected an `### Assignment` section
 */
import {partPlace} from '@coursemark/core'
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {siteOf} from '../file-site.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'assignment-present',
  description: 'Require an assignment section',
  tags: ['assignment', 'structure'],
  fixable: false,
  presets: {strict: 'error'},
  kinds: ['lesson', 'project']
}

const rule = defineRule(meta, ({tree, file, report}) => {
  const {checkpoint} = getModel(tree, file)
  if (checkpoint.assignment) return
  // A stub whose body is only embeds (a notebook) has its assignment elsewhere.
  if (checkpoint.wordCount === 0 && checkpoint.embeds.length > 0) return
  // The assignment goes at the end: point at the last block.
  const last = tree.children.findLast((node) => node.type !== 'yaml')
  report(`Unexpected checkpoint without an assignment, expected ${partPlace(checkpoint.format, 'assignment', siteOf(file)?.site.flavour)}`, {
    place: last?.position ?? {line: 1, column: 1}
  })
})

export default rule
