/**
 * ## What is this?
 *
 * Checks that a checkpoint states what the learner will be able to do: an
 * objectives section ("Objectives", "Learning objectives", "Goals", …), an
 * inline `**Objective:** …` paragraph, or an `objectives` list in the
 * frontmatter.
 *
 * The message names the place the lesson's format (and its site generator,
 * when the site is known) keeps objectives in: an `## Objectives` section
 * for checkpoints, a `::: objectives` block in the Carpentries Workbench,
 * `objectives:` in the frontmatter of a legacy (Jekyll) Carpentries lesson,
 * a `### Lesson overview` list in The Odin Project.
 *
 * ## When should I use this?
 *
 * On lessons that should open with learning objectives. Stubs that only embed
 * a notebook (`<jupyter …/>`) are not checked: their objectives live in the
 * notebook. In a repository where no lesson states objectives at all (a
 * workshop of how-to pages: the site model reads the lessons' text for the
 * format's objectives headings, keys, blocks and lead-ins), a missing
 * section is not reported: the course does not use objectives. An empty
 * objectives section still is.
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
 *   7:1-7:19: Unexpected checkpoint without learning objectives, expected a `::: objectives` block
 *
 * @example
 *   {"label": "input", "name": "jekyll.md", "format": "carpentries", "site": "jekyll"}
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
 *   {"label": "output", "name": "jekyll.md"}
 *
 *   7:1-7:19: Unexpected checkpoint without learning objectives, expected `objectives:` in the frontmatter
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
 *   1:1-1:17: Unexpected checkpoint without learning objectives, expected a `### Lesson overview` list
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
import {partPlace} from '@coursemark/core'
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {siteOf} from '../file-site.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'objectives-present',
  description: 'Require learning objectives (section, inline `**Objective:**`, or frontmatter)',
  tags: ['objectives', 'structure'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'error'},
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
  // A course that never states objectives is not told so on every lesson.
  if (siteOf(file)?.objectiveless) return

  const first = tree.children.find((node) => node.type !== 'yaml' && node.type !== 'toml')
  report(`Unexpected checkpoint without learning objectives, expected ${partPlace(checkpoint.format, 'objectives', siteOf(file)?.site.flavour)}`, {
    place: first?.position ?? {line: 1, column: 1}
  })
})

export default rule
