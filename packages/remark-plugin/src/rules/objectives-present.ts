/**
 * ## What is this?
 *
 * Checks that a checkpoint states what the learner will be able to do: an
 * objectives section ("Objectives", "Learning objectives", "Goals", …), an
 * inline `**Objective:** …` paragraph, or an `objectives` list in the
 * frontmatter.
 *
 * ## When should I use this?
 *
 * On lessons that should open with learning objectives. Stubs that only embed
 * a notebook (`<jupyter …/>`) are not checked: their objectives live in the
 * notebook.
 *
 * ## Options
 *
 * None. The headings that count are the `headings.objectives` setting.
 *
 * ## Recommendation
 *
 * Learners who know the goal learn better; reviewers need it to judge a lesson.
 * On in `recommended` (warning) and `strict` (error).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ---
 *   title: Loops
 *   time: 30
 *   ---
 *
 *   ## Objectives
 *
 *   - Write a `for` loop
 *
 * @example
 *   {"name": "inline.md"}
 *
 *   **Objective:** Write a `for` loop.
 *
 * @example
 *   {"name": "stub.md"}
 *
 *   <jupyter notebook-name="Loops"/>
 *
 * @example
 *   {"label": "input", "name": "missing.md"}
 *
 *   ---
 *   title: Loops
 *   time: 30
 *   ---
 *
 *   ## Overview
 *
 *   Loops repeat work.
 *
 * @example
 *   {"label": "output", "name": "missing.md"}
 *
 *   6:1-6:12: Unexpected checkpoint without learning objectives, expected an `## Objectives` section or an `**Objective:**` paragraph
 *
 * @example
 *   {"label": "input", "name": "empty-section.md"}
 *
 *   ## Objectives
 *
 *   ## Content
 *
 * @example
 *   {"label": "output", "name": "empty-section.md"}
 *
 *   1:1-1:14: Unexpected empty objectives section, expected a list of objectives
 */
import type {Root} from 'mdast'
import {getModel} from '../model.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'objectives-present',
  description: 'Require learning objectives (section, inline `**Objective:**`, or frontmatter)',
  tags: ['objectives', 'structure'],
  fixable: false,
  presets: {recommended: 'warn', strict: 'error'},
  kinds: ['lesson']
}

const rule = defineRule(meta, ({tree, file, report}) => {
  const {checkpoint} = getModel(tree, file)
  if (checkpoint.objectives.length > 0) return

  if (checkpoint.objectivesPosition) {
    report('Unexpected empty objectives section, expected a list of objectives', {
      place: checkpoint.objectivesPosition
    })
    return
  }

  // A stub whose body is only embeds (a notebook) has its objectives elsewhere.
  if (checkpoint.wordCount === 0 && checkpoint.embeds.length > 0) return

  const first = tree.children.find((node) => node.type !== 'yaml')
  report(
    'Unexpected checkpoint without learning objectives, expected an `## Objectives` section or an `**Objective:**` paragraph',
    {place: first?.position ?? {line: 1, column: 1}}
  )
})

export default rule
