/**
 * The config of a run, read by the config reader the remark plugin uses too
 * (`@coursemark/remark-plugin/config`): one reader for `coursemark lint`,
 * remark-cli and an editor. A config that cannot be used stops the command
 * (`RunError`, exit code 2).
 */
import {ConfigError, loadConfig as load, type Config, type ConfigMemo} from '@coursemark/remark-plugin/config'
import {RunError} from '../errors.js'

export {configFileNames, configPath, configRoot, displayPath, findConfig, formatProblem, settingsFor} from '@coursemark/remark-plugin/config'
export type {
  Config,
  ConfigMemo,
  ConfigProblem,
  ConfigSource,
  ConfigSettings,
  FrontmatterSettings,
  Json,
  LinkSettings,
  Override,
  Settings
} from '@coursemark/remark-plugin/config'

/**
 * Load the config: `explicit` (from `--config`) or the one found from `cwd`
 * upward; defaults when there is none.
 *
 * @throws {RunError}
 *   When the config cannot be read or is invalid (with one line per problem).
 */
export async function loadConfig(cwd: string, explicit?: string, memo?: ConfigMemo): Promise<Config> {
  try {
    return await load(cwd, explicit, memo)
  } catch (error) {
    if (error instanceof ConfigError) throw new RunError(error.message, error.details)
    throw error
  }
}
