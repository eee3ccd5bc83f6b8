/**
 * The Carpentries Workbench (sandpaper): a lesson with a root `config.yaml`
 * that lists its episodes. The site is flat: episodes, learners,
 * instructors and profiles pages and the root pages are all published at
 * `/<slug>.html`, and the asset folders (`fig/`, `data/`, `files/`) of those
 * folders are copied to the site root.
 *
 * A link works on the built site when sandpaper's link rewrite (strip one
 * `../`, then one `episodes/`, `learners/`, `instructors/` or `profiles/`,
 * then `x.md`/`x.Rmd` → `x.html`) lands on a page, or when pegboard's
 * existence check finds it (the link from the file's folder or from a
 * sibling content folder, the extension swapped to `.md` or `.Rmd`). Both
 * are expressed as URL aliases and mounts, so the generic resolver serves.
 */
import {readFrontmatter} from '../frontmatter/frontmatter.js'
import {readYamlSource, type YamlSource} from '../frontmatter/yaml-source.js'
import type {JsonObject, JsonValue} from '../model/checkpoint.js'
import {kindByPlace, markdownPaths, siteFile} from './files.js'
import type {ListEntry, Mount, Repository, Route, Site, SiteFile, SiteOptions} from './types.js'

/** The folders sandpaper builds pages from, each also a prefix its link rewrite strips. */
const contentFolders = ['episodes', 'learners', 'instructors', 'profiles'] as const

/** Folders of a content folder that sandpaper copies to the site root. */
const assetFolders = ['data', 'files', 'fig'] as const

/** Root pages sandpaper builds. */
const rootPages = new Set(['index.md', 'LICENSE.md', 'CODE_OF_CONDUCT.md'])

/** Pages sandpaper generates (not from a file of the repository), and the instructor view. */
const generated: Route[] = [
  {prefix: '/instructor/', reason: 'the instructor view the Workbench generates'},
  ...['aio', 'key-points', 'images', 'instructor-notes', '404', 'profiles'].map((name) => ({
    prefix: `/${name}.html`,
    reason: 'a page the Workbench generates'
  }))
]

/**
 * The Workbench site builder (a `SiteBuilder`; typed where
 * `siteBuilders` lists it, so that this module does not import the index).
 */
export const workbench = {
  flavour: 'workbench' as const,
  format: 'carpentries' as const,
  detect(repository: Repository): string[] | undefined {
    const config = readConfig(repository)
    if (!config) return undefined
    const list = config.data.episodes === undefined ? 'schedule' : 'episodes'
    if (config.data.carpentry === undefined || config.data[list] === undefined) return undefined
    return [`\`config.yaml\` with \`carpentry:\` and \`${list}:\` (a Carpentries Workbench lesson)`]
  },
  build(repository: Repository, _options: SiteOptions, reasons: string[]): Site {
    const config = readConfig(repository)
    const data = config?.data ?? {}
    const key = data.episodes === undefined ? 'schedule' : 'episodes'
    const listed = names(data[key])
    const has = new Set(repository.paths)
    const files: {[path: string]: SiteFile} = {}
    const lessons: string[] = []
    const missing: ListEntry[] = []

    for (const [index, name] of listed.entries()) {
      const path = `episodes/${name}`
      if (!has.has(path)) {
        missing.push(listEntry(config?.source, [key, index], path))
        continue
      }

      lessons.push(path)
      const brk = isBreak(repository.read(path))
      files[path] = siteFile(path, brk ? 'break' : 'lesson', `listed under \`${key}:\` in \`config.yaml\`${brk ? ', with `break:` minutes' : ''}`, pageUrl(path))
    }

    // With no list, sandpaper builds every episode in file-name order.
    const all = listed.length === 0
    for (const path of markdownPaths(repository)) {
      if (files[path]) continue
      files[path] = classify(path, all)
      if (all && files[path]?.kind === 'lesson') lessons.push(path)
    }

    const urls: {[url: string]: string} = {}
    for (const file of Object.values(files)) {
      if (file.url === undefined) continue
      for (const alias of aliases(file)) urls[alias] ??= file.path
    }

    return {
      flavour: 'workbench',
      format: 'carpentries',
      title: typeof data.title === 'string' ? data.title : undefined,
      reasons,
      files,
      urls,
      mounts: mounts(repository),
      routes: generated,
      rootKnown: true,
      modules: [{title: typeof data.title === 'string' ? data.title : undefined, path: 'config.yaml', lessons}],
      missing,
      ordered: !all
    }
  }
}

/** `config.yaml` read, or `undefined` when absent or not a mapping. */
function readConfig(repository: Repository): {data: JsonObject; source: YamlSource} | undefined {
  if (!repository.paths.includes('config.yaml')) return undefined
  const text = repository.read('config.yaml')
  if (text === undefined) return undefined
  const source = readYamlSource(text, 'config')
  if (!source.readable || source.kindAt([]) !== 'mapping') return undefined
  const read = source.toData()
  return read.ok && isObject(read.value) ? {data: read.value, source} : undefined
}

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The file names of a config list (`- 01-intro.md`); other items are skipped. */
function names(value: JsonValue | undefined): string[] {
  if (!Array.isArray(value)) return []
  return value.map((item) => (typeof item === 'string' ? item.trim() : '')).filter((item) => item !== '')
}

/** The place of a list item of `config.yaml`. */
function listEntry(source: YamlSource | undefined, path: Array<string | number>, target: string): ListEntry {
  const range = source?.locate(path, 'value')
  const position = range && source ? source.toPosition(range) : undefined
  return {path: target, file: 'config.yaml', line: position?.start.line ?? 1, column: position?.start.column ?? 1}
}

/** A break: `break:` minutes, and no teaching or exercises (0 or absent). */
function isBreak(text: string | undefined): boolean {
  if (text === undefined) return false
  const data = readFrontmatter(text)?.data
  if (!data || data.break === undefined || data.break === null) return false
  const none = (value: JsonValue | undefined) => value === undefined || value === null || value === 0
  return none(data.teaching) && none(data.exercises)
}

/** The kind of a markdown file that `config.yaml` does not list. */
function classify(path: string, all: boolean): SiteFile {
  const parts = path.split('/')
  const top = parts[0] ?? ''
  if ((contentFolders as readonly string[]).includes(top) && parts.length > 2 && (assetFolders as readonly string[]).includes(parts[1] ?? '')) {
    return siteFile(path, 'data', `in the asset folder \`${top}/${parts[1] ?? ''}/\`, copied as is`, undefined)
  }

  if (top === 'episodes' && parts.length === 2) {
    return all
      ? siteFile(path, 'lesson', 'in `episodes/` (`config.yaml` lists no episodes: all are built)', pageUrl(path))
      : siteFile(path, 'draft', 'in `episodes/` and not listed under `episodes:` in `config.yaml`', undefined)
  }

  if (top !== 'episodes' && (contentFolders as readonly string[]).includes(top) && parts.length === 2) {
    return siteFile(path, 'page', `a page of \`${top}/\``, pageUrl(path))
  }

  if (path === 'links.md') return siteFile(path, 'include', 'appended to every page (its link references resolve everywhere)', undefined)
  if (rootPages.has(path)) return siteFile(path, 'page', 'a root page the Workbench builds', pageUrl(path))
  const placed = kindByPlace(path)
  return siteFile(path, placed?.kind ?? 'page', placed?.reason ?? 'not built by the Workbench', undefined)
}

/** The flat URL: `episodes/01-intro.Rmd` → `/01-intro.html`. */
function pageUrl(path: string): string {
  return `/${slugOf(path)}.html`
}

function slugOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '')
}

/**
 * The URL paths that reach a page: its own, and what the link rewrite and
 * the existence check accept (`/x.md`, `/x.Rmd`, `/learners/x.md`, …). Links
 * are resolved against the page's flat URL, where `../` stops at the root.
 */
function aliases(file: SiteFile): string[] {
  const slug = slugOf(file.path)
  const out: string[] = []
  for (const prefix of ['', ...contentFolders.map((folder) => folder + '/')]) {
    for (const extension of ['.html', '.md', '.Rmd']) out.push(`/${prefix}${slug}${extension}`)
  }

  if (file.path === 'index.md') out.push('/')
  return out
}

/** The asset folders that exist, at the site root, and under each prefix the link rewrite strips. */
function mounts(repository: Repository): Mount[] {
  const out: Mount[] = []
  for (const folder of contentFolders) {
    for (const asset of assetFolders) {
      const source = `${folder}/${asset}`
      if (!repository.paths.some((path) => path.startsWith(source + '/'))) continue
      out.push({url: `/${asset}/`, folder: source})
      for (const prefix of contentFolders) out.push({url: `/${prefix}/${asset}/`, folder: source})
    }
  }

  return out
}
