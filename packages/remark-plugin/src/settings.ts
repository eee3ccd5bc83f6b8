/**
 * Settings shared by every coursemark rule: how to build the Checkpoint model.
 */
import type {ParseOptions} from '@coursemark/core'
import type {Root} from 'mdast'
import type {Plugin} from 'unified'

/** Model options: heading aliases, frontmatter validation, limits, reading speed, project root. */
export interface CoursemarkSettings {
  /** The curriculum format (profile) the files are read as (default `checkpoint`). */
  format?: ParseOptions['format']
  /** Headings that name objectives, assignment and resources sections. */
  headings?: ParseOptions['headings']
  /** Frontmatter validation options (custom schema, allowed teams, ...), or `false`. */
  validate?: ParseOptions['validate']
  /** Input limits. */
  limits?: ParseOptions['limits']
  /** Reading speed in words a minute. */
  wordsPerMinute?: number | undefined
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
