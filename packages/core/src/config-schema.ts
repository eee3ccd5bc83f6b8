/**
 * The config file's schema (`schemas/coursemark.config.schema.json`),
 * precompiled: the config loader validates with it and words its errors in
 * the config's voice, without loading ajv.
 */
import {configIssues, type SchemaIssue} from './frontmatter/schema-errors.js'
import {configValidator} from './validators.generated.js'
import type {DataPath} from './frontmatter/yaml-source.js'

/**
 * Validate config data against the config schema: one issue per problem,
 * at a data path (none when the data is valid).
 */
export function configSchemaIssues(data: unknown): SchemaIssue[] {
  if (configValidator.call(undefined, data)) return []
  return configIssues(configValidator.errors ?? [], data, oneOfExpected)
}

/** What a `oneOf` of the config schema expects, in words, from where the value is. */
function oneOfExpected(path: DataPath): string {
  const last = path.at(-1)
  const parent = path.at(-2)
  if (parent === 'rules') return '`off`, `info`, `warning` (or `warn`), `error`, 0, 1, 2 or `[severity, options]`'
  if (last === 'files' || last === 'excludeFiles') return 'a glob or a non-empty list of globs'
  if (parent === 'links' && last === 'cache') return 'a file path or `false`'
  if (parent === 'links' && last === 'allowPrivate') return 'a list of host names or IP addresses (that `--allow-private` may open)'
  return 'a valid value'
}
