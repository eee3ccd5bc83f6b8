/**
 * ## What is this?
 *
 * Reports frontmatter that does not match the checkpoint schema: a missing
 * frontmatter or required key (`title`, `time`), a value of the wrong type or
 * format (`time: about an hour`), a `team` outside the configured teams, and
 * keys the schema does not declare (with "did you mean …?"). Each message
 * points at the exact key or value.
 *
 * The problems are found once, when the Checkpoint model is built
 * (`@coursemark/core`'s JSON Schema validation, configured with the
 * `validate` setting: a custom `schema`, `teams`, `unknownKeys`); this rule
 * reports them. Each keeps its own severity: schema errors are errors and
 * unknown keys are warnings (set `unknownKeys: 'error'` or `'off'` in the
 * `validate` setting to change that). Turning the rule to `warn` makes all of
 * them warnings.
 *
 * It checks lessons, breaks and projects (site pages get only the YAML
 * syntax checks of `frontmatter-yaml`). A missing frontmatter is reported on
 * lessons only, and not at all in a course where no lesson has any (a plain
 * repository of markdown lessons, as `coursemark lint` and the plugin under
 * remark-cli see its site).
 *
 * A `timeHours` that disagrees with `time` is reported by
 * `time-hours-consistent` instead, so it is never reported twice.
 *
 * ## When should I use this?
 *
 * Always: tools that build course catalogues read the frontmatter.
 *
 * ## Options
 *
 * None. Validation is configured with the `validate` setting.
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
 *   time: 1.5 hours
 *   ---
 *
 *   # Loops
 *
 * @example
 *   {"label": "input", "name": "bad-time.md"}
 *
 *   ---
 *   title: Loops
 *   time: about an hour
 *   ---
 *
 * @example
 *   {"label": "output", "name": "bad-time.md"}
 *
 *   3:7-3:20: Unexpected `time` value `about an hour`, expected minutes (`90`) or a duration (`1.5 hours`)
 *
 * @example
 *   {"label": "input", "name": "unknown-key.md"}
 *
 *   ---
 *   title: Loops
 *   time: 30
 *   titel: Loops
 *   ---
 *
 * @example
 *   {"label": "output", "name": "unknown-key.md"}
 *
 *   4:1-4:6: Unexpected unknown frontmatter key `titel`, did you mean `title`?
 *
 * @example
 *   {"label": "input", "name": "missing.md"}
 *
 *   # Loops
 *
 * @example
 *   {"label": "output", "name": "missing.md"}
 *
 *   1:1-1:1: Unexpected missing frontmatter, expected a `---` block with `title` and `time`
 */
import {getProfile} from '@coursemark/core'
import {reportModelMessages} from '../model-messages.js'
import {getModel} from '../file-model.js'
import {kindOf, siteOf} from '../file-site.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'frontmatter-schema',
  description: 'Report frontmatter that does not match the schema (errors), and unknown keys (warnings)',
  tags: ['frontmatter'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'},
  kinds: ['lesson', 'break', 'project']
}

export default defineRule(meta, (context) => {
  // Frontmatter is required of lessons only, and not in a course whose lessons have none.
  const model = getModel(context.tree, context.file)
  const kind = kindOf(context.file)
  if (model.frontmatter === null && (kind !== 'lesson' || siteOf(context.file)?.frontmatterless)) return
  if (kind !== 'break') {
    reportModelMessages(context)
    return
  }

  // A break gives its minutes as `break`: the lesson's time keys (`teaching`, `exercises`) are not asked of it.
  const timeKeys = new Set(getProfile(model.checkpoint.format).time.keys.flat().map((key) => key.replace(/\?$/, '')))
  for (const message of model.messages) {
    if (message.ruleId !== context.id) continue
    if (message.reason.startsWith('Unexpected missing `') && timeKeys.has(String(message.actual))) continue
    context.adopt(message)
  }
})
