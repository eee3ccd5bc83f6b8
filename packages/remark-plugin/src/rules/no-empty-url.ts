/**
 * ## What is this?
 *
 * Reports links, images and definitions whose URL is empty, `#` or `?`:
 * they point at the page itself, usually a link whose target was never
 * filled in (`[docs]()`).
 *
 * Same id, behaviour and `<!--lint disable no-empty-url-->` control as
 * remark-lint's `no-empty-url`, on coursemark's shared node index.
 *
 * ## When should I use this?
 *
 * Always.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * On in `recommended` and `strict` as an error: a student clicks and nothing
 * happens.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   See [the docs](https://example.com/docs) and ![a plot](plot.png).
 *
 * @example
 *   {"label": "input", "name": "empty.md"}
 *
 *   See [the docs]() and ![a plot](#).
 *
 *   [notes]: ?
 *
 * @example
 *   {"label": "output", "name": "empty.md"}
 *
 *   1:5-1:17: Unexpected empty link URL referencing the current document, expected URL
 *   1:22-1:34: Unexpected empty image URL referencing the current document, expected URL
 *   3:1-3:11: Unexpected empty definition URL referencing the current document, expected URL
 */
import {nodesOfTypes} from '../node-index.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'no-empty-url',
  description: 'Report links, images and definitions whose URL is empty, `#` or `?`',
  tags: ['links'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'}
}

export default defineRule(meta, ({tree, report}) => {
  for (const node of nodesOfTypes(tree, ['link', 'image', 'definition'])) {
    if (node.position && (!node.url || node.url === '#' || node.url === '?')) {
      report(`Unexpected empty ${node.type} URL referencing the current document, expected URL`, {
        place: node.position
      })
    }
  }
})
