/**
 * Settings shared by every coursemark rule: how to build the Checkpoint model.
 */
import type {ParseOptions} from '@coursemark/core'
import type {Root} from 'mdast'
import type {Plugin} from 'unified'

/**
 * Model options (what `checkpointFromTree` takes: heading aliases,
 * frontmatter validation, limits, reading speed) and the project root. Given
 * to the model as they are, so settings are translated once, by whoever
 * builds them.
 */
export type CoursemarkSettings = Omit<ParseOptions, 'path'> & {
  /** Project root: local targets outside it are reported; defaults to the file's directory. */
  root?: string | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** Settings for the coursemark rules, set by `remarkCoursemarkSettings`. */
    coursemarkSettings: CoursemarkSettings
  }
}

/**
 * Plugin that hands settings to the coursemark rules of the same pipeline.
 * Presets made by `createPreset` include it first.
 */
export const remarkCoursemarkSettings: Plugin<[CoursemarkSettings?], Root> = function (
  settings
) {
  return function (_tree, file) {
    file.data.coursemarkSettings = {...settings, ...file.data.coursemarkSettings}
  }
}
