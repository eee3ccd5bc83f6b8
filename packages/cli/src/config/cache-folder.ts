/**
 * Where coursemark keeps its caches (the lint cache and the link cache) by
 * default. A module of its own with one `node:fs` call, so that a lint whose
 * every file comes from the cache loads nothing more to find it.
 */
import {statSync} from 'node:fs'
import {join} from 'node:path'

/**
 * The folder of coursemark's caches in the project whose root (the folder of
 * its config file, or the working folder) is `root`.
 *
 * With a `package.json` in `root`: `node_modules/.cache/coursemark`, the
 * convention of find-cache-dir, which a Node project's `.gitignore` already
 * covers. Without one (a curriculum repository that is not a Node project):
 * `.coursemark/cache`, so that no `node_modules` folder appears where there
 * was none; `coursemark init` adds `.coursemark/` to `.gitignore` there.
 */
export function defaultCacheFolder(root: string): string {
  return isFile(join(root, 'package.json')) ? join(root, 'node_modules', '.cache', 'coursemark') : join(root, '.coursemark', 'cache')
}

function isFile(path: string): boolean {
  return statSync(path, {throwIfNoEntry: false})?.isFile() ?? false
}
