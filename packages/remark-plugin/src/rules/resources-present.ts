/**
 * ## What is this?
 *
 * Checks that a checkpoint points learners further: a section headed
 * "Additional resources", "Resources", "Further reading", "Learn more" (the
 * `headings.resources` setting) with at least one link.
 *
 * ## When should I use this?
 *
 * On curricula whose template ends with resources. Many lessons have none,
 * so it is only in `strict`. Stubs that only embed a notebook
 * (`<jupyter …/>`) are not checked.
 *
 * ## Options
 *
 * None. The headings that count are the `headings.resources` setting.
 *
 * ## Recommendation
 *
 * On in `strict` as a warning; off in `recommended`.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Loops
 *
 *   A loop repeats work.
 *
 *   ## Additional resources
 *
 *   - [The Python tutorial](https://docs.python.org/3/tutorial/)
 *
 * @example
 *   {"label": "input", "name": "missing.md"}
 *
 *   ## Loops
 *
 *   A loop repeats work.
 *
 * @example
 *   {"label": "output", "name": "missing.md"}
 *
 *   3:1-3:21: Unexpected checkpoint without resources, expected an `## Additional resources` section with links for further study
 *
 * @example
 *   {"label": "input", "name": "no-links.md"}
 *
 *   ## Loops
 *
 *   A loop repeats work.
 *
 *   ## Further reading
 *
 *   Search the web for loops.
 *
 * @example
 *   {"label": "output", "name": "no-links.md"}
 *
 *   5:1-5:19: Unexpected resources section without links, expected a list of links for further study
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
 *   3:1-3:19: Unexpected checkpoint without resources, expected an `### Additional resources` section with links for further study
 */
import {defaultHeadingAliases, partPlace, type Section} from '@coursemark/core'
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {siteOf} from '../file-site.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'resources-present',
  description: 'Require a resources section with links for further study',
  tags: ['resources', 'structure'],
  fixable: false,
  presets: {strict: 'warning'},
  kinds: ['lesson']
}

const rule = defineRule(meta, ({tree, file, report}) => {
  const {checkpoint} = getModel(tree, file)
  if (checkpoint.resources.length > 0) return
  if (checkpoint.wordCount === 0 && checkpoint.embeds.length > 0) return
  const aliases = file.data.coursemarkSettings?.headings?.resources ?? defaultHeadingAliases.resources
  const wanted = new Set(aliases.map((alias) => normalise(alias)))
  const section = flatten(checkpoint.sections).find((item) => wanted.has(normalise(item.text)))

  if (section) {
    report(
      'Unexpected resources section without links, expected a list of links for further study',
      {place: section.position}
    )
    return
  }

  const last = tree.children.findLast((node) => node.type !== 'yaml')
  report(`Unexpected checkpoint without resources, expected ${partPlace(checkpoint.format, 'resources', siteOf(file)?.site.flavour)}`, {
    place: last?.position ?? {line: 1, column: 1}
  })
})

export default rule

function flatten(sections: Section[]): Section[] {
  const result: Section[] = []
  const stack = [...sections].reverse()
  while (stack.length > 0) {
    const section = stack.pop()
    if (!section) continue
    result.push(section)
    for (let index = section.children.length - 1; index >= 0; index--) {
      const child = section.children[index]
      if (child) stack.push(child)
    }
  }

  return result
}

/** As core matches headings: lower case, letters, digits and single spaces. */
function normalise(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
