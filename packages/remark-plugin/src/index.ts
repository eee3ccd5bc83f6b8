/**
 * `@coursemark/remark-plugin`: remark-lint rules and presets for markdown
 * course checkpoints.
 *
 * The default export is the `recommended` preset, so a `.remarkrc.json` of
 * `{"plugins": ["remark-frontmatter", "@coursemark/remark-plugin"]}` runs it
 * in remark-cli and in editors.
 */
import {recommended} from './presets.js'

export {createPreset, recommended, strict} from './presets.js'
export type {PresetOptions} from './presets.js'
export {registry} from './registry.js'
export {defineRule, defineRuleMeta, ruleSetting} from './rule.js'
export type {
  Check,
  PresetName,
  Report,
  ReportOptions,
  Rule,
  RuleConfig,
  RuleContext,
  RuleMeta,
  RuleMetaInput,
  RuleSeverity
} from './rule.js'
export {remarkCoursemarkSettings} from './settings.js'
export {remarkCoursemarkControl} from './control.js'
export type {CoursemarkSettings} from './settings.js'
export {getModel} from './model.js'
export {getFix, setFix} from './fix.js'
export type {FixEdit} from './fix.js'

/** The `recommended` preset. */
export default recommended
