/**
 * The Hugo site: a config file (`hugo.toml`, `config.toml`, their YAML forms,
 * or `config/_default/`) and a content folder. Section pages (`_index.md`)
 * define modules, other content pages are lessons, `draft: true` pages are
 * not built, files of a headless bundle and markdown resources of a page
 * bundle are data; markdown outside the content folder is not published.
 * Pages are published at pretty URLs (`/section/page/`), lowercased, or
 * where `slug:`/`url:` say; `static/` (and the theme's) is served at `/`.
 * The order is Hugo's default page order (weight, date, link title, file).
 */
import type {JsonObject, JsonValue} from '../model/checkpoint.js'
import {parseTomlFrontmatter} from '../frontmatter/toml.js'
import {readYamlSource} from '../frontmatter/yaml-source.js'
import {createLocator} from '../text.js'
import {kindByPlace, markdownExtension, siteFile} from './files.js'
import {parentOf} from './resolve.js'
import type {FileKind, Mount, Repository, Site, SiteFile, SiteModule, SiteOptions} from './types.js'

/** Config files Hugo reads at the root, in its order of preference. */
const configNames = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'config.toml', 'config.yaml', 'config.yml']

/**
 * The Hugo site builder (a `SiteBuilder`; typed where `siteBuilders` lists
 * it, as importing the type from there would make an import cycle).
 */
export const hugoSite = {
  flavour: 'hugo' as const,
  format: 'hugo' as const,
  detect(repository: Repository): string[] | undefined {
    const config = findConfig(repository)
    if (!config) return undefined
    const contentDir = folderSetting(readConfig(repository, config), 'contentdir') ?? 'content'
    if (!repository.paths.some((path) => path.startsWith(contentDir + '/'))) return undefined
    return [`\`${config}\` (a Hugo config)`, `a \`${contentDir}/\` folder`]
  },
  build(repository: Repository, options: SiteOptions, reasons: string[]): Site {
    return buildHugoSite(repository, options, reasons)
  }
}

/** A top-level key only a Hugo config has. */
const hugoKey = /^(?:baseurl|theme|languagecode|contentdir|params|markup|module|menus?|taxonomies|relativeurls|uglyurls)\s*:/im

/** The config file of a Hugo site, if the repository has one. */
function findConfig(repository: Repository): string | undefined {
  const paths = new Set(repository.paths)
  for (const name of configNames) {
    if (!paths.has(name)) continue
    if (name.startsWith('hugo.') || name.endsWith('.toml')) return name
    // Other tools read a `config.yaml` too (the Carpentries Workbench): it must hold a key of Hugo's and not the Workbench's.
    const text = repository.read(name) ?? ''
    if (hugoKey.test(text) && !/^carpentry\s*:/m.test(text)) return name
  }

  for (const name of configNames) if (paths.has('config/_default/' + name)) return 'config/_default/' + name
  return undefined
}

/** The config as data, its top-level keys lowercased (Hugo's keys are case-insensitive). */
function readConfig(repository: Repository, path: string): JsonObject {
  const text = repository.read(path) ?? ''
  const data = path.endsWith('.toml') ? readToml(text) : readYaml(text)
  const config: JsonObject = {}
  for (const [key, value] of Object.entries(data ?? {})) {
    Object.defineProperty(config, key.toLowerCase(), {value, enumerable: true, writable: true, configurable: true})
  }

  return config
}

function readToml(text: string): JsonObject | null {
  const locator = createLocator(text)
  const position = locator.toPosition(0, text.length)
  return parseTomlFrontmatter({value: text, offset: 0, position}, locator).data
}

function readYaml(text: string): JsonObject | null {
  const data = readYamlSource(text, 'config').toData()
  return data.ok && isObject(data.value) ? data.value : null
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A folder setting of the config, without `./` and trailing `/`. */
function folderSetting(config: JsonObject, key: string): string | undefined {
  const value = config[key]
  return typeof value === 'string' && value.trim() !== '' ? trimFolder(value) : undefined
}

function trimFolder(folder: string): string {
  return folder.trim().replace(/^(?:\.\/)+/, '').replace(/\/+$/, '')
}

/** The front matter of a content file: only its head is read. */
export function hugoFrontMatter(text: string): JsonObject {
  const match = /^(---|\+\+\+)[ \t]*\r?\n/.exec(text)
  if (!match) return {}
  const fence = match[1] === '+++' ? /^\+\+\+[ \t]*$/m : /^---[ \t]*$/m
  const rest = text.slice(match[0].length)
  const end = rest.search(fence)
  if (end === -1) return {}
  const head = rest.slice(0, end)
  if (match[1] === '+++') return readToml(head) ?? {}
  return simpleKeys(head) ?? readYaml(head) ?? {}
}

/** The front matter keys the site model reads, lowercased. */
const siteKeys = new Set(['title', 'linktitle', 'weight', 'date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified', 'draft', 'headless', 'slug', 'url', 'aliases'])

/**
 * The keys of `siteKeys` from YAML written as plain top-level `key: value`
 * lines (and `- item` lists), which is how nearly every page writes them:
 * much cheaper than a YAML parse of every page. `undefined` when one of them
 * is written any other way (quotes with escapes, block scalars, anchors,
 * tabs): then the YAML reader reads the head.
 */
function simpleKeys(head: string): JsonObject | undefined {
  const data: JsonObject = {}
  const lines = head.split(/\r?\n|\r/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const match = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/.exec(line)
    if (!match) continue
    const key = (match[1] ?? '').toLowerCase()
    if (!siteKeys.has(key)) continue
    const written = match[2] ?? ''
    let value: JsonValue | undefined
    if (written === '') {
      const items: string[] = []
      while (index + 1 < lines.length && /^[ ]*-[ \t]+/.test(lines[index + 1] ?? '')) {
        const item = plainScalar((lines[++index] ?? '').replace(/^[ ]*-[ \t]+/, ''))
        if (typeof item !== 'string') return undefined
        items.push(item)
      }

      value = items.length > 0 ? items : null
    } else if (written.startsWith('[') && written.endsWith(']')) {
      const items = written.slice(1, -1).split(',').map((item) => item.trim()).filter((item) => item !== '').map((item) => plainScalar(item))
      if (!items.every((item): item is string => typeof item === 'string')) return undefined
      value = items
    } else {
      value = plainScalar(written)
      // A plain scalar that goes on in the next, indented line.
      if (/^[ \t]+[^\s-]/.test(lines[index + 1] ?? '')) return undefined
    }

    if (value === undefined) return undefined
    Object.defineProperty(data, match[1] ?? key, {value, enumerable: true, writable: true, configurable: true})
  }

  return data
}

/** A plain or simply quoted YAML scalar (`undefined` when it needs the YAML reader). */
function plainScalar(written: string): JsonValue | undefined {
  const text = written.replace(/[ \t]+#.*$/, '')
  if (/^"[^"\\]*"$/.test(text) || /^'[^']*'$/.test(text)) return text.slice(1, -1)
  if (/^["'&*!|>{[@`%]/.test(text) || text.includes('\t') || text.includes(': ')) return undefined
  if (text === 'true' || text === 'false') return text === 'true'
  if (text === '' || text === '~' || text === 'null') return null
  if (/^[-+]?\d+(?:\.\d+)?$/.test(text)) return Number(text)
  return text
}

/** A content page of the site, for URLs and the order. */
interface Page {
  path: string
  /** Path relative to the content folder. */
  relative: string
  data: JsonObject
  kind: FileKind
  reason: string
  url: string | undefined
}

/** The settings of the Hugo config the site model reads. */
interface Settings {
  contentDir: string
  staticDirs: string[]
  themesDir: string
  themes: string[]
  ugly: boolean
  lower: boolean
  /** The path of `baseURL`, `/` when it has none. */
  prefix: string
  ignored: RegExp[]
}

function settingsOf(config: JsonObject): Settings {
  return {
    contentDir: folderSetting(config, 'contentdir') ?? 'content',
    staticDirs: listSetting(config, 'staticdir') ?? ['static'],
    themesDir: folderSetting(config, 'themesdir') ?? 'themes',
    themes: listSetting(config, 'theme') ?? [],
    ugly: config.uglyurls === true,
    lower: config.disablepathtolower !== true,
    prefix: basePath(config.baseurl),
    ignored: ignorePatterns(config.ignorefiles)
  }
}

/** Build the site of a repository `hugoSite.detect` accepted. */
export function buildHugoSite(repository: Repository, options: SiteOptions, reasons: string[]): Site {
  const configPath = findConfig(repository)
  const config = configPath ? readConfig(repository, configPath) : {}
  const settings = settingsOf(config)
  const {prefix, contentDir} = settings
  const mounts: Mount[] = []
  // Page resources (images beside a page, `*.files/` folders) are published at their path.
  for (const folder of [...settings.staticDirs, ...settings.themes.map((theme) => `${settings.themesDir}/${theme}/static`), contentDir]) {
    mounts.push({url: '/', folder})
    if (prefix !== '/') mounts.push({url: prefix, folder})
  }

  const files: {[path: string]: SiteFile} = {}
  const urls: {[url: string]: string} = {}
  const addUrl = (url: string, path: string) => {
    for (const each of [url, ...(prefix === '/' ? [] : [prefix + url.slice(1)])]) {
      if (!Object.hasOwn(urls, each)) urls[each] = path
      if (each.endsWith('/') && !Object.hasOwn(urls, each + 'index.html')) urls[each + 'index.html'] = path
    }
  }

  const {pages, leafBundles} = contentPages(repository, settings)
  for (const page of pages) {
    files[page.path] = siteFile(page.path, page.kind, page.reason, page.url)
    if (page.url === undefined) continue
    addUrl(page.url, page.path)
    for (const alias of stringList(page.data.aliases)) addUrl(directoryUrl('/' + alias.replace(/^\/+/, '')), page.path)
  }

  // Resources of a bundle whose page moved (`slug:`, `url:`, uppercase folders) move with it.
  const inContent = contentDir + '/'
  for (const path of repository.paths) {
    if (!path.startsWith(inContent) || markdownExtension.test(path)) continue
    const relative = path.slice(inContent.length)
    const bundle = enclosing(leafBundles, parentOf(relative))
    if (bundle === undefined) continue
    const url = files[`${inContent}${bundle === '' ? '' : bundle + '/'}index.md`]?.url
    if (url?.endsWith('/')) addUrl(url + relative.slice(bundle === '' ? 0 : bundle.length + 1), path)
  }

  for (const path of repository.paths) {
    if (path.startsWith(inContent) || !markdownExtension.test(path)) continue
    const placed = outsideContent(path, settings) ?? kindByPlace(path)
    files[path] = siteFile(path, placed?.kind ?? 'page', placed?.reason ?? `outside \`${inContent}\`: Hugo does not publish it`, undefined)
  }

  const title = typeof config.title === 'string' ? config.title : undefined
  return {
    flavour: 'hugo',
    format: options.format ?? 'hugo',
    title,
    reasons,
    files,
    urls,
    mounts,
    routes: [],
    rootKnown: true,
    modules: modulesOf(pages),
    missing: [],
    ordered: false
  }
}

/** The markdown files of the content folder: their front matter, kind and URL; and the folders of page bundles. */
function contentPages(repository: Repository, settings: Settings): {pages: Page[]; leafBundles: Set<string>} {
  const inContent = settings.contentDir + '/'
  const headless = new Set<string>()
  const leafBundles = new Set<string>()
  const pages: Page[] = []
  for (const path of repository.paths) {
    if (!path.startsWith(inContent) || !markdownExtension.test(path)) continue
    const relative = path.slice(inContent.length)
    const data = hugoFrontMatter(repository.read(path) ?? '')
    if (/^index\.[^.]+$/.test(relative.slice(relative.lastIndexOf('/') + 1))) {
      leafBundles.add(parentOf(relative))
      if (data.headless === true) headless.add(parentOf(relative))
    }

    pages.push({path, relative, data, kind: 'lesson', reason: 'a content page', url: undefined})
  }

  for (const page of pages) {
    Object.assign(page, kindOf(page, settings, leafBundles, headless))
    if (page.kind === 'lesson' || page.kind === 'page') page.url = pageUrl(page, settings)
  }

  return {pages, leafBundles}
}

/** What a content page is: data (ignored, headless, a bundle's resource), a draft, a section page, or a lesson. */
function kindOf(page: Page, settings: Settings, leafBundles: ReadonlySet<string>, headless: ReadonlySet<string>): {kind: FileKind; reason: string} {
  const {relative, data} = page
  const folder = parentOf(relative)
  const name = relative.slice(relative.lastIndexOf('/') + 1)
  const bundle = enclosing(leafBundles, folder)
  if (settings.ignored.some((pattern) => pattern.test(page.path))) return {kind: 'data', reason: 'matched by `ignoreFiles` in the Hugo config'}
  if (bundle !== undefined && headless.has(bundle)) return {kind: 'data', reason: 'in a headless bundle (`headless: true`)'}
  if (bundle !== undefined && !(bundle === folder && /^index\.[^.]+$/.test(name))) {
    const index = settings.contentDir + '/' + (bundle === '' ? '' : bundle + '/') + 'index.md'
    return {kind: 'data', reason: `a resource of the page bundle \`${index}\``}
  }

  if (data.draft === true || data.draft === 'true') return {kind: 'draft', reason: '`draft: true`: Hugo does not build it'}
  if (/^_index\.[^.]+$/.test(name)) return {kind: 'page', reason: folder === '' ? 'the home page (`_index.md`)' : 'a section page (`_index.md`)'}
  return {kind: page.kind, reason: page.reason}
}

/** What a markdown file outside the content folder is when its folder tells: a theme's file, a static file. */
function outsideContent(path: string, folders: {themesDir: string; staticDirs: readonly string[]}): {kind: FileKind; reason: string} | undefined {
  if (path.startsWith(folders.themesDir + '/')) return {kind: 'template', reason: `part of a theme (\`${folders.themesDir}/\`)`}
  const folder = folders.staticDirs.find((each) => path.startsWith(each + '/'))
  if (folder !== undefined) return {kind: 'data', reason: `served as a file from \`${folder}/\`, not as a page`}
  return undefined
}

/** A list setting: a string or a list of strings. */
function listSetting(config: JsonObject, key: string): string[] | undefined {
  const value = config[key]
  if (typeof value === 'string') return value.trim() === '' ? undefined : [trimFolder(value)]
  const list = stringList(value).map((item) => trimFolder(item))
  return list.length > 0 ? list : undefined
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** The path of `baseURL` (`/` when it has none): the prefix of every URL of the site. */
function basePath(value: JsonValue | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') return '/'
  let path: string
  try {
    path = new URL(value.trim(), 'http://localhost/').pathname
  } catch {
    return '/'
  }

  return path.endsWith('/') ? path : path + '/'
}

/**
 * A quantified group that holds a quantifier (`(a+)+`): backtracking on it
 * can take exponential time. Go's engine does not backtrack, so a config may
 * hold one; JavaScript's does, and the config is untrusted.
 */
const nestedQuantifier = /\((?:[^()\\]|\\.)*[*+?}](?:[^()\\]|\\.)*\)[*+?{]/

/**
 * `ignoreFiles` regular expressions (Go's syntax is mostly JavaScript's).
 * One that JavaScript cannot read, or that could backtrack for long, is
 * skipped: its files are then linted as pages.
 */
function ignorePatterns(value: JsonValue | undefined): RegExp[] {
  return stringList(value).flatMap((source) => {
    if (source.length > 500 || nestedQuantifier.test(source)) return []
    try {
      return [new RegExp(source)]
    } catch {
      return []
    }
  })
}

/** The innermost folder of `bundles` that holds `folder` (itself included). */
function enclosing(bundles: ReadonlySet<string>, folder: string): string | undefined {
  for (let current = folder; ; current = parentOf(current)) {
    if (bundles.has(current)) return current
    if (current === '') return undefined
  }
}

/** A URL path without an extension is a folder. */
function directoryUrl(url: string): string {
  const name = url.slice(url.lastIndexOf('/') + 1)
  return url.endsWith('/') || name.includes('.') ? url : url + '/'
}

/** Where Hugo publishes a content page: pretty URLs, `slug:`, `url:`, lowercased. */
function pageUrl(page: Page, settings: {ugly: boolean; lower: boolean}): string {
  const {relative, data} = page
  let url: string
  if (typeof data.url === 'string' && data.url.trim() !== '') {
    url = directoryUrl('/' + data.url.trim().replace(/^\/+/, ''))
  } else {
    const folder = parentOf(relative)
    const name = relative.slice(relative.lastIndexOf('/') + 1)
    const section = /^_index\.[^.]+$/.test(name)
    const bundle = /^index\.[^.]+$/.test(name)
    const parts = folder === '' ? [] : folder.split('/')
    if (!section && !bundle) parts.push(name.replace(/\.[^.]+$/, ''))
    const slug = typeof data.slug === 'string' && data.slug.trim() !== '' ? data.slug.trim() : undefined
    if (slug !== undefined && !section && parts.length > 0) parts[parts.length - 1] = slug
    const path = parts.map((part) => part.replace(/\s+/g, '-')).join('/')
    if (path === '') url = '/'
    else url = settings.ugly && !section ? `/${path}.html` : `/${path}/`
  }

  return settings.lower ? url.toLowerCase() : url
}

/** One entry of a section's list: a page or a subsection. */
interface Entry {
  page: Page | undefined
  folder: string
  weight: number
  date: number
  title: string
  file: string
  children: Entry[]
}

/**
 * Modules: the top-level sections in Hugo's default order, each with its
 * lessons depth first (pages and subsections of a section sorted together,
 * as the learn theme's menu does).
 */
function modulesOf(pages: readonly Page[]): SiteModule[] {
  const built = pages.filter((page) => page.kind === 'lesson' || page.kind === 'page')
  const sections = new Map<string, Entry>()
  const sectionOf = (folder: string): Entry => {
    let entry = sections.get(folder)
    if (!entry) {
      entry = {page: undefined, folder, weight: 0, date: 0, title: '', file: folder, children: []}
      sections.set(folder, entry)
      if (folder !== '') sectionOf(sectionAbove(parentOf(folder))).children.push(entry)
    }

    return entry
  }

  // Sections: folders with an `_index.md`, and every top-level folder.
  const sectionFolders = new Set([''])
  for (const page of built) {
    const folder = parentOf(page.relative)
    if (/^_index\.[^.]+$/.test(page.relative.slice(page.relative.lastIndexOf('/') + 1))) sectionFolders.add(folder)
    else if (folder !== '') sectionFolders.add(folder.split('/')[0] ?? '')
  }

  const sectionAbove = (folder: string): string => {
    let current = folder
    while (!sectionFolders.has(current)) current = parentOf(current)
    return current
  }

  sectionOf('')
  for (const page of built) {
    const folder = parentOf(page.relative)
    const name = page.relative.slice(page.relative.lastIndexOf('/') + 1)
    if (/^_index\.[^.]+$/.test(name)) {
      Object.assign(sectionOf(folder), sortKeys(page), {page})
    } else {
      // A leaf bundle's page sits in the section above its folder.
      const parent = sectionAbove(/^index\.[^.]+$/.test(name) ? parentOf(folder) : folder)
      sectionOf(parent).children.push({...sortKeys(page), page, folder: parent, children: []})
    }
  }

  const lessonsOf = (entry: Entry, into: string[]): string[] => {
    for (const child of sortEntries(entry.children)) {
      if (child.page?.kind === 'lesson') into.push(child.page.path)
      lessonsOf(child, into)
    }

    return into
  }

  const home = sections.get('') as Entry
  const modules: SiteModule[] = []
  const loose = sortEntries(home.children.filter((child) => child.page?.kind === 'lesson')).map((child) => child.page?.path ?? '')
  if (loose.length > 0) modules.push({title: undefined, path: undefined, lessons: loose})
  for (const section of sortEntries(home.children.filter((child) => sections.get(child.folder) === child && child.folder !== ''))) {
    modules.push({
      title: section.page && typeof section.page.data.title === 'string' ? section.page.data.title : undefined,
      path: section.page?.path ?? section.folder,
      lessons: lessonsOf(section, [])
    })
  }

  return modules
}

function sortKeys(page: Page): Pick<Entry, 'weight' | 'date' | 'title' | 'file'> {
  const {data} = page
  const weight = typeof data.weight === 'number' ? data.weight : Number.parseInt(String(data.weight ?? 0), 10) || 0
  let date = 0
  for (const key of ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified']) {
    const value = data[key] ?? data[key.replace('date', 'Date')]
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      date = Date.parse(value)
      break
    }
  }

  const linkTitle = data.linkTitle ?? data.linktitle ?? data.title
  return {weight, date, title: typeof linkTitle === 'string' ? linkTitle : '', file: page.path}
}

/** Hugo's default page order: weight (0 last), newest date, link title, file path. */
function sortEntries(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => {
    if (a.weight !== b.weight) {
      if (a.weight === 0) return 1
      if (b.weight === 0) return -1
      return a.weight - b.weight
    }

    if (a.date !== b.date) return b.date - a.date
    if (a.title !== b.title) return a.title.localeCompare(b.title, 'en')
    return a.file < b.file ? -1 : a.file > b.file ? 1 : 0
  })
}
