/**
 * Find, read and validate the config file. Config is data: it is read with
 * core's YAML source (YAML or JSON) keeping node ranges, so every problem is
 * a positioned diagnostic at its key or value (rule `config`), worded by
 * core's schema errors like frontmatter problems; nothing in it is ever
 * evaluated.
 */
import {readFileSync, statSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'
import picomatch from 'picomatch'
import {
  closestMatch,
  configSchemaIssues,
  createMessage,
  isFormatName,
  readYamlSource,
  type DataPath,
  type FormatName,
  type SchemaIssue,
  type YamlRange,
  type YamlSource
} from '@coursemark/core'
import {registry, type PresetName, type RuleConfig} from '@coursemark/remark-plugin'
import type {VFileMessage} from 'vfile-message'
import {crossFileRuleIds} from './cross-file-rules.js'
import {describeFsError, RunError} from './errors.js'

/** Names of config files, in the order they are looked for in each directory. */
export const configFileNames = [
  'coursemark.config.json',
  '.coursemarkrc',
  '.coursemarkrc.json',
  '.coursemarkrc.yaml',
  '.coursemarkrc.yml',
  'package.json'
] as const

/** Plain JSON. */
export type Json = string | number | boolean | null | Json[] | {[key: string]: Json}

/** Frontmatter validation settings, with the custom schema read. */
export interface FrontmatterSettings {
  /** The custom frontmatter JSON Schema (read from the `schema` path). */
  schema?: {[key: string]: Json}
  teams?: string[]
  unknownKeys?: 'off' | 'warn' | 'error'
}

/** The settings that may differ per file (top level, then matching overrides). */
export interface FileSettings {
  extends?: PresetName
  /** The curriculum format (profile) of the files. */
  format?: FormatName
  rules?: Record<string, RuleConfig>
  headings?: {objectives?: string[]; assignment?: string[]; resources?: string[]}
  frontmatter?: FrontmatterSettings
  limits?: {maxSize?: number; maxNesting?: number; maxLinks?: number}
  wordsPerMinute?: number
}

/** Link-check settings. */
export interface LinkSettings {
  allowPrivate?: boolean
  /** Absolute path, or `false` for no cache. */
  cache?: string | false
  concurrency?: number
  timeout?: number
  perHost?: number
  skip?: string[]
  /** Look up archived copies of dead links. */
  archive?: boolean
  /** The Wayback availability API. */
  archiveEndpoint?: string
  /** ms between two archive lookups. */
  archiveInterval?: number
}

/** One `overrides` entry. */
export interface Override {
  files: string[]
  excludeFiles: string[]
  settings: FileSettings
}

/** A loaded config. Plain data, so it can be sent to workers. */
export interface Config {
  /** The config file, or `null` when none was found (defaults apply). */
  path: string | null
  /** The project root: the directory of the config file, or the working directory. */
  root: string
  base: FileSettings
  overrides: Override[]
  ignores: string[]
  links: LinkSettings
}

/** The settings of one file: what the lint pipeline is built from. */
export interface EffectiveSettings {
  preset: PresetName
  /** The curriculum format (profile) of the file: `checkpoint` unless the config says otherwise. */
  format: FormatName
  rules: Record<string, RuleConfig>
  headings?: {objectives?: string[]; assignment?: string[]; resources?: string[]}
  frontmatter?: FrontmatterSettings
  limits?: {maxSize?: number; maxNesting?: number; maxLinks?: number}
  wordsPerMinute?: number
  /** Project root. */
  root: string
}

/** A config problem: a positioned diagnostic (rule `config`), as frontmatter problems are. */
export type ConfigProblem = VFileMessage

/** Format a config problem as one line: `path:line:column-endLine:endColumn: reason`. */
export function formatProblem(problem: ConfigProblem, cwd: string): string {
  const path = displayPath(problem.file ?? '', cwd)
  const start = problem.place && 'start' in problem.place ? problem.place.start : {line: 1, column: 1}
  const end = problem.place && 'end' in problem.place ? problem.place.end : start
  return `${path}:${start.line}:${start.column}-${end.line}:${end.column}: ${problem.reason}`
}

/** A path as shown to the user: relative to `cwd` when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return rel === '' || rel.startsWith('..') || resolve(cwd, rel) !== path ? path : rel.split(sep).join('/')
}

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

/**
 * Load the config: `explicit` (from `--config`) or the one found from `cwd`
 * upward; defaults when there is none.
 *
 * @throws {RunError}
 *   When the config cannot be read or is invalid (with one line per problem).
 */
export function loadConfig(cwd: string, explicit?: string): Config {
  const path = explicit === undefined ? findConfig(cwd) : resolve(cwd, explicit)
  if (path === null) {
    return {path: null, root: resolve(cwd), base: {}, overrides: [], ignores: [], links: {}}
  }

  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new RunError(`cannot read config \`${displayPath(path, cwd)}\`: ${describeFsError(error)}`)
  }

  const source = readYamlSource(text, 'config')
  const report = (problems: ConfigProblem[]) => invalidConfig(path, cwd, problems)
  const unreadable = [...source.problems, ...source.duplicates()].filter((problem) => problem.severity === 'error')
  if (unreadable.length > 0) {
    throw report(unreadable.map((problem) => configMessage(problem.reason, path, source, problem.range)))
  }

  const isPackage = path.endsWith(`${sep}package.json`) || path === 'package.json'
  const prefix: DataPath = isPackage ? ['coursemark'] : []
  const kind = source.kindAt(prefix)
  const read = kind === 'absent' || kind === 'null' ? {ok: true as const, value: {}} : source.toData(prefix)
  if (!read.ok) throw report([configMessage(read.problem.reason, path, source, read.problem.range)])
  const data: Json = read.value
  const locate: Locate = (dataPath, part) => source.locate([...prefix, ...dataPath], part)
  const issues = configSchemaIssues(data)
  if (isObject(data)) issues.push(...checkSemantics(data))
  const problems = issues.map((issue) => configMessage(issue.reason, path, source, locate(issue.path, issue.part === 'key' ? 'key' : 'value')))
  if (problems.length > 0) throw report(problems)

  const root = dirname(path)
  const object = isObject(data) ? data : {}
  const settingsOf = (item: {[key: string]: Json}, at: DataPath) =>
    readSettings(item, root, (reason, dataPath) => report([configMessage(reason, path, source, locate(dataPath, 'value'))]), at)
  const base = settingsOf(object, [])
  const overrides: Override[] = []
  if (Array.isArray(object.overrides)) {
    for (const [index, item] of object.overrides.entries()) {
      if (!isObject(item)) continue
      overrides.push({
        files: toList(item.files),
        excludeFiles: toList(item.excludeFiles),
        settings: settingsOf(item, ['overrides', index])
      })
    }
  }

  const ignores = Array.isArray(object.ignores) ? object.ignores.filter((item) => typeof item === 'string') : []
  return {path, root, base, overrides, ignores, links: readLinks(object.links, root)}
}

function readLinks(value: Json | undefined, root: string): LinkSettings {
  const links: LinkSettings = {}
  if (!isObject(value)) return links
  if (typeof value.allowPrivate === 'boolean') links.allowPrivate = value.allowPrivate
  if (typeof value.cache === 'string') links.cache = resolve(root, value.cache)
  if (value.cache === false) links.cache = false
  if (typeof value.concurrency === 'number') links.concurrency = value.concurrency
  if (typeof value.timeout === 'number') links.timeout = value.timeout
  if (typeof value.perHost === 'number') links.perHost = value.perHost
  if (Array.isArray(value.skip)) links.skip = value.skip.filter((item) => typeof item === 'string')
  if (typeof value.archive === 'boolean') links.archive = value.archive
  if (typeof value.archiveEndpoint === 'string') links.archiveEndpoint = value.archiveEndpoint
  if (typeof value.archiveInterval === 'number') links.archiveInterval = value.archiveInterval
  return links
}

type Locate = (path: DataPath, part: 'key' | 'value') => YamlRange | undefined

/** A config problem at a range of the config file (1:1 when it has none). */
function configMessage(reason: string, file: string, source: YamlSource, range: YamlRange | undefined): ConfigProblem {
  return createMessage(reason, {ruleId: 'config', file, place: source.toPosition(range ?? [0, 0])})
}

/** The error for an invalid config: one line per problem, sorted by position. */
function invalidConfig(path: string, cwd: string, problems: ConfigProblem[]): RunError {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  return new RunError(
    `invalid config \`${displayPath(path, cwd)}\` (${sorted.length} ${sorted.length === 1 ? 'problem' : 'problems'})`,
    sorted.map((problem) => formatProblem(problem, cwd))
  )
}

/**
 * The settings of one file: the top level, then every override whose
 * `files` match (and whose `excludeFiles` do not), later entries winning.
 */
export function settingsFor(config: Config, file: string): EffectiveSettings {
  const rel = relative(config.root, file).split(sep).join('/')
  const layers = [config.base]
  const applied: number[] = []
  for (const [index, override] of config.overrides.entries()) {
    if (matches(override.files, rel) && !matches(override.excludeFiles, rel)) {
      layers.push(override.settings)
      applied.push(index)
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

function matches(globs: string[], path: string): boolean {
  return globs.some((glob) => {
    let matcher = matchers.get(glob)
    if (!matcher) {
      matcher = picomatch(glob, {dot: true, strictBrackets: true})
      matchers.set(glob, matcher)
    }

    return matcher(path)
  })
}

/** Checks the schema cannot express: known rule ids, glob syntax. */
function checkSemantics(data: {[key: string]: Json}): SchemaIssue[] {
  const problems: SchemaIssue[] = []
  const known = new Set([...registry.map((meta) => meta.id), ...crossFileRuleIds])

  const checkRules = (rules: Json | undefined, at: DataPath) => {
    if (!isObject(rules)) return
    for (const id of Object.keys(rules)) {
      // Ids that are not even shaped like one are reported by the schema.
      if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) continue
      if (!known.has(id)) {
        const suggestion = closestMatch(id, known)
        problems.push({
          path: [...at, 'rules', id],
          part: 'key',
          severity: 'error',
          reason: `Unexpected unknown rule \`${id}\`, expected ${suggestion ? '`' + suggestion + '` or another' : 'a'} rule listed by \`coursemark rules\``
        })
      }
    }
  }

  const checkGlobs = (globs: Json | undefined, at: DataPath) => {
    const items: Array<[Json, DataPath]> =
      typeof globs === 'string' ? [[globs, at]] : Array.isArray(globs) ? globs.map((glob, index) => [glob, [...at, index]]) : []
    for (const [glob, path] of items) {
      if (typeof glob !== 'string') continue
      let problem: string | undefined
      if (glob.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(glob)) {
        problem = 'an absolute path'
      } else if (glob.split('/').includes('..')) {
        problem = 'a path outside the config directory'
      } else {
        try {
          picomatch.makeRe(glob, {strictBrackets: true})
        } catch (error) {
          problem = error instanceof Error ? error.message.split(' - ')[0]?.toLowerCase() ?? 'invalid' : 'invalid'
        }
      }

      if (problem) {
        problems.push({
          path,
          part: 'value',
          severity: 'error',
          reason: `Unexpected glob \`${glob}\` (${problem}), expected a glob relative to the config file such as \`lessons/**/*.md\``
        })
      }
    }
  }

  checkRules(data.rules, [])
  if (Array.isArray(data.overrides)) {
    for (const [index, item] of data.overrides.entries()) {
      if (!isObject(item)) continue
      checkRules(item.rules, ['overrides', index])
      checkGlobs(item.files, ['overrides', index, 'files'])
      checkGlobs(item.excludeFiles, ['overrides', index, 'excludeFiles'])
    }
  }

  return problems
}

/**
 * The settings of one level (the top or an override) of valid config data.
 *
 * @param fail
 *   The error for a problem at a path (a frontmatter schema that cannot be read).
 */
function readSettings(
  object: {[key: string]: Json},
  root: string,
  fail: (reason: string, path: DataPath) => RunError,
  at: DataPath
): FileSettings {
  const settings: FileSettings = {}
  if (object.extends === 'recommended' || object.extends === 'strict') settings.extends = object.extends
  if (isFormatName(object.format)) settings.format = object.format
  if (isObject(object.rules)) {
    const rules: Record<string, RuleConfig> = {}
    for (const [id, value] of Object.entries(object.rules)) {
      if (value === 'off' || value === 'warn' || value === 'error') rules[id] = value
      else if (Array.isArray(value) && (value[0] === 'off' || value[0] === 'warn' || value[0] === 'error')) {
        rules[id] = value.length > 1 ? [value[0], value[1]] : value[0]
      }
    }

    settings.rules = rules
  }

  if (isObject(object.headings)) {
    const headings: NonNullable<FileSettings['headings']> = {}
    for (const kind of ['objectives', 'assignment', 'resources'] as const) {
      const value = object.headings[kind]
      if (Array.isArray(value)) headings[kind] = value.filter((item) => typeof item === 'string')
    }

    settings.headings = headings
  }

  if (isObject(object.frontmatter)) {
    const f = object.frontmatter
    const frontmatter: FrontmatterSettings = {}
    if (typeof f.schema === 'string') {
      frontmatter.schema = readSchema(resolve(root, f.schema), root, (reason) => fail(reason, [...at, 'frontmatter', 'schema']))
    }

    if (Array.isArray(f.teams)) frontmatter.teams = f.teams.filter((item) => typeof item === 'string')
    if (f.unknownKeys === 'off' || f.unknownKeys === 'warn' || f.unknownKeys === 'error') {
      frontmatter.unknownKeys = f.unknownKeys
    }

    settings.frontmatter = frontmatter
  }

  if (isObject(object.limits)) {
    const limits: NonNullable<FileSettings['limits']> = {}
    if (typeof object.limits.maxSize === 'number') limits.maxSize = object.limits.maxSize
    if (typeof object.limits.maxNesting === 'number') limits.maxNesting = object.limits.maxNesting
    if (typeof object.limits.maxLinks === 'number') limits.maxLinks = object.limits.maxLinks
    settings.limits = limits
  }

  if (typeof object.wordsPerMinute === 'number') settings.wordsPerMinute = object.wordsPerMinute
  return settings
}

/** Read a custom frontmatter schema (JSON or YAML); it must be an object. */
function readSchema(path: string, cwd: string, fail: (reason: string) => RunError): {[key: string]: Json} {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw fail(`Unexpected frontmatter schema \`${displayPath(path, cwd)}\` that cannot be read (${describeFsError(error)}), expected a JSON Schema file`)
  }

  const source = readYamlSource(text, 'config')
  const read = source.readable ? source.toData() : undefined
  if (!read?.ok || !isObject(read.value)) {
    throw fail(`Unexpected frontmatter schema \`${displayPath(path, cwd)}\` that is not a JSON or YAML object, expected a JSON Schema`)
  }

  return read.value
}

function isObject(value: Json | undefined): value is {[key: string]: Json} {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toList(value: Json | undefined): string[] {
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
}

