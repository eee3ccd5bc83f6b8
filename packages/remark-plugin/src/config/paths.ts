/**
 * `path.relative` for the paths a run handles by the thousand. Node's
 * resolves both paths first (`process.cwd()`, then a normalisation of each),
 * which made `relative` the largest single cost of the path handling in a
 * warm `--cache` rerun, where it runs several times a file.
 */
import {join, relative, resolve, sep} from 'node:path'

const slash = 47

/**
 * `relative(from, to)`. When both are plain POSIX absolute paths (no `.` or
 * `..` segment, no `//`, no trailing `/`: what `resolve` and `realpath` give)
 * and `to` is inside `from`, that is the rest of `to`, taken without
 * resolving anything; every other case goes to `path.relative`.
 */
export function relativePath(from: string, to: string): string {
  return plainlyInside(from, to) ?? relative(from, to)
}

/**
 * The rest of `to` when both are plain POSIX absolute paths (see
 * `relativePath`) and `to` is strictly inside `from`, else `undefined`. The
 * rest is then a `/`-separated relative path without `.` or `..` segments,
 * and `path.resolve(from, rest)` is `to` again.
 */
export function plainlyInside(from: string, to: string): string | undefined {
  return to.length > from.length + 1 && to.charCodeAt(from.length) === slash && to.startsWith(from) && plain(from) && plain(to)
    ? to.slice(from.length + 1)
    : undefined
}

/**
 * `path.resolve(directory, rest)` for a `/`-separated relative `rest` (a
 * link's path): a plain POSIX directory and a `rest` without empty, `.` or
 * `..` segments (and no `\\`) are joined as they are; anything else goes to
 * `path.resolve` (with `rest`'s separators made the platform's).
 */
export function resolveRelative(directory: string, rest: string): string {
  if (sep === '/' && plain(directory) && plainRelative(rest)) return directory + '/' + rest
  return resolve(directory, rest.split('/').join(sep))
}

function plainRelative(path: string): boolean {
  return (
    path !== '' &&
    path.charCodeAt(0) !== slash &&
    path.charCodeAt(path.length - 1) !== slash &&
    !path.includes('//') &&
    !path.includes('\\') &&
    !dotSegment.test(path)
  )
}

const dotSegment = /(?:^|\/)\.\.?(?:\/|$)/

/** A relative path of the platform with `/` as separator. */
export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}

/**
 * `path.join(directory, name)` for a directory entry's `name` (which holds
 * no separator): a plain POSIX directory (see `relativePath`) takes it
 * without normalising; anything else goes to `path.join`.
 */
export function joinName(directory: string, name: string): string {
  return plain(directory) && name !== '.' && name !== '..' && name !== '' ? directory + '/' + name : join(directory, name)
}

/**
 * `[dirname(path), basename(path)]` for a plain POSIX absolute path (see
 * `relativePath`) below the root folder, taken without `node:path`;
 * `undefined` for any other path.
 */
export function splitPlain(path: string): [string, string] | undefined {
  if (!plain(path)) return undefined
  const index = path.lastIndexOf('/')
  return index > 0 ? [path.slice(0, index), path.slice(index + 1)] : undefined
}

function plain(path: string): boolean {
  return (
    path.length > 1 &&
    path.charCodeAt(0) === slash &&
    path.charCodeAt(path.length - 1) !== slash &&
    !path.includes('//') &&
    !path.includes('/.') &&
    !path.includes('\\')
  )
}
