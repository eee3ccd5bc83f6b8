/**
 * ## What is this?
 *
 * Reports YAML frontmatter (between `---` lines) that cannot be read:
 * syntax errors, duplicate keys, tabs in indentation, a frontmatter that is a
 * list or a single value instead of a mapping, an unclosed `---` block. Each
 * message points at the exact place in the YAML. TOML frontmatter (`+++`) has
 * its own rule, `frontmatter-toml`.
 *
 * The problems are found once, when the Checkpoint model is built
 * (`@coursemark/core`); this rule reports them.
 *
 * ## When should I use this?
 *
 * Always: when the YAML cannot be read, no other frontmatter check can run.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * On in `recommended` and `strict` as an error.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ---
 *   title: Loops
 *   time: 30
 *   ---
 *
 *   # Loops
 *
 * @example
 *   {"label": "input", "name": "duplicate.md"}
 *
 *   ---
 *   title: Loops
 *   title: Loops again
 *   ---
 *
 * @example
 *   {"label": "output", "name": "duplicate.md"}
 *
 *   3:1-3:6: Unexpected duplicate frontmatter key `title`, expected each key once
 *
 * @example
 *   {"label": "input", "name": "list.md"}
 *
 *   ---
 *   - title
 *   ---
 *
 * @example
 *   {"label": "output", "name": "list.md"}
 *
 *   2:1-2:8: Unexpected frontmatter that is a list, expected a mapping of keys to values (`title: …`)
 */
import {reportModelMessages} from '../model-messages.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'frontmatter-yaml',
  description: 'Report frontmatter that is not readable YAML (syntax, duplicate keys, tabs, not a mapping, unclosed)',
  tags: ['frontmatter'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'}
}

export default defineRule(meta, reportModelMessages)
