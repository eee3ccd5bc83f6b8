/**
 * The site of a project: its repository read from the config's root and
 * built by core's site model with the config's format and `site` keys. One
 * site per config, whatever `overrides` say: the site is the repository's,
 * built with the top-level `format` (or the format detected when the config
 * names none); an override's `format` changes how its files are read, not
 * what the site publishes.
 */
import {buildSite, type Repository, type Site} from '@coursemark/core/site'
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
}

/** Build the site of `config`'s project (reads every file name under its root, and lessons until one has frontmatter). */
export function siteOfConfig(config: Config): ProjectSite {
  const repository = readRepository(config.root)
  const site = buildSite(repository, {format: config.base.format, root: config.site?.root, static: config.site?.static})
  return {site, frontmatterless: !anyFrontmatter(repository, site)}
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
