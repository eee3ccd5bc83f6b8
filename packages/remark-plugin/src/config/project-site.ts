/**
 * The site of a project: its repository read from the config's root and
 * built by core's site model with the config's format and `site` keys. One
 * site per config, whatever `overrides` say: the site is the repository's,
 * built with the top-level `format` (or the format detected when the config
 * names none); an override's `format` changes how its files are read, not
 * what the site publishes.
 */
import {statSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import type {FileKind, Repository, Site} from '@coursemark/core/site'
// The entry of `readRepository` alone: a cached rerun loads nothing else of core's Node entry.
import {readRepository} from '@coursemark/core/repository'
import type {Config} from './data.js'
import {relativePath, toSlashes} from './paths.js'

/** The site of a project, and what the rules need to know of the repository besides. */
export interface ProjectSite {
  site: Site
  /**
   * No lesson of the repository has frontmatter: a course that does not use
   * it, where frontmatter is not required (`FileSite.frontmatterless`).
   */
  frontmatterless: boolean
  /** No lesson states objectives: a course that does not use them, where they are not asked for (`FileSite.objectiveless`). */
  objectiveless?: boolean | undefined
}

/**
 * Build the site of `config`'s project (reads every file name under its
 * root, and lessons until one has frontmatter). The site model is loaded
 * here, not by importing this module: a run that takes its site from
 * `siteOfConfigStored` loads no builder (nor the YAML and TOML readers they
 * use).
 */
export function siteOfConfig(config: Config, model: typeof import('@coursemark/core/site-builders')): ProjectSite {
  return siteOfRepository(config, readRepository(config.root), model, false).project
}

/**
 * What a stored site depends on: the settings and the file names of the
 * repository (`key`, as they are: a rerun compares them without hashing,
 * so it loads no `node:crypto`), and the text of every file the site model
 * read (`reads`, by path: a hash, and the file's stamp when it can be
 * trusted). `id` names what the site was built from (`storedSiteId`).
 */
export interface StoredSite {
  key: string
  id: string
  reads: {[path: string]: string}
  /** What a lint cache's results depend on besides each file's place (`siteSummary`), kept so that a rerun need not read the site itself. */
  summary: SiteSummary
  project: ProjectSite
}

/** The few fields of a project's site that every cached result depends on: its generator, format, served folders, routes, whether its root is known, and the course's conventions. */
export interface SiteSummary {
  flavour: string
  format: string
  mounts: Site['mounts']
  routes: Site['routes']
  rootKnown: boolean
  frontmatterless: boolean
  objectiveless: boolean
}

/** The summary of `project` (see `SiteSummary`). */
export function siteSummary(project: ProjectSite): SiteSummary {
  const {flavour, format, mounts, routes, rootKnown} = project.site
  return {flavour, format, mounts, routes, rootKnown, frontmatterless: project.frontmatterless, objectiveless: project.objectiveless ?? false}
}

/**
 * A stored site as read from disk: everything but the site itself
 * (`header`), and the site (`project()`), parsed only when asked for. Both
 * are untrusted: every field is checked before use.
 */
export interface StoredSiteSource {
  header: unknown
  project: () => unknown
}

/**
 * The site of `config`'s project from `stored` when nothing it depends on
 * changed (its `key`, and the text of each file it read), else built with
 * `model()` (the site model, loaded when first needed). `own` are files of the store itself (absolute), which a run may
 * create: they take no part in the key. Gives the site, its summary and id,
 * and, when it was built (`fresh`), what to store for the next run.
 *
 * A kept site is read from `stored.project()` only when something asks for
 * it (`project.site`): a rerun that takes every file from the cache needs
 * only the summary and the id. A kept site that fails its checks then is
 * built again at once from the same files (which still hold): the site the
 * id names.
 */
export function siteOfConfigStored(
  config: Config,
  stored: StoredSiteSource | undefined,
  model: () => typeof import('@coursemark/core/site-builders'),
  own: readonly string[] = []
): {project: ProjectSite; summary: SiteSummary; id: string; stored: StoredSite | undefined; fresh: boolean} {
  const repository = readRepository(config.root)
  const key = keyOf(config, repository, new Set(own.map((path) => sitePath(config, path))))
  const header = stored?.header
  const kept = stored && isStoredHeader(header) && header.key === key ? header : undefined
  if (stored && kept && Object.entries(kept.reads).every(([path, record]) => readHolds(config.root, path, record, repository))) {
    const project = lazyProject(() => {
      const read = stored.project()
      return isStoredProject(read) ? read : siteOfRepository(config, repository, model(), false).project
    })
    return {project, summary: kept.summary, id: kept.id, stored: undefined, fresh: false}
  }

  const built = siteOfRepository(config, repository, model(), true)
  const id = sha256().update(key).update(JSON.stringify(built.reads)).digest('base64url')
  const summary = siteSummary(built.project)
  return {project: built.project, summary, id, stored: {key, id, reads: built.reads, summary, project: built.project}, fresh: true}
}

/** A project whose site is made by `make` when first asked for. */
function lazyProject(make: () => ProjectSite): ProjectSite {
  let made: ProjectSite | undefined
  const project = () => (made ??= make())
  return {
    get site() {
      return project().site
    },
    get frontmatterless() {
      return project().frontmatterless
    },
    get objectiveless() {
      return project().objectiveless
    }
  }
}

/** Texts kept while a site is built: more than every detector's sample, far fewer than a large course's lessons. */
const memoLimit = 256

/**
 * Build the site; each file the builders read is read once (detection and
 * the build read the same samples; the first `memoLimit` files), and with `record`, hashed for the store.
 */
function siteOfRepository(config: Config, repository: Repository, model: typeof import('@coursemark/core/site-builders'), record: boolean) {
  const reads: {[path: string]: string} = {}
  const texts = new Map<string, string | undefined>()
  const recording: Repository = {
    paths: repository.paths,
    read(path) {
      if (texts.has(path)) return texts.get(path)
      const text = repository.read(path)
      if (texts.size < memoLimit) texts.set(path, text)
      if (record) reads[path] = readRecord(config.root, path, text)
      return text
    }
  }
  const site = model.buildSite(recording, {format: config.base.format, root: config.site?.root, static: config.site?.static})
  return {project: {site, frontmatterless: !anyFrontmatter(recording, site), objectiveless: !model.usesObjectives(recording, site, objectivesHeadings(config))}, reads}
}

/** The objectives headings the config names, at its top level and in every override. */
function objectivesHeadings(config: Config): string[] {
  return [config.base, ...config.overrides.map((override) => override.settings)].flatMap((settings) => settings.headings?.objectives ?? [])
}

/**
 * What the site depends on besides the files it read: the settings, then
 * each file name, separated by NUL (which no file name holds, so two
 * repositories never give one key); the files of the store itself (`own`:
 * the cache, its lock) left out.
 */
function keyOf(config: Config, repository: Repository, own: ReadonlySet<string | undefined>): string {
  const parts = [JSON.stringify([config.base.format ?? null, config.site?.root ?? null, config.site?.static ?? null, objectivesHeadings(config)])]
  for (const path of repository.paths) if (!own.has(path)) parts.push(path)
  return parts.join('\0')
}

/**
 * What a stored site was built from, as one short string: the SHA-256 of its
 * key and of the hash of each file it read, made when the site was built.
 * Two runs with the same id have the same site (a cache serves one version
 * of coursemark).
 */
export function storedSiteId(stored: Pick<StoredSite, 'id'>): string {
  return stored.id
}

/**
 * Files changed less than this long before the site was built are read again
 * next time, as the lint cache does (`stampOf`): a change within the file
 * system clock's granularity could keep the times of the stamp.
 */
const racyMs = 3000

/**
 * What a stored site keeps of a file it read: the hash of the text, then,
 * when the file is old enough, its stamp (size, modification and change
 * times, inode), so that the next run reads it again only when `stat` says
 * it may have changed.
 */
function readRecord(root: string, path: string, text: string | undefined): string {
  const digest = digestOf(text)
  const stamp = text === undefined ? undefined : stampOf(root, path)
  return stamp === undefined || Math.max(stamp[1], stamp[2]) > Date.now() - racyMs ? digest : `${digest} ${stamp.join(' ')}`
}

/** Whether the file read as `record` (`readRecord`) is unchanged. */
function readHolds(root: string, path: string, record: string, repository: Repository): boolean {
  const space = record.indexOf(' ')
  if (space !== -1 && stampOf(root, path)?.join(' ') === record.slice(space + 1)) return true
  return digestOf(repository.read(path)) === (space === -1 ? record : record.slice(0, space))
}

function stampOf(root: string, path: string): [number, number, number, number] | undefined {
  try {
    const stats = statSync(join(root, ...path.split('/')))
    return [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino]
  } catch {
    return undefined
  }
}

function digestOf(text: string | undefined): string {
  return text === undefined ? '-' : sha256().update(text).digest('base64url')
}

const kinds = new Set<FileKind>(['lesson', 'break', 'project', 'page', 'template', 'draft', 'data', 'include'])

/**
 * Whether `value` is the header of a stored site (`StoredSite` but its
 * `project`), every field checked: it is read from a file on disk that an
 * earlier run (or anyone) wrote.
 */
export function isStoredHeader(value: unknown): value is Omit<StoredSite, 'project'> {
  if (!isRecord(value) || typeof value.key !== 'string' || typeof value.id !== 'string' || !isRecord(value.reads) || !isRecord(value.summary)) return false
  if (!Object.values(value.reads).every((digest) => typeof digest === 'string')) return false
  const summary = value.summary
  return (
    typeof summary.flavour === 'string' &&
    typeof summary.format === 'string' &&
    validMounts(summary.mounts) &&
    validRoutes(summary.routes) &&
    typeof summary.rootKnown === 'boolean' &&
    typeof summary.frontmatterless === 'boolean' &&
    typeof summary.objectiveless === 'boolean'
  )
}

/** Whether `value` is a stored site: its header (`isStoredHeader`) and its project (`isStoredProject`). */
export function isStoredSite(value: unknown): value is StoredSite {
  return isStoredHeader(value) && isStoredProject((value as {project?: unknown}).project)
}

/** Whether `value` is a stored project (`ProjectSite`), every field checked. */
export function isStoredProject(value: unknown): value is ProjectSite {
  if (!isRecord(value)) return false
  const {site, frontmatterless, objectiveless} = value
  if (typeof frontmatterless !== 'boolean' || (objectiveless !== undefined && typeof objectiveless !== 'boolean') || !isRecord(site)) return false
  const strings = (item: unknown) => typeof item === 'string'
  const maybeString = (item: unknown) => item === undefined || typeof item === 'string'
  return (
    strings(site.flavour) &&
    strings(site.format) &&
    maybeString(site.title) &&
    Array.isArray(site.reasons) && site.reasons.every(strings) &&
    isRecord(site.files) &&
    Object.entries(site.files).every(([path, file]) => isRecord(file) && file.path === path && kinds.has(file.kind as FileKind) && strings(file.reason) && maybeString(file.url) && maybeString(file.title)) &&
    isRecord(site.urls) && Object.values(site.urls).every(strings) &&
    validMounts(site.mounts) &&
    validRoutes(site.routes) &&
    typeof site.rootKnown === 'boolean' &&
    typeof site.ordered === 'boolean' &&
    maybeString(site.slugger) && (site.slugger === undefined || site.slugger === 'github' || site.slugger === 'odin') &&
    Array.isArray(site.modules) && site.modules.every((module) => isRecord(module) && maybeString(module.title) && maybeString(module.path) && Array.isArray(module.lessons) && module.lessons.every(strings)) &&
    Array.isArray(site.missing) && site.missing.every((entry) => isRecord(entry) && strings(entry.path) && strings(entry.file) && Number.isInteger(entry.line) && Number.isInteger(entry.column))
  )
}

function validMounts(value: unknown): boolean {
  return Array.isArray(value) && value.every((mount) => isRecord(mount) && typeof mount.url === 'string' && typeof mount.folder === 'string')
}

function validRoutes(value: unknown): boolean {
  return Array.isArray(value) && value.every((route) => isRecord(route) && typeof route.prefix === 'string' && typeof route.reason === 'string')
}

function isRecord(value: unknown): value is {[key: string]: unknown} {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether a lesson of the site starts with a frontmatter fence (`---` YAML, `+++` TOML); stops at the first. */
function anyFrontmatter(repository: Repository, site: Site): boolean {
  for (const file of Object.values(site.files)) {
    if (file.kind !== 'lesson') continue
    const text = repository.read(file.path)
    if (text !== undefined && /^\uFEFF?(?:---|\+\+\+)[ \t]*\r?\n/.test(text)) return true
  }

  return false
}

/** The path of `file` (absolute) in the site of `config`'s project, `undefined` when it is outside the root. */
export function sitePath(config: Pick<Config, 'root'>, file: string): string | undefined {
  const path = toSlashes(relativePath(config.root, file))
  return path === '' || path === '..' || path.startsWith('../') || /^[a-z]:/i.test(path) || path.startsWith('/') ? undefined : path
}

const require = createRequire(import.meta.url)

/** A SHA-256 hash; `node:crypto` is loaded when first used (a run without `--cache` hashes nothing, nor a rerun whose stored site holds). */
function sha256(): import('node:crypto').Hash {
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256')
}
