/**
 * ## What is this?
 *
 * Checks for headings whose whole text is wrapped in bold or italics, such as
 * `## **Title**`. A heading is already emphasised by its style; the extra
 * markers only make the source noisy and the rendering inconsistent with the
 * other headings.
 *
 * ## When should I use this?
 *
 * Always. Emphasis on part of a heading (`## The **for** loop`) is fine.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * Fixable: `coursemark lint --fix` removes the markers. On in `recommended`
 * and `strict` as a warning.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Getting involved
 *
 *   ## The **for** loop
 *
 * @example
 *   {"label": "input", "name": "bold.md"}
 *
 *   ## **Getting involved**
 *
 *   ### _Meetups_
 *
 * @example
 *   {"label": "output", "name": "bold.md"}
 *
 *   1:4-1:24: Unexpected `**` around the whole heading, expected plain heading text
 *   3:5-3:14: Unexpected `_` around the whole heading, expected plain heading text
 */
import type {Heading, Root} from 'mdast'
import {setFix} from '../fix.js'
import {sourceOf} from '../position.js'
import {nodesOfType} from '../node-index.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'no-heading-emphasis',
  description: 'Warn on headings wrapped in bold or italics (`## **Title**`); fixable',
  tags: ['headings', 'style', 'fixable'],
  fixable: true,
  presets: {recommended: 'warning', strict: 'warning'}
}

const rule = defineRule(meta, ({tree, file, report}) => {
  const value = sourceOf(file)

  const check = (heading: Heading) => {
    const content = heading.children.filter(
      (child) => !(child.type === 'text' && child.value.trim() === '')
    )
    const only = content[0]
    if (content.length !== 1 || !only || (only.type !== 'strong' && only.type !== 'emphasis')) {
      return
    }

    const first = only.children[0]
    const last = only.children.at(-1)
    const start = only.position?.start.offset
    const end = only.position?.end.offset
    const innerStart = first?.position?.start.offset
    const innerEnd = last?.position?.end.offset
    if (
      start === undefined ||
      end === undefined ||
      innerStart === undefined ||
      innerEnd === undefined
    ) {
      return
    }

    const opening = value.slice(start, innerStart)
    const closing = value.slice(innerEnd, end)
    const message = report(
      `Unexpected \`${opening}\` around the whole heading, expected plain heading text`,
      {place: only.position}
    )
    message.actual = value.slice(start, end)
    message.expected = [value.slice(innerStart, innerEnd)]
    // Only markers are removed: anything else between them is left alone.
    if (/^[*_]+$/.test(opening) && /^[*_]+$/.test(closing)) {
      setFix(message, [
        {start, end: innerStart, text: ''},
        {start: innerEnd, end, text: ''}
      ])
    }
  }

  for (const heading of nodesOfType(tree, 'heading')) check(heading)
})

export default rule
