/**
 * ## What is this?
 *
 * Warns when two link reference definitions (`[id]: url`), or two footnote
 * definitions (`[^id]: …`), share an identifier (compared as markdown
 * does: case and white space folded). Only the first is used, so the second
 * URL is silently ignored. The cause points at the definition before it.
 *
 * Same id, behaviour and `<!--lint disable no-duplicate-definitions-->`
 * control as remark-lint's `no-duplicate-definitions`, on coursemark's
 * shared node index.
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
 * On in `recommended` and `strict` as a warning.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Read [the docs][docs] and [the guide][guide].
 *
 *   [docs]: https://example.com/docs
 *   [guide]: https://example.com/guide
 *
 * @example
 *   {"label": "input", "name": "twice.md"}
 *
 *   Read [the docs][docs].
 *
 *   [docs]: https://example.com/docs
 *   [Docs]: https://example.com/other
 *
 * @example
 *   {"label": "output", "name": "twice.md"}
 *
 *   4:1-4:34: Unexpected definition with an already defined identifier (`docs`), expected unique identifiers
 */
import type {Nodes} from 'mdast'
import {VFileMessage} from 'vfile-message'
import {nodesOfTypes} from '../node-index.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'no-duplicate-definitions',
  description: 'Warn when a link reference definition (`[id]: url`) or footnote definition is defined twice',
  tags: ['links'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'}
}

export default defineRule(meta, ({id, tree, report}) => {
  const seen = {definition: new Map<string, Nodes>(), footnoteDefinition: new Map<string, Nodes>()}

  for (const node of nodesOfTypes(tree, ['definition', 'footnoteDefinition'])) {
    if (!node.identifier || !node.position) continue
    const map = seen[node.type]
    const before = map.get(node.identifier)
    if (before) {
      report(
        `Unexpected ${node.type === 'footnoteDefinition' ? 'footnote ' : ''}definition with an already defined identifier (\`${node.identifier}\`), expected unique identifiers`,
        {
          place: node.position,
          cause: new VFileMessage('Identifier already defined here', {
            place: before.position,
            source: 'coursemark',
            ruleId: id
          })
        }
      )
    }

    map.set(node.identifier, node)
  }
})
