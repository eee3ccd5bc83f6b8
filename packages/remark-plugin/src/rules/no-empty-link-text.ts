/**
 * ## What is this?
 *
 * Checks that every markdown link has text: `[](https://example.com/guide)`
 * renders as nothing a learner can see or click, and screen readers announce
 * only "link".
 *
 * A link whose only content is an image (`[![Logo](logo.png)](https://…)`)
 * is left to `image-alt-text`. An empty URL (`[text]()`) is the upstream rule
 * `no-empty-url`.
 *
 * ## When should I use this?
 *
 * Always. An empty link is a leftover of editing (a link pasted twice, text
 * deleted), never intended.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (error).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Read the [style guide](https://example.com/guide).
 *
 *   [![Course logo](logo.png)](https://example.com)
 *
 * @example
 *   {"label": "input", "name": "empty.md"}
 *
 *   Read the [](https://example.com/guide)[style guide](https://example.com/guide).
 *
 *   See [ ][guide].
 *
 *   [guide]: https://example.com/guide
 *
 * @example
 *   {"label": "output", "name": "empty.md"}
 *
 *   1:10-1:39: Unexpected link without text, expected text that says where the link goes
 *   3:5-3:15: Unexpected link without text, expected text that says where the link goes
 */
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {sourceOf} from '../position.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'no-empty-link-text',
  description: 'Warn on links without text (`[](https://…)`)',
  tags: ['links', 'accessibility'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'error'}
}

const imageLabel = /^\[\s*(?:!\[|<img\b)/i

const rule = defineRule(meta, ({tree, file, report}) => {
  const {checkpoint} = getModel(tree, file)
  const value = sourceOf(file)

  for (const link of checkpoint.links) {
    if (link.text !== '' || (link.syntax !== 'inline' && link.syntax !== 'reference')) continue
    const source = value.slice(link.position.start.offset, link.position.end.offset)
    if (imageLabel.test(source)) continue
    const message = report(
      'Unexpected link without text, expected text that says where the link goes',
      {place: link.position}
    )
    message.actual = source
  }
})

export default rule
