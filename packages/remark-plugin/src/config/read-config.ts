/**
 * Read and check a config file. Config is data: it is read with core's YAML
 * source (YAML or JSON) keeping node ranges, so every problem is a
 * positioned diagnostic at its key or value (rule `config`), worded by core's
 * schema errors like frontmatter problems; nothing in it is ever evaluated.
 */
import {readFileSync, realpathSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import {isFormatName, type DataPath} from '@coursemark/core'
import {
  closestMatch,
  configSchemaIssues,
  isForbiddenHeader,
  readYamlSource,
  type SchemaIssue,
  type YamlRange,
  type YamlSource
} from '@coursemark/core/internal'
import {createMessage} from '@coursemark/core/messages'
import {registry} from '../registry.js'
import {readRuleConfig, readSeverity, type RuleConfig} from '../rule-meta.js'
import picomatch from 'picomatch'
import {
  configRoot,
  displayPath,
  formatProblem,
  type Config,
  type ConfigProblem,
  type ConfigSettings,
  type FrontmatterSettings,
  type Json,
  type LinkSettings,
  type Override,
  type SiteSettings
} from './data.js'
import {ConfigError, describeFsError} from './errors.js'

/** Called with each file a config is read from (the config file, custom schemas) and its text. */
export type OnRead = (path: string, text: string) => void

/**
 * Read and check the config file at `path`.
 *
 * @throws {ConfigError}
 *   When the config cannot be read or is invalid (with one line per problem).
 */
export function readConfig(path: string, cwd: string, onRead: OnRead = () => undefined): Config {
  const readText = (file: string) => {
    const text = readFileSync(file, 'utf8')
    onRead(file, text)
    return text
  }

  let text: string
  try {
    text = readText(path)
  } catch (error) {
    throw new ConfigError(`cannot read config \`${displayPath(path, cwd)}\`: ${describeFsError(error)}`)
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

  const root = configRoot(path, cwd)
  const object = isObject(data) ? data : {}
  const settingsOf = (item: {[key: string]: Json}, at: DataPath) =>
    readSettings(item, {root, readText}, (reason, dataPath) => report([configMessage(reason, path, source, locate(dataPath, 'value'))]), at)
  const base = settingsOf(object, [])
  if (isObject(object.site) && Array.isArray(object.site.rawShortcodes)) {
    base.rawShortcodes = object.site.rawShortcodes.filter((item) => typeof item === 'string')
  }
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
  const cacheOutside = (reason: string) => report([configMessage(reason, path, source, locate(['links', 'cache'], 'value'))])
  const config: Config = {path, root, base, overrides, ignores, links: readLinks(object.links, root, cacheOutside)}
  const siteOutside = (reason: string, at: DataPath) => report([configMessage(reason, path, source, locate(at, 'value'))])
  const site = readSite(object.site, root, siteOutside)
  if (site) config.site = site
  if (config.links.archiveEndpoint !== undefined) {
    const at = createMessage('', {ruleId: 'config', file: path, place: source.toPosition(locate(['links', 'archiveEndpoint'], 'value') ?? [0, 0])})
    config.links.archiveEndpointAt = formatProblem(at, cwd).replace(/: $/, '')
  }

  if (isObject(object.links) && object.links.allowPrivate === true) {
    const notice = createMessage(
      'Unexpected `allowPrivate: true`, expected a list of the hosts that `--allow-private` may open: the config no longer turns off the private-address guard, only `--allow-private` on the command line does',
      {ruleId: 'config', file: path, place: source.toPosition(locate(['links', 'allowPrivate'], 'key') ?? [0, 0]), severity: 'warning'}
    )
    config.linkNotices = [formatProblem(notice, cwd)]
  }

  return config
}

/** `site`: its folders relative to the project root, each checked to be inside it. */
function readSite(value: Json | undefined, root: string, outside: (reason: string, at: DataPath) => ConfigError): SiteSettings | undefined {
  if (!isObject(value)) return undefined
  const site: SiteSettings = {}
  const folder = (written: string, at: DataPath): string => {
    const absolute = resolve(root, written)
    if (absolute !== resolve(root) && !isInsideProject(root, absolute)) {
      throw outside(`Unexpected \`${at.join('.')}\` \`${written}\` outside the project, expected a folder inside \`${root}\``, at)
    }

    return relative(root, absolute).split(sep).join('/')
  }

  if (typeof value.root === 'string') site.root = folder(value.root, ['site', 'root'])
  if (Array.isArray(value.static)) {
    site.static = value.static.flatMap((item, index) => (typeof item === 'string' ? [folder(item, ['site', 'static', index])] : []))
  }

  return site
}

function readLinks(value: Json | undefined, root: string, outside: (reason: string) => ConfigError): LinkSettings {
  const links: LinkSettings = {}
  if (!isObject(value)) return links
  if (Array.isArray(value.allowPrivate)) links.allowPrivate = value.allowPrivate.filter((item) => typeof item === 'string')
  if (typeof value.cache === 'string') {
    // A pull request can change the config: its cache path must not reach a file outside the project.
    links.cache = resolve(root, value.cache)
    if (!isInsideProject(root, links.cache)) {
      throw outside(`Unexpected \`links.cache\` \`${value.cache}\` outside the project, expected a path inside \`${root}\` (\`--links-cache\` may point anywhere)`)
    }
  }

  if (value.cache === false) links.cache = false
  if (typeof value.concurrency === 'number') links.concurrency = value.concurrency
  if (typeof value.timeout === 'number') links.timeout = value.timeout
  if (typeof value.perHost === 'number') links.perHost = value.perHost
  if (Array.isArray(value.skip)) links.skip = value.skip.filter((item) => typeof item === 'string')
  if (typeof value.archive === 'boolean') links.archive = value.archive
  if (typeof value.archiveEndpoint === 'string') links.archiveEndpoint = value.archiveEndpoint
  if (typeof value.archiveInterval === 'number') links.archiveInterval = value.archiveInterval
  if (isObject(value.archiveAfter)) {
    const {checks, days} = value.archiveAfter
    links.archiveAfter = {...(typeof checks === 'number' ? {checks} : {}), ...(typeof days === 'number' ? {days} : {})}
  }
  if (typeof value.deadline === 'number') links.deadline = value.deadline
  if (typeof value.retries === 'number') links.retries = value.retries
  if (typeof value.retryAfterCap === 'number') links.retryAfterCap = value.retryAfterCap
  if (isObject(value.headers)) {
    const headers: Record<string, Record<string, string>> = {}
    for (const [host, fields] of Object.entries(value.headers)) {
      if (!isObject(fields)) continue
      headers[host] = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    }

    links.headers = headers
  }

  return links
}

type Locate = (path: DataPath, part: 'key' | 'value') => YamlRange | undefined

/** A config problem at a range of the config file (1:1 when it has none). */
function configMessage(reason: string, file: string, source: YamlSource, range: YamlRange | undefined): ConfigProblem {
  return createMessage(reason, {ruleId: 'config', file, place: source.toPosition(range ?? [0, 0])})
}

/** The error for an invalid config: one line per problem, sorted by position. */
function invalidConfig(path: string, cwd: string, problems: ConfigProblem[]): ConfigError {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  return new ConfigError(
    `invalid config \`${displayPath(path, cwd)}\` (${sorted.length} ${sorted.length === 1 ? 'problem' : 'problems'})`,
    sorted.map((problem) => formatProblem(problem, cwd))
  )
}

/** Checks the schema cannot express: known rule ids, glob syntax. */
function checkSemantics(data: {[key: string]: Json}): SchemaIssue[] {
  const problems: SchemaIssue[] = []
  const known = new Set(registry.map((meta) => meta.id))

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
      } else if (tooManyWildcards(glob)) {
        problem = 'more than two `*` in a path segment or two `**`, slow to match'
      } else {
        try {
          picomatch.makeRe(glob, {strictBrackets: true, noextglob: true})
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

  if (isObject(data.links) && isObject(data.links.headers)) {
    for (const [host, fields] of Object.entries(data.links.headers)) {
      if (!isObject(fields)) continue
      for (const name of Object.keys(fields)) {
        if (!isForbiddenHeader(name)) continue
        problems.push({
          path: ['links', 'headers', host, name],
          part: 'key',
          severity: 'error',
          reason: `Unexpected header \`${name}\` in \`links.headers\`, expected one that does not route or frame the request (not \`Host\`, \`Connection\`, \`Content-Length\`, \`Transfer-Encoding\`, \`Proxy-*\` and the like)`
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
 * @param files
 *   The config's directory, and how it reads a file (a frontmatter schema).
 * @param fail
 *   The error for a problem at a path (a frontmatter schema that cannot be read).
 */
function readSettings(
  object: {[key: string]: Json},
  files: {root: string; readText: (path: string) => string},
  fail: (reason: string, path: DataPath) => ConfigError,
  at: DataPath
): ConfigSettings {
  const settings: ConfigSettings = {}
  if (object.extends === 'recommended' || object.extends === 'strict') settings.extends = object.extends
  if (isFormatName(object.format)) settings.format = object.format
  if (isObject(object.rules)) {
    const rules: Record<string, RuleConfig> = {}
    for (const [id, value] of Object.entries(object.rules)) {
      // `warn`, `warning` and `1` are one severity from here on.
      const rule = readRuleConfig(value)
      if (rule !== undefined) rules[id] = rule
    }

    settings.rules = rules
  }

  if (isObject(object.headings)) {
    const headings: NonNullable<ConfigSettings['headings']> = {}
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
      const fileFail = (reason: string) => fail(reason, [...at, 'frontmatter', 'schema'])
      frontmatter.schema = readSchema(resolve(files.root, f.schema), files, fileFail)
    }

    if (Array.isArray(f.teams)) frontmatter.teams = f.teams.filter((item) => typeof item === 'string')
    const unknownKeys = readSeverity(f.unknownKeys)
    if (unknownKeys !== undefined) frontmatter.unknownKeys = unknownKeys

    settings.frontmatter = frontmatter
  }

  if (isObject(object.limits)) {
    const limits: NonNullable<ConfigSettings['limits']> = {}
    if (typeof object.limits.maxSize === 'number') limits.maxSize = object.limits.maxSize
    if (typeof object.limits.maxNesting === 'number') limits.maxNesting = object.limits.maxNesting
    if (typeof object.limits.maxLinks === 'number') limits.maxLinks = object.limits.maxLinks
    settings.limits = limits
  }

  if (typeof object.wordsPerMinute === 'number') settings.wordsPerMinute = object.wordsPerMinute
  return settings
}

/** Read a custom frontmatter schema (JSON or YAML); it must be an object. */
function readSchema(
  path: string,
  {root: cwd, readText}: {root: string; readText: (path: string) => string},
  fail: (reason: string) => ConfigError
): {[key: string]: Json} {
  let text: string
  try {
    text = readText(path)
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

/**
 * Whether a glob has more wildcards than can be matched quickly: globs
 * become regular expressions, which backtrack, and a config in a pull
 * request is untrusted. Two `*` in a path segment and two `**` in the glob
 * stay fast against any path.
 */
function tooManyWildcards(glob: string): boolean {
  const segments = glob.split('/')
  const globstars = segments.filter((segment) => segment === '**').length
  return globstars > 2 || segments.some((segment) => segment !== '**' && (segment.match(/\*+/g) ?? []).length > 2)
}

function isObject(value: Json | undefined): value is {[key: string]: Json} {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toList(value: Json | undefined): string[] {
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
}


/**
 * Whether `path` is inside the folder `root`, also once symbolic links are
 * resolved (those of the part of `path` that exists).
 */
function isInsideProject(root: string, path: string): boolean {
  const inside = (folder: string, file: string) => {
    const rest = relative(folder, file)
    return rest !== '' && rest !== '..' && !rest.startsWith('..' + sep) && !isAbsolute(rest)
  }

  if (!inside(root, path)) return false
  let realRoot: string
  try {
    realRoot = realpathSync(root)
  } catch {
    return true
  }

  // The nearest part of the path that exists, resolved, and the rest after it.
  let existing = path
  let rest = ''
  for (;;) {
    try {
      return inside(realRoot, join(realpathSync(existing), rest))
    } catch {
      const parent = dirname(existing)
      if (parent === existing) return false
      rest = join(basename(existing), rest)
      existing = parent
    }
  }
}
