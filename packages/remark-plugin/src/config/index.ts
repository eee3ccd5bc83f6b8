/**
 * `@coursemark/remark-plugin/config` (Node only): the coursemark config
 * reader, the one `coursemark lint` and the plugin (given no options) use.
 * Find `.coursemarkrc.yaml` (or another of `configFileNames`) from a folder
 * upward, read and check it, and give each file its settings. Reading and
 * checking a config file is loaded only when there is one.
 */
export {configFileNames, configPath, findConfig, loadConfig} from './find.js'
export type {ConfigMemo, ConfigSource} from './find.js'
export {configRoot, displayPath, formatProblem} from './data.js'
export type {
  Config,
  ConfigProblem,
  ConfigSettings,
  FrontmatterSettings,
  Json,
  LinkSettings,
  Override,
  SiteSettings
} from './data.js'
export {settingsFor} from './settings-for.js'
export type {Settings} from '../settings.js'
export {ConfigError, describeFsError} from './errors.js'
// Path helpers the config and the CLI share (fast `relative` for plain paths).
export {joinName, plainlyInside, relativePath, resolveRelative, splitPlain, toSlashes} from './paths.js'
// The project's site (core's site model), built once per config.
export {isStoredHeader, isStoredProject, isStoredSite, siteOfConfig, siteOfConfigStored, sitePath, siteSummary, storedSiteId} from './project-site.js'
export type {ProjectSite, SiteSummary, StoredSite, StoredSiteSource} from './project-site.js'
