/**
 * ## What is this?
 *
 * Reports TOML frontmatter (between `+++` lines, as Hugo writes it) that
 * cannot be read: syntax errors, duplicate keys, an unclosed `+++` block.
 * Each message points at the place in the TOML. YAML frontmatter has its own
 * rule, `frontmatter-yaml`.
 *
 * The problems are found once, when the Checkpoint model is built
 * (`@coursemark/core`); this rule reports them.
 *
 * ## When should I use this?
 *
 * Always, in a format that reads TOML frontmatter (`hugo`): when the TOML
 * cannot be read, no other frontmatter check can run.
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
 *   {"name": "ok.md", "format": "hugo"}
 *
 *   +++
 *   title = "Loops"
 *   time = 30
 *   +++
 *
 *   # Loops
 *
 * @example
 *   {"label": "input", "name": "duplicate.md", "format": "hugo"}
 *
 *   +++
 *   title = "Loops"
 *   title = "Loops again"
 *   +++
 *
 * @example
 *   {"label": "output", "name": "duplicate.md"}
 *
 *   3:1-3:6: Unexpected duplicate frontmatter key `title`, expected each key once
 *
 * @example
 *   {"label": "input", "name": "unclosed.md", "format": "hugo"}
 *
 *   +++
 *   title = "Loops"
 *
 *   # Loops
 *
 * @example
 *   {"label": "output", "name": "unclosed.md"}
 *
 *   1:1-1:4: Unexpected unclosed frontmatter, expected a `+++` line to close it
 */
import {reportModelMessages} from '../model-messages.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'frontmatter-toml',
  description: 'Report TOML frontmatter (`+++`) that cannot be read (syntax, duplicate keys, unclosed)',
  tags: ['frontmatter'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'}
}

export default defineRule(meta, reportModelMessages)
