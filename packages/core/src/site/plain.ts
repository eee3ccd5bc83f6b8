/**
 * The plain site: a repository of lessons with no site generator that
 * coursemark models (a checkpoint library, or any format when its generator
 * is not found). Every markdown file is a lesson except repository pages
 * (README, licence, contributing…) and templates (`.github/`); a link is a
 * path on disk, and a root-absolute link is checked only against the
 * `site.root` and `site.static` folders of the config.
 */
import type {FormatName} from '../profiles.js'
import {kindByPlace, markdownPaths, siteFile} from './files.js'
import type {Mount, Repository, Site, SiteFile, SiteOptions} from './types.js'

/** Build the plain site of `repository`, its lessons in `format`. */
export function plainSite(repository: Repository, options: SiteOptions, format: FormatName, reasons: string[]): Site {
  const root = trimFolder(options.root)
  const mounts: Mount[] = []
  if (root !== undefined) mounts.push({url: '/', folder: root})
  for (const folder of options.static ?? []) mounts.push({url: '/', folder: trimFolder(folder) ?? ''})
  const files: {[path: string]: SiteFile} = {}
  const urls: {[url: string]: string} = {}
  const lessons: string[] = []
  for (const path of markdownPaths(repository)) {
    const placed = kindByPlace(path)
    const url = root === undefined ? '/' + path : path === root || path.startsWith(root + '/') || root === '' ? '/' + path.slice(root === '' ? 0 : root.length + 1) : undefined
    files[path] = siteFile(path, placed?.kind ?? 'lesson', placed?.reason ?? 'a markdown file', url)
    if (url !== undefined) urls[url] = path
    if (!placed) lessons.push(path)
  }

  return {
    flavour: format === 'markdown' ? 'markdown' : 'checkpoint',
    format,
    title: undefined,
    reasons,
    files,
    urls,
    mounts,
    routes: [],
    rootKnown: mounts.length > 0,
    modules: [{title: undefined, path: undefined, lessons}],
    missing: [],
    ordered: false
  }
}

/** A folder of the config without `./` and trailing `/` (`''` for the root). */
function trimFolder(folder: string | undefined): string | undefined {
  if (folder === undefined) return undefined
  return folder.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '')
}
