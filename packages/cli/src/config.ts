/**
 * Find, read and validate the config file. Config is data: it is parsed with
 * `yaml`'s `parseDocument` (which reads JSON too) keeping node ranges, so
 * every problem is reported at its key or value, and nothing in it is ever
 * evaluated.
 */
import {readFileSync, statSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'
import {Ajv2020, type ErrorObject} from 'ajv/dist/2020.js'
import picomatch from 'picomatch'
import {schemas} from '@coursemark/core'
import {registry, type PresetName, type RuleConfig} from '@coursemark/remark-plugin'
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode
} from 'yaml'
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
  rules: Record<string, RuleConfig>
  headings?: {objectives?: string[]; assignment?: string[]; resources?: string[]}
  frontmatter?: FrontmatterSettings
  limits?: {maxSize?: number; maxNesting?: number; maxLinks?: number}
  wordsPerMinute?: number
  /** Project root. */
  root: string
}

/** A config problem with where it is written. */
export interface ConfigProblem {
  file: string
  line: number
  column: number
  endLine: number
  endColumn: number
  reason: string
}

/** Format a config problem as one line. */
export function formatProblem(problem: ConfigProblem, cwd: string): string {
  const path = displayPath(problem.file, cwd)
  return `${path}:${problem.line}:${problem.column}-${problem.endLine}:${problem.endColumn}: ${problem.reason}`
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

  const document = readDocument(text, path, cwd)
  const isPackage = path.endsWith(`${sep}package.json`) || path === 'package.json'
  const prefix: Array<string | number> = isPackage ? ['coursemark'] : []
  const node = isPackage ? lookup(document.doc, document.doc.contents, ['coursemark']) : document.doc.contents
  const data = node === null || node === undefined ? {} : toJson(node, document.doc)
  const problems: ConfigProblem[] = []
  const locate = (dataPath: Array<string | number>, part: 'key' | 'value') =>
    document.locate([...prefix, ...dataPath], part)

  const validate = getValidator()
  if (!validate(data)) {
    problems.push(...describeErrors(validate.errors ?? [], data, path, locate))
  }

  if (isObject(data)) problems.push(...checkSemantics(data, path, locate))
  problems.sort((a, b) => a.line - b.line || a.column - b.column)

  if (problems.length > 0) {
    throw new RunError(
      `invalid config \`${displayPath(path, cwd)}\` (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'})`,
      problems.map((problem) => formatProblem(problem, cwd))
    )
  }

  const root = dirname(path)
  const object = isObject(data) ? data : {}
  const base = readSettings(object, root, path, cwd, locate, [])
  const overrides: Override[] = []
  const list = object.overrides
  if (Array.isArray(list)) {
    for (const [index, item] of list.entries()) {
      if (!isObject(item)) continue
      overrides.push({
        files: toList(item.files),
        excludeFiles: toList(item.excludeFiles),
        settings: readSettings(item, root, path, cwd, locate, ['overrides', index])
      })
    }
  }

  const ignores = Array.isArray(object.ignores) ? object.ignores.filter((item) => typeof item === 'string') : []
  const links: LinkSettings = {}
  if (isObject(object.links)) {
    const l = object.links
    if (typeof l.allowPrivate === 'boolean') links.allowPrivate = l.allowPrivate
    if (typeof l.cache === 'string') links.cache = resolve(root, l.cache)
    if (l.cache === false) links.cache = false
    if (typeof l.concurrency === 'number') links.concurrency = l.concurrency
    if (typeof l.timeout === 'number') links.timeout = l.timeout
    if (typeof l.perHost === 'number') links.perHost = l.perHost
    if (Array.isArray(l.skip)) links.skip = l.skip.filter((item) => typeof item === 'string')
  }

  return {path, root, base, overrides, ignores, links}
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

  const result: EffectiveSettings = {preset: 'recommended', rules: {}, root: config.root}
  for (const layer of layers) {
    if (layer.extends) result.preset = layer.extends
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

interface ReadDocument {
  doc: Document.Parsed
  locate(path: Array<string | number>, part: 'key' | 'value'): Span | undefined
}

interface Span {
  line: number
  column: number
  endLine: number
  endColumn: number
}

function readDocument(text: string, path: string, cwd: string): ReadDocument {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: 'silent'
  })

  const toSpan = (range: readonly [number, number]): Span => {
    const start = lineCounter.linePos(range[0])
    const end = lineCounter.linePos(Math.max(range[0], range[1]))
    return {line: start.line, column: start.col, endLine: end.line, endColumn: end.col}
  }

  if (doc.errors.length > 0) {
    throw new RunError(
      `invalid config \`${displayPath(path, cwd)}\` (${doc.errors.length} ${doc.errors.length === 1 ? 'problem' : 'problems'})`,
      doc.errors.map((error) =>
        formatProblem(
          {
            file: path,
            ...toSpan(
              error.code === 'DUPLICATE_KEY'
                ? [error.pos[0], error.pos[0] + (/^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0] ?? '').trimEnd().length]
                : error.pos
            ),
            reason:
              error.code === 'DUPLICATE_KEY'
                ? `Unexpected duplicate key \`${(/^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0] ?? '').trim()}\`, expected each key once`
                : `Unexpected config that cannot be read as JSON or YAML: ${error.message.split('\n')[0] ?? ''}`
          },
          cwd
        )
      )
    )
  }

  return {
    doc,
    locate(dataPath, part) {
      let node: unknown = doc.contents
      let keyRange: readonly [number, number] | undefined
      for (const segment of dataPath) {
        if (isAlias(node)) node = node.resolve(doc)
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
          if (!pair) return undefined
          const key = pair.key as YamlNode
          keyRange = key.range ? [key.range[0], key.range[1]] : undefined
          node = pair.value
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment]
          const range = (node as YamlNode | undefined)?.range
          keyRange = range ? [range[0], range[1]] : undefined
        } else {
          return undefined
        }
      }

      if (part === 'key' && dataPath.length > 0) return keyRange ? toSpan(keyRange) : undefined
      const range = (node as YamlNode | null | undefined)?.range
      return range ? toSpan([range[0], range[1]]) : keyRange ? toSpan(keyRange) : undefined
    }
  }
}

function lookup(doc: Document.Parsed, node: unknown, path: string[]): unknown {
  let current = node
  for (const segment of path) {
    if (isAlias(current)) current = current.resolve(doc)
    if (!isMap(current)) return undefined
    const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === segment)
    if (!pair) return undefined
    current = pair.value
  }

  return current
}

const maxNodes = 10_000

/** YAML nodes to JSON: keys as own data properties (`__proto__` included), aliases bounded. */
function toJson(node: unknown, doc: Document.Parsed, budget = {nodes: 0}): Json {
  if (++budget.nodes > maxNodes) {
    throw new RunError('invalid config: more than 10000 values (are aliases repeating each other?)')
  }

  if (isAlias(node)) return toJson(node.resolve(doc), doc, budget)
  if (isMap(node)) {
    const result: {[key: string]: Json} = {}
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      Object.defineProperty(result, key, {
        value: toJson(pair.value, doc, budget),
        enumerable: true,
        writable: true,
        configurable: true
      })
    }

    return result
  }

  if (isSeq(node)) return node.items.map((item) => toJson(item, doc, budget))
  if (isScalar(node)) {
    const value: unknown = node.value
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
    if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
    return node.source ?? String(value)
  }

  return null
}

let validator: ReturnType<Ajv2020['compile']> | undefined

function getValidator() {
  if (!validator) {
    const ajv = new Ajv2020({allErrors: true, strict: true, strictTuples: false, verbose: true})
    // `schemas/coursemark.config.schema.json`, carried by core's generated module.
    validator = ajv.compile(schemas['coursemark.config.schema.json'])
  }

  return validator
}

type Locate = (path: Array<string | number>, part: 'key' | 'value') => Span | undefined

/** What a `oneOf` of the schema expects, in words, from where the value is. */
function oneOfExpected(path: Array<string | number>): string {
  const last = path.at(-1)
  const parent = path.at(-2)
  if (parent === 'rules') return '`off`, `warn`, `error` or `[severity, options]`'
  if (last === 'files' || last === 'excludeFiles') return 'a glob or a non-empty list of globs'
  if (parent === 'links' && last === 'cache') return 'a file path or `false`'
  return 'a valid value'
}

function describeErrors(
  errors: ErrorObject[],
  data: Json,
  file: string,
  locate: Locate
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const covered: string[] = []
  // `oneOf` errors come after the errors of their branches: handle them first.
  const ordered = [
    ...errors.filter((error) => error.keyword === 'oneOf'),
    ...errors.filter((error) => error.keyword !== 'oneOf')
  ]
  const seen = new Set<string>()

  for (const error of ordered) {
    const path = pointerToPath(error.instancePath)
    if (error.keyword !== 'oneOf' && covered.some((prefix) => error.instancePath === prefix || error.instancePath.startsWith(prefix + '/'))) {
      continue
    }

    const name = path.length === 0 ? 'the config' : '`' + formatPath(path) + '`'
    const value = valueAt(data, path)
    let reason: string
    let span: Span | undefined

    switch (error.keyword) {
      case 'oneOf': {
        covered.push(error.instancePath)
        const expected = oneOfExpected(path)
        reason = `Unexpected value ${show(value)} for ${name}, expected ${expected}`
        span = locate(path, 'value')
        break
      }

      case 'additionalProperties': {
        const key = String((error.params as {additionalProperty: string}).additionalProperty)
        const known = Object.keys((error.parentSchema as {properties?: object} | undefined)?.properties ?? {})
        reason = `Unexpected unknown option \`${formatPath([...path, key])}\`, expected ${list(known)}`
        span = locate([...path, key], 'key')
        break
      }

      case 'propertyNames': {
        // Only rule names are constrained this way.
        const key = String((error.params as {propertyName: string}).propertyName)
        reason = `Unexpected rule \`${key}\`, expected a rule id such as \`objectives-present\``
        span = locate([...path, key], 'key')
        break
      }

      case 'pattern': {
        // Reported by its `propertyNames` error.
        continue
      }

      case 'enum': {
        const allowed = (error.params as {allowedValues: unknown[]}).allowedValues
        reason = `Unexpected value ${show(value)} for ${name}, expected ${list(allowed.map(String))}`
        span = locate(path, 'value')
        break
      }

      case 'const': {
        reason = `Unexpected value ${show(value)} for ${name}, expected ${show((error.params as {allowedValue: unknown}).allowedValue as Json)}`
        span = locate(path, 'value')
        break
      }

      case 'type': {
        const type = (error.params as {type: string | string[]}).type
        const types = Array.isArray(type) ? type : [type]
        reason = `Unexpected value ${show(value)} for ${name}, expected ${types.map(article).join(' or ')}`
        span = locate(path, 'value')
        break
      }

      case 'required': {
        const missing = (error.params as {missingProperty: string}).missingProperty
        reason = `Unexpected ${path.length === 0 ? 'config' : name} without \`${missing}\`, expected \`${missing}\``
        span = locate(path, 'value')
        break
      }

      case 'minItems':
      case 'maxItems':
      case 'minLength':
      case 'minimum':
      case 'exclusiveMinimum': {
        const limit = (error.params as {limit: number}).limit
        const expected =
          error.keyword === 'minItems'
            ? `at least ${limit} ${limit === 1 ? 'item' : 'items'}`
            : error.keyword === 'maxItems'
              ? `at most ${limit} items`
              : error.keyword === 'minLength'
                ? 'a non-empty string'
                : error.keyword === 'minimum'
                  ? `a number of at least ${limit}`
                  : `a number greater than ${limit}`
        reason = `Unexpected value ${show(value)} for ${name}, expected ${expected}`
        span = locate(path, 'value')
        break
      }

      default: {
        reason = `Unexpected value ${show(value)} for ${name}: ${error.message ?? 'invalid'}`
        span = locate(path, 'value')
      }
    }

    const key = `${reason}@${JSON.stringify(span)}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({file, ...(span ?? {line: 1, column: 1, endLine: 1, endColumn: 1}), reason})
  }

  return problems
}

/** Checks the schema cannot express: known rule ids, glob syntax. */
function checkSemantics(data: {[key: string]: Json}, file: string, locate: Locate): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const known = new Set([...registry.map((meta) => meta.id), ...crossFileRuleIds])

  const checkRules = (rules: Json | undefined, at: Array<string | number>) => {
    if (!isObject(rules)) return
    for (const id of Object.keys(rules)) {
      // Ids that are not even shaped like one are reported by the schema.
      if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) continue
      if (!known.has(id)) {
        const suggestion = closest(id, [...known])
        problems.push({
          file,
          ...(locate([...at, 'rules', id], 'key') ?? {line: 1, column: 1, endLine: 1, endColumn: 1}),
          reason: `Unexpected unknown rule \`${id}\`, expected ${suggestion ? '`' + suggestion + '` or another' : 'a'} rule listed by \`coursemark rules\``
        })
      }
    }
  }

  const checkGlobs = (globs: Json | undefined, at: Array<string | number>) => {
    const items: Array<[Json, Array<string | number>]> =
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
          file,
          ...(locate(path, 'value') ?? {line: 1, column: 1, endLine: 1, endColumn: 1}),
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

function readSettings(
  object: {[key: string]: Json},
  root: string,
  configPath: string,
  cwd: string,
  locate: Locate,
  at: Array<string | number>
): FileSettings {
  const settings: FileSettings = {}
  if (object.extends === 'recommended' || object.extends === 'strict') settings.extends = object.extends
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
      frontmatter.schema = readSchema(resolve(root, f.schema), configPath, cwd, locate([...at, 'frontmatter', 'schema'], 'value'))
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
function readSchema(path: string, configPath: string, cwd: string, span: Span | undefined): {[key: string]: Json} {
  const fail = (why: string) =>
    new RunError(`invalid config \`${displayPath(configPath, cwd)}\` (1 problem)`, [
      formatProblem({file: configPath, ...(span ?? {line: 1, column: 1, endLine: 1, endColumn: 1}), reason: why}, cwd)
    ])
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw fail(`Unexpected frontmatter schema \`${displayPath(path, cwd)}\` that cannot be read (${describeFsError(error)}), expected a JSON Schema file`)
  }

  const doc = parseDocument(text, {logLevel: 'silent', prettyErrors: false})
  const data = doc.errors.length === 0 ? toJson(doc.contents, doc) : null
  if (!isObject(data)) {
    throw fail(`Unexpected frontmatter schema \`${displayPath(path, cwd)}\` that is not a JSON or YAML object, expected a JSON Schema`)
  }

  return data
}

function isObject(value: Json | undefined): value is {[key: string]: Json} {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toList(value: Json | undefined): string[] {
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
}

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

function formatPath(path: Array<string | number>): string {
  let result = ''
  for (const segment of path) {
    result += typeof segment === 'number' ? `[${segment}]` : result === '' ? segment : '.' + segment
  }

  return result
}

function valueAt(data: Json, path: Array<string | number>): Json | undefined {
  let current: Json | undefined = data
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment]
    else if (isObject(current) && Object.hasOwn(current, String(segment))) current = current[String(segment)]
    else return undefined
  }

  return current
}

function show(value: Json | undefined): string {
  return '`' + (value === undefined ? 'undefined' : JSON.stringify(value)) + '`'
}

function article(type: string): string {
  return type === 'object' || type === 'array' || type === 'integer' ? `an ${type}` : `a ${type}`
}

function list(items: string[]): string {
  const quoted = items.map((item) => '`' + item + '`')
  if (quoted.length <= 1) return quoted.join('')
  return quoted.slice(0, -1).join(', ') + ' or ' + quoted.at(-1)
}

/** The closest known id, when it is close enough to be a typo. */
function closest(id: string, known: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(id.length / 4)) + 1
  for (const candidate of known) {
    const distance = levenshtein(id, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }

  return best
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }

    previous = current
  }

  return previous[b.length] ?? 0
}
