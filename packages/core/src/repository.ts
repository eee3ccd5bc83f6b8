/**
 * A repository on disk as the site model reads it (`Repository`): every file
 * under the root, and a synchronous, size-capped read. Node.js only.
 */
import {readdirSync, readFileSync, realpathSync, statSync, type Dirent} from 'node:fs'
import {join, relative, resolve, sep} from 'node:path'
import type {Repository} from './site/types.js'

/** Options of `readRepository`. */
export interface RepositoryOptions {
  /** Files larger than this many bytes read as `undefined` (default 1 MiB: the site model reads configs and frontmatter). */
  maxSize?: number | undefined
}

/** Folders never walked: tools' stores (coursemark's own caches included), not the course. */
const skipped = new Set(['.git', 'node_modules', '.coursemark'])

/**
 * Every file under `root` (relative, `/`-separated, sorted), whatever its
 * type: images and static files count for a link's existence. `.git`,
 * `node_modules` and `.coursemark` are skipped; a symbolic link is followed when it leads
 * inside `root`, each folder once. Ignore files (`.gitignore`) do not apply:
 * an ignored file still exists for a link, as it does on disk. A folder that
 * cannot be read is left out.
 */
export function readRepository(root: string, options: RepositoryOptions = {}): Repository {
  const top = realOrSelf(resolve(root))
  const maxSize = options.maxSize ?? 1024 * 1024
  const paths: string[] = []
  walk(top, '', top, new Set([top]), paths)
  paths.sort(compare)
  return {
    paths,
    read(path) {
      const absolute = join(top, ...path.split('/'))
      try {
        if (statSync(absolute).size > maxSize) return undefined
        return readFileSync(absolute, 'utf8')
      } catch {
        return undefined
      }
    }
  }
}

function walk(directory: string, prefix: string, top: string, seen: Set<string>, paths: string[]): void {
  let entries: Dirent[]
  try {
    entries = readdirSync(directory, {withFileTypes: true})
  } catch {
    return
  }

  for (const entry of entries) {
    const path = prefix + entry.name
    let isDirectory = entry.isDirectory()
    let isFile = entry.isFile()
    let real = directory + sep + entry.name
    if (entry.isSymbolicLink()) {
      try {
        real = realpathSync(real)
        const stats = statSync(real)
        isDirectory = stats.isDirectory()
        isFile = stats.isFile()
      } catch {
        continue
      }

      const inside = relative(top, real)
      if (inside.startsWith('..') || resolve(top, inside) !== real) continue
    }

    if (isFile) {
      paths.push(path)
    } else if (isDirectory && !skipped.has(entry.name) && !seen.has(real)) {
      seen.add(real)
      walk(real, path + '/', top, seen, paths)
    }
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
