/**
 * The site of a project: its repository read from the config's root and
 * built by core's site model with the config's format and `site` keys. One
 * site per config, whatever `overrides` say: the site is the repository's,
 * built with the top-level `format` (or the format detected when the config
 * names none); an override's `format` changes how its files are read, not
 * what the site publishes.
 */
import {buildSite, type Site} from '@coursemark/core/site'
import {readRepository} from '@coursemark/core/node'
import type {Config} from './data.js'
import {relativePath, toSlashes} from './paths.js'

/** Build the site of `config`'s project (reads every file name under its root). */
export function siteOfConfig(config: Config): Site {
  return buildSite(readRepository(config.root), {
    format: config.base.format,
    root: config.site?.root,
    static: config.site?.static
  })
}

/** The path of `file` (absolute) in the site of `config`'s project, `undefined` when it is outside the root. */
export function sitePath(config: Pick<Config, 'root'>, file: string): string | undefined {
  const path = toSlashes(relativePath(config.root, file))
  return path === '' || path === '..' || path.startsWith('../') || /^[a-z]:/i.test(path) || path.startsWith('/') ? undefined : path
}
