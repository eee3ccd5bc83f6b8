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
// The rule API (`defineRule`, `defineRuleMeta`, `ruleSetting`, `getFix`,
// `setFix` and their types), also the light entry `@coursemark/remark-plugin/rule`.
export * from './rule-api.js'
export {remarkCoursemarkSettings} from './settings.js'
export {remarkCoursemarkControl} from './control.js'
export type {CoursemarkSettings} from './settings.js'
export {getModel} from './model.js'

/** The `recommended` preset. */
export default recommended
