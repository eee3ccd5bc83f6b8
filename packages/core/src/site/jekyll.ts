/**
 * A legacy Carpentries lesson (the Jekyll "styles" template): `_config.yml`
 * and the `_episodes/` collection. Episodes and `_extras/` are published at
 * `/<name>/` (the collections' `/:path/index.html` permalink), other pages
 * with frontmatter at `/<name>.html` or their `permalink`, and every folder
 * that does not start with `_` or `.` is copied to the site as it is.
 *
 * Links written with Liquid (`{{ page.root }}{% link reference.md %}#x`)
 * are expanded by `resolve.ts` for this flavour: `{% link P %}` names the
 * source file `P` (Jekyll fails the build when it is missing), and
 * `{{ page.root }}` leads to the site root.
 */
import {readFrontmatter} from '../frontmatter/frontmatter.js'
import {readYamlSource} from '../frontmatter/yaml-source.js'
import type {JsonObject, JsonValue} from '../model/checkpoint.js'
import {kindByPlace, markdownPaths, siteFile} from './files.js'
import type {Mount, Repository, Site, SiteFile, SiteOptions} from './types.js'

/** Collections the template publishes at `/:path/index.html`. */
const collections = ['_episodes', '_episodes_rmd', '_extras'] as const

/**
 * The legacy Jekyll site builder (a `SiteBuilder`; typed where
 * `siteBuilders` lists it, so that this module does not import the index).
 */
export const jekyll = {
  flavour: 'jekyll' as const,
  format: 'carpentries' as const,
  detect(repository: Repository): string[] | undefined {
    if (!repository.paths.includes('_config.yml')) return undefined
    if (!repository.paths.some((path) => path.startsWith('_episodes/') || path.startsWith('_episodes_rmd/'))) return undefined
    return ['`_config.yml` and `_episodes/` (a legacy Carpentries lesson built by Jekyll)']
  },
  build(repository: Repository, _options: SiteOptions, reasons: string[]): Site {
    const config = readConfig(repository)
    const exclude = names(config.exclude).map((name) => name.replace(/\/+$/, ''))
    const excluded = (path: string) => exclude.some((name) => path === name || path.startsWith(name + '/'))
    const files: {[path: string]: SiteFile} = {}
    const episodes: string[] = []
    const rmd = new Set(repository.paths.filter((path) => path.startsWith('_episodes_rmd/')).map((path) => slugOf(path)))

    for (const path of markdownPaths(repository)) {
      const frontmatter = frontmatterOf(repository, path)
      const parts = path.split('/')
      const top = parts[0] ?? ''
      if ((collections as readonly string[]).includes(top) && parts.length === 2) {
        const url = `/${slugOf(path)}/`
        if (top === '_extras') {
          files[path] = siteFile(path, 'page', 'in `_extras/`', url)
        } else if (top === '_episodes' && rmd.has(slugOf(path))) {
          files[path] = siteFile(path, 'data', `generated from \`_episodes_rmd/${slugOf(path)}.Rmd\``, url)
        } else {
          const brk = frontmatter?.layout === 'break'
          files[path] = siteFile(path, brk ? 'break' : 'lesson', brk ? 'an episode with `layout: break`' : `in \`${top}/\``, url)
          episodes.push(path)
        }

        continue
      }

      const placed = kindByPlace(path)
      if (placed && placed.kind !== 'page') {
        files[path] = siteFile(path, placed.kind, placed.reason, undefined)
      } else if (top === '_drafts') {
        files[path] = siteFile(path, 'draft', 'in `_drafts/` (Jekyll builds drafts only when asked)', undefined)
      } else if (top.startsWith('_') || top.startsWith('.') || excluded(path)) {
        files[path] = siteFile(path, 'data', excluded(path) ? 'excluded in `_config.yml`' : 'in a folder Jekyll does not publish', undefined)
      } else if (!frontmatter) {
        // Jekyll copies a file without frontmatter as it is, unrendered: in a
        // lesson's folder (`code/`, `data/`), that is a data file.
        const data = parts.length > 1 || !placed
        files[path] = siteFile(path, data ? 'data' : placed.kind, data ? 'no frontmatter: Jekyll copies it as it is' : placed.reason, undefined)
      } else {
        const url = permalinkOf(frontmatter) ?? '/' + path.replace(/\.[^./]*$/, '.html')
        files[path] = siteFile(path, 'page', parts.length === 1 ? 'a page of the site' : 'a page with frontmatter outside the collections', url)
      }
    }

    const urls: {[url: string]: string} = {}
    for (const file of Object.values(files)) {
      if (file.url !== undefined && file.kind !== 'data') urls[file.url] ??= file.path
    }

    return {
      flavour: 'jekyll',
      format: 'carpentries',
      title: typeof config.title === 'string' ? config.title : undefined,
      reasons,
      files,
      urls,
      mounts: mounts(repository, excluded),
      routes: [],
      rootKnown: true,
      modules: [{title: typeof config.title === 'string' ? config.title : undefined, path: '_episodes', lessons: order(episodes, names(config.episode_order))}],
      missing: [],
      ordered: false
    }
  }
}

function readConfig(repository: Repository): JsonObject {
  const text = repository.read('_config.yml')
  if (text === undefined) return {}
  const source = readYamlSource(text, 'config')
  const read = source.readable ? source.toData() : undefined
  return read?.ok && isObject(read.value) ? read.value : {}
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function names(value: JsonValue | undefined): string[] {
  if (!Array.isArray(value)) return []
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim())
}

function frontmatterOf(repository: Repository, path: string): JsonObject | undefined {
  const text = repository.read(path)
  if (text === undefined) return undefined
  return readFrontmatter(text)?.data ?? undefined
}

/** A page's `permalink` as a URL path (`404.html` → `/404.html`). */
function permalinkOf(data: JsonObject): string | undefined {
  const value = data.permalink
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const url = value.trim()
  return url.startsWith('/') ? url : '/' + url
}

function slugOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '')
}

/**
 * Episodes in the site's order: `episode_order` of `_config.yml` (slugs)
 * first when given, then the others in path order, as Jekyll sorts a
 * collection.
 */
function order(episodes: string[], listed: string[]): string[] {
  const sorted = [...episodes].sort((a, b) => (slugOf(a) < slugOf(b) ? -1 : slugOf(a) > slugOf(b) ? 1 : 0))
  if (listed.length === 0) return sorted
  const bySlug = new Map(sorted.map((path) => [slugOf(path), path]))
  const first = listed.map((slug) => bySlug.get(slug.replace(/\.[^.]*$/, ''))).filter((path): path is string => path !== undefined)
  return [...first, ...sorted.filter((path) => !first.includes(path))]
}

/** Every top folder Jekyll copies: not `_`/`.`-prefixed and not excluded. */
function mounts(repository: Repository, excluded: (path: string) => boolean): Mount[] {
  const folders = new Set<string>()
  for (const path of repository.paths) {
    const slash = path.indexOf('/')
    if (slash === -1) continue
    const top = path.slice(0, slash)
    if (!top.startsWith('_') && !top.startsWith('.') && !excluded(top)) folders.add(top)
  }

  return [...folders].sort().map((folder) => ({url: `/${folder}/`, folder}))
}

