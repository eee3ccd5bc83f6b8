/**
 * Find the config file and load it. Config is data, read and checked by
 * `read-config.ts` (loaded only when there is a config file); nothing in it is ever
 * evaluated.
 */
import {readFileSync, statSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {configRoot, type Config} from './data.js'

/** Names of config files, in the order they are looked for in each directory. */
export const configFileNames = [
  'coursemark.config.json',
  '.coursemarkrc',
  '.coursemarkrc.json',
  '.coursemarkrc.yaml',
  '.coursemarkrc.yml',
  'package.json'
] as const

/**
 * Find the config from `cwd` upward: the first directory with one of
 * `configFileNames` (a package.json counts only with a `coursemark` key).
 */
export function findConfig(cwd: string): string | null {
  let directory = resolve(cwd)
  for (;;) {
    for (const name of configFileNames) {
      const candidate = join(directory, name)
      if (!isFile(candidate)) continue
      if (name === 'package.json' && !packageHasKey(candidate)) continue
      return candidate
    }

    const parent = dirname(directory)
    if (parent === directory) return null
    directory = parent
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function packageHasKey(path: string): boolean {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return typeof data === 'object' && data !== null && Object.hasOwn(data, 'coursemark')
  } catch {
    return false
  }
}

/** A file a config was read from, and its text. */
export interface ConfigSource {
  path: string
  text: string
}

/**
 * Configs read in earlier runs (the lint cache keeps one): a config is taken
 * from it only when every file it was read from is unchanged.
 */
export interface ConfigMemo {
  /** The config read from `path` before, when none of its files changed. */
  config(path: string): Config | undefined
  /** Remember the config read from `path`, with the files it was read from. */
  setConfig(path: string, sources: ConfigSource[], config: Config): void
}

/** The config file of a run: `explicit` (from `--config`) or the one found from `cwd` upward. */
export function configPath(cwd: string, explicit?: string): string | null {
  return explicit === undefined ? findConfig(cwd) : resolve(cwd, explicit)
}

/**
 * Load the config: `explicit` (from `--config`) or the one found from `cwd`
 * upward; defaults when there is none. The reading and checking of a config
 * file (YAML, the schema, the rule ids) is loaded only when there is one, and
 * not at all when `memo` has it.
 *
 * @throws {ConfigError}
 *   When the config cannot be read or is invalid (with one line per problem).
 */
export async function loadConfig(cwd: string, explicit?: string, memo?: ConfigMemo): Promise<Config> {
  const path = configPath(cwd, explicit)
  if (path === null) {
    return {path: null, root: configRoot(path, cwd), base: {}, overrides: [], ignores: [], links: {}}
  }

  const known = memo?.config(path)
  if (known) return known
  const {readConfig} = await import('./read-config.js')
  const sources: ConfigSource[] = []
  const config = readConfig(path, cwd, (file, text) => sources.push({path: file, text}))
  memo?.setConfig(path, sources, config)
  return config
}
