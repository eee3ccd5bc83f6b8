/**
 * `@coursemark/remark-plugin`: remark-lint rules and presets for markdown
 * course checkpoints.
 *
 * The default export is `remarkCoursemark`, so a `.remarkrc.json` of
 * `{"plugins": ["remark-frontmatter", "@coursemark/remark-plugin"]}` runs, in
 * remark-cli and in editors, what the project's `.coursemarkrc.yaml` says
 * (the `recommended` preset without one).
 */
import {remarkCoursemark} from './plugin.js'

export {createPreset, recommended, strict} from './presets.js'
export type {PresetOptions} from './presets.js'
export {registry} from './registry.js'
// The rule API (`defineRule`, `defineRuleMeta`, `ruleSetting`, `getFix`,
// `setFix` and their types), also the light entry `@coursemark/remark-plugin/rule`.
export * from './rule-api.js'
export {remarkCoursemarkSettings} from './settings.js'
export {remarkCoursemarkControl} from './control.js'
export type {Settings} from './settings.js'
/** The site a file belongs to (`file.data.coursemarkSite`), and what the file is in it. */
export {kindOf, siteOf} from './file-site.js'
export type {FileSite} from './file-site.js'
export {getModel} from './file-model.js'
/** Every URL written in a file (core's `LinkUse`, with the exact range of each URL), computed once per file. */
export {urlsOf} from './link-uses.js'
export type {RuleLinkUse} from './link-uses.js'

export {remarkCoursemark} from './plugin.js'

/** `remarkCoursemark`: given options, that preset; given none, the project's coursemark config. */
export default remarkCoursemark
