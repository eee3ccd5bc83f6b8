/**
 * Find the config file and give each file its settings. Config is data,
 * read and checked by `config-read.ts` (loaded only when there is a config
 * file); nothing in it is ever evaluated.
 */
import {readFileSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join, resolve} from 'node:path'
import {configRoot, type Config, type EffectiveSettings} from './config-data.js'
import {relativePath, toSlashes} from './paths.js'

export {configRoot, displayPath, formatProblem} from './config-data.js'
export type {
  Config,
  ConfigProblem,
  EffectiveSettings,
  FileSettings,
  FrontmatterSettings,
  Json,
  LinkSettings,
  Override
} from './config-data.js'

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
 * @throws {RunError}
 *   When the config cannot be read or is invalid (with one line per problem).
 */
export async function loadConfig(cwd: string, explicit?: string, memo?: ConfigMemo): Promise<Config> {
  const path = configPath(cwd, explicit)
  if (path === null) {
    return {path: null, root: configRoot(path, cwd), base: {}, overrides: [], ignores: [], links: {}}
  }

  const known = memo?.config(path)
  if (known) return known
  const {readConfig} = await import('./config-read.js')
  const sources: ConfigSource[] = []
  const config = readConfig(path, cwd, (file, text) => sources.push({path: file, text}))
  memo?.setConfig(path, sources, config)
  return config
}

/**
 * The settings of one file: the top level, then every override whose
 * `files` match (and whose `excludeFiles` do not), later entries winning.
 */
export function settingsFor(config: Config, file: string): EffectiveSettings {
  const layers = [config.base]
  const applied: number[] = []
  // Without overrides the path does not matter: it is not even made relative.
  if (config.overrides.length > 0) {
    const rel = toSlashes(relativePath(config.root, file))
    for (const [index, override] of config.overrides.entries()) {
      if (matches(override.files, rel) && !matches(override.excludeFiles, rel)) {
        layers.push(override.settings)
        applied.push(index)
      }
    }
  }

  // Files with the same overrides share one settings object (cheap to hash and to key processors by).
  let byOverrides = merged.get(config)
  if (!byOverrides) {
    byOverrides = new Map()
    merged.set(config, byOverrides)
  }

  const key = applied.join(',')
  const known = byOverrides.get(key)
  if (known) return known

  const result: EffectiveSettings = {preset: 'recommended', format: 'checkpoint', rules: {}, root: config.root}
  for (const layer of layers) {
    if (layer.extends) result.preset = layer.extends
    if (layer.format) result.format = layer.format
    if (layer.rules) result.rules = {...result.rules, ...layer.rules}
    if (layer.headings) result.headings = {...result.headings, ...layer.headings}
    if (layer.frontmatter) result.frontmatter = {...result.frontmatter, ...layer.frontmatter}
    if (layer.limits) result.limits = {...result.limits, ...layer.limits}
    if (layer.wordsPerMinute !== undefined) result.wordsPerMinute = layer.wordsPerMinute
  }

  byOverrides.set(key, result)
  return result
}

const merged = new WeakMap<Config, Map<string, EffectiveSettings>>()

const matchers = new Map<string, (path: string) => boolean>()

const require = createRequire(import.meta.url)

/**
 * `picomatch`, loaded for the first override: a config without any does not
 * load it, and `require` of the CommonJS module skips the ES module loader's
 * scan of its exports.
 */
function compileGlob(glob: string): (path: string) => boolean {
  const picomatch = require('picomatch') as typeof import('picomatch')
  // No extglobs (`+(a|aa)`): their regular expressions can backtrack without end.
  return picomatch(glob, {dot: true, strictBrackets: true, noextglob: true})
}

function matches(globs: string[], path: string): boolean {
  return globs.some((glob) => {
    let matcher = matchers.get(glob)
    if (!matcher) {
      matcher = compileGlob(glob)
      matchers.set(glob, matcher)
    }

    return matcher(path)
  })
}

