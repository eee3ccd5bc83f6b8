/**
 * What every site model shares about files: which paths are markdown, and
 * which files are repository pages or templates wherever they sit.
 */
import type {FileKind, Repository, SiteFile} from './types.js'

/** Markdown sources, R Markdown included (the Workbench builds `.Rmd` episodes). */
export const markdownExtension = /\.(?:md|markdown|mdown|mkd|rmd)$/i

/** The markdown files of a repository, in path order. */
export function markdownPaths(repository: Repository): string[] {
  return repository.paths.filter((path) => markdownExtension.test(path))
}

/** Names of repository pages that are not lessons, in any folder. */
const repositoryPage =
  /^(?:readme|contributing|changelog|changes|history|code[-_]of[-_]conduct|conduct|license|licence|security|authors|contributors|citation|governance|support|maintainers)(?:[.-][\w.-]*)?\.(?:md|markdown|rmd)$/i

/** Folders of templates wherever they sit: repository settings, site layouts. */
const templateFolder = /(?:^|\/)(?:\.github|_layouts|archetypes|node_modules)\//

/**
 * The kind a file has by its name and folder alone, in every format: a
 * repository page (`README.md`, `LICENSE.md`) is a `page`, a file under
 * `.github/`, `_layouts/` or `archetypes/` a `template`, under `_includes/`
 * an `include`. `undefined` when the format must tell.
 */
export function kindByPlace(path: string): {kind: FileKind; reason: string} | undefined {
  if (templateFolder.test(path)) return {kind: 'template', reason: 'in a folder of templates'}
  if (/(?:^|\/)_includes\//.test(path)) return {kind: 'include', reason: 'in `_includes/`'}
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (repositoryPage.test(name)) return {kind: 'page', reason: `a repository page (\`${name}\`)`}
  return undefined
}

/** A `SiteFile`. */
export function siteFile(path: string, kind: FileKind, reason: string, url: string | undefined): SiteFile {
  return {path, kind, reason, url}
}
