/**
 * The settings one file is linted with (`Settings`): how to build its
 * Checkpoint model, which rules run, and the project root. The config reader
 * resolves them once per file from the config's `ConfigSettings`; the
 * plugin, the CLI's engine and workers, the cache key and the site code all
 * take this one shape.
 */
import type {ParseOptions} from '@coursemark/core'
import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import type {PresetName, RuleConfig} from './rule-meta.js'

/**
 * The resolved settings of one file. The model options are core's
 * `ParseOptions` (without `path`) as they are, so the model takes the settings
 * without a translation.
 */
export type Settings = Omit<ParseOptions, 'path'> & {
  /** The preset the rules start from. */
  preset: PresetName
  /** Per-rule severity and options (severities read onto one scale). */
  rules: Record<string, RuleConfig>
  /** Project root: local targets outside it are reported; defaults to the file's directory. */
  root: string
}

declare module 'vfile' {
  interface DataMap {
    /** Settings for the coursemark rules, set by `remarkCoursemarkSettings`. */
    coursemarkSettings: Partial<Settings>
  }
}

/**
 * Plugin that hands settings to the coursemark rules of the same pipeline
 * (any of them; the rest default). Presets made by `createPreset` include it
 * first.
 */
export const remarkCoursemarkSettings: Plugin<[Partial<Settings>?], Root> = function (
  settings
) {
  return function (_tree, file) {
    file.data.coursemarkSettings = {...settings, ...file.data.coursemarkSettings}
  }
}
