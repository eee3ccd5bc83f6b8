/**
 * What a cached result of `no-missing-local-target` depends on: the local
 * targets of a file, as `stat` sees them (`targetsSignature`, `pathKinds`).
 */
import {readdirSync, statSync, type Dirent} from 'node:fs'
import {dirname, resolve} from 'node:path'
import type {Located} from '../types.js'
import {relativePath, resolveRelative, splitPlain} from '../config/paths.js'

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
 * What `no-missing-local-target` sees of a file's local targets: whether each
 * exists and is a file or a folder, and the content of a file linked with an
 * `#anchor` (its headings). A cached result that checked them is stale when
 * this changes. Paths are relative to the project root and nothing depends on
 * file times, so a fresh checkout of the same files (a CI job restoring the
 * cache) keeps every signature.
 */
export function targetsSignature(absolute: string, root: string, targets: Located[], lookup: TargetLookup): string {
  const parts: string[] = []
  const directory = dirname(absolute)
  for (const target of targets) {
    const value = target.value.trim()
    const end = value.search(/[?#]/)
    const anchored = end !== -1 && value.indexOf('#', end) !== -1
    let pathPart = end === -1 ? value : value.slice(0, end)
    if (pathPart === '') continue
    if (pathPart.includes('%')) {
      try {
        pathPart = decodeURIComponent(pathPart)
      } catch {
        // Keep it as written.
      }
    }

    const resolved = pathPart.startsWith('/') ? resolve(root, '.' + pathPart) : resolveRelative(directory, pathPart)
    const kind = lookup.kindOf(resolved)
    const name = relativePath(root, resolved)
    if (kind === 'missing') parts.push(`${name}:-`)
    else if (typeof kind === 'object') parts.push(`${name}:!${kind.error}`)
    else if (kind !== 'file') parts.push(`${name}:d`)
    else parts.push(anchored ? `${name}:f:${lookup.contentOf(resolved) ?? '?'}` : `${name}:f`)
  }

  return parts.join('\n')
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
