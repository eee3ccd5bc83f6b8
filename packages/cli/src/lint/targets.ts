/**
 * What a cached result depends on: the file's place in the site, and the
 * candidates of its local links, as `stat` sees them (`siteDependencies`,
 * `pathKinds`).
 */
import {readdirSync, statSync, type Dirent} from 'node:fs'
import {basename, dirname} from 'node:path'
import {plainSite, resolveLink, type Site} from '@coursemark/core/site'
import type {SiteSummary} from '@coursemark/remark-plugin/config'
import type {Located} from '../types.js'
import {resolveRelative, splitPlain} from '../config/paths.js'

/** The content hash of a file (`undefined` when it cannot be read). */
export type ContentOf = (path: string) => string | undefined

/** What a path is, as `stat` says (symbolic links followed): `missing` for ENOENT and ENOTDIR, else the error's code. */
export type PathKind = 'file' | 'directory' | 'other' | 'missing' | {error: string}

/** What the signature of a file's local targets reads, once per run (`pathKinds`, a `ContentOf`). */
export interface TargetLookup {
  kindOf: (path: string) => PathKind
  contentOf: ContentOf
}

/**
 * Where a file is in the site, for `siteDependencies`: its path in the site
 * (`project.site` is read only when the links must be resolved), or (outside
 * the project) on disk.
 */
export type Place = {project: {readonly site: Site}; path: string; root: string} | {file: string}

/**
 * What a cached result depends on beyond the file and its settings: what the
 * file is in the site (its kind and URL), and for each local link the
 * files the site's resolver (core's `resolveLink`, the one
 * `no-missing-local-target` uses) names as its candidates: whether each
 * exists and is a file or a folder, and the content of a file linked with an
 * `#anchor` (its headings). A cached result is stale when this changes (a new
 * page that a link's URL now finds, a missing image added). Paths are
 * relative to the project root and nothing depends on file times, so a fresh
 * checkout of the same files (a CI job restoring the cache) keeps every
 * signature.
 *
 * The first line names the site the links were resolved in (`siteId`, what
 * the site was built from; `''` when unknown): while the run's site is that
 * one, `dependenciesHold` checks the candidates named here without
 * resolving the links again. Each candidate is a line of its own: `#` when
 * the link has an anchor, its state (`-` missing, `d` a folder, `f` a file,
 * `f:<hash>` a file with an anchor, `!<code>` an error of `stat`), a tab and
 * the candidate.
 *
 * A file outside the project root (no `sitePath`) resolves its links as
 * paths from its own folder, as the rule does.
 */
export function siteDependencies(place: Place, targets: Located[], lookup: TargetLookup, siteId = ''): string {
  const {site, path, root} = placeOf(place)
  const lines = [`site ${siteId}`, ownLine(site, path)]
  for (const target of targets) {
    const resolution = resolveLink(site, path, target.value)
    for (const candidate of resolution.candidates) lines.push(candidateLine(candidate, resolution.fragment !== '', root, lookup))
  }

  return lines.join('\n')
}

/**
 * `stored` (a `siteDependencies` of an earlier run) when it still holds, for
 * the site of this run (`siteId`); `undefined` when it does not. In the site
 * it was made in, the links resolve to the same candidates: only their state
 * is checked. In another, the links are resolved again, and it holds when the
 * candidates and their states are the same: then the signature made in this
 * site is given, to keep in its place.
 */
export function dependenciesHold(stored: string, place: Place, targets: Located[], lookup: TargetLookup, siteId: string): string | undefined {
  const lines = stored.split('\n')
  if (siteId === '' || lines[0] !== `site ${siteId}`) {
    const now = siteDependencies(place, targets, lookup, siteId)
    return now.slice(now.indexOf('\n')) === stored.slice(stored.indexOf('\n')) ? now : undefined
  }

  // The same site (its id names what it was built from): the file's own line, made in it, holds; only the candidates' states are checked.
  // A file outside the project has no site: its own line is empty in any.
  const root = 'file' in place ? dirname(place.file) : place.root
  for (let index = 2; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const tab = line.indexOf('\t')
    if (tab === -1 || candidateLine(line.slice(tab + 1), line.startsWith('#'), root, lookup) !== line) return undefined
  }

  return stored
}

function placeOf(place: Place): {site: Site; path: string; root: string} {
  return 'file' in place ? {site: emptySite(), path: basename(place.file), root: dirname(place.file)} : {site: place.project.site, path: place.path, root: place.root}
}

function ownLine(site: Site, path: string): string {
  const own = site.files[path]
  return own ? `${own.kind} ${own.url ?? ''}` : ''
}

function candidateLine(candidate: string, anchored: boolean, root: string, lookup: TargetLookup): string {
  // A candidate is a `/`-separated path in the site; `resolveRelative` joins a plain one without `path.resolve`'s normalising.
  const resolved = resolveRelative(root, candidate)
  const kind = lookup.kindOf(resolved)
  const state =
    kind === 'missing' ? '-' : typeof kind === 'object' ? `!${kind.error}` : kind !== 'file' ? 'd' : anchored ? `f:${lookup.contentOf(resolved) ?? '?'}` : 'f'
  return `${anchored ? '#' : ''}${state}\t${candidate}`
}

/**
 * What of the site every result depends on (kept with the settings in the
 * cache): the generator, the format, the folders served at URLs, the routes
 * whether the site root is known, and whether the course uses frontmatter. The files and URLs of the site are in
 * each result's `siteDependencies`, as far as its links reach them.
 */
export function siteKeyOf(summary: SiteSummary): string {
  const {flavour, format, mounts, routes, rootKnown, frontmatterless, objectiveless} = summary
  return JSON.stringify({flavour, format, mounts, routes, rootKnown, frontmatterless, objectiveless})
}

let empty: Site | undefined

/** The site of a file outside the project: nothing published, links as paths. */
function emptySite(): Site {
  empty ??= plainSite({paths: [], read: () => undefined}, {}, 'checkpoint', [])
  return empty
}

/**
 * What each path asked for is, as `stat` says, from one listing of its folder
 * per run (for a plain POSIX path, see `splitPlain`; any other is asked of
 * `stat`): the local targets of lessons are mostly in a few folders (an
 * `images` folder per module), and a `stat` for each target was a visible
 * part of a cached rerun. A name the listing has as a file or a folder is
 * that; a folder that does not exist (or is not a folder) holds nothing; any
 * other name (a symbolic link, an unknown type, one that a case-insensitive
 * file system matches under another spelling, a folder that cannot be listed)
 * is asked of `stat` itself. So each answer is the one `stat` gives.
 */
export function pathKinds(): (path: string) => PathKind {
  const listings = new Map<string, Map<string, Dirent> | 'missing' | undefined>()
  return (path) => {
    const parts = splitPlain(path)
    if (!parts) return kindByStat(path)
    const [directory, name] = parts
    let listing = listings.get(directory)
    if (!listings.has(directory)) {
      listing = list(directory)
      listings.set(directory, listing)
    }

    if (listing === 'missing') return 'missing'
    const entry = listing?.get(name)
    if (entry?.isFile()) return 'file'
    if (entry?.isDirectory()) return 'directory'
    return kindByStat(path)
  }
}

function list(directory: string): Map<string, Dirent> | 'missing' | undefined {
  try {
    const listing = new Map<string, Dirent>()
    for (const entry of readdirSync(directory, {withFileTypes: true})) listing.set(entry.name, entry)
    return listing
  } catch (error) {
    return isMissing(error) ? 'missing' : undefined
  }
}

function kindByStat(path: string): PathKind {
  try {
    const stats = statSync(path)
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other'
  } catch (error) {
    return isMissing(error) ? 'missing' : {error: String((error as NodeJS.ErrnoException).code ?? 'unknown')}
  }
}

/** ENOENT, or ENOTDIR (a file on the way: `lesson.md/image.png`), which `no-missing-local-target` reports as missing too. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
