/**
 * `path.relative` for the paths a run handles by the thousand. Node's
 * resolves both paths first (`process.cwd()`, then a normalisation of each),
 * which made `relative` the largest single cost of the path handling in a
 * warm `--cache` rerun (2,000 files: several calls a file, 27 ms of a 565 ms
 * profile).
 */
import {relative} from 'node:path'

const slash = 47

/**
 * `relative(from, to)`. When both are plain POSIX absolute paths (no `.` or
 * `..` segment, no `//`, no trailing `/`: what `resolve` and `realpath` give)
 * and `to` is inside `from`, that is the rest of `to`, taken without
 * resolving anything; every other case goes to `path.relative`.
 */
export function relativePath(from: string, to: string): string {
  if (to.length > from.length + 1 && to.charCodeAt(from.length) === slash && to.startsWith(from) && plain(from) && plain(to)) {
    return to.slice(from.length + 1)
  }

  return relative(from, to)
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
