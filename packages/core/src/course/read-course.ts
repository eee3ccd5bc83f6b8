/**
 * `readCourse`: the Course of a folder on disk (Node.js only; `node.ts`
 * exports it). The folder is walked once for its paths; a file is read only
 * when the site model or the course asks for it.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Repository} from '../site/types.js'
import {parseCourse, type CourseOptions} from './parse-course.js'
import type {Course} from './types.js'

/** Options of `readCourse`: those of `parseCourse`, and which files to leave out. */
export interface ReadCourseOptions extends CourseOptions {
  /**
   * Whether a path (relative to the folder, with `/`) is left out, as the
   * lint leaves it out (ignore files, the config's `ignores`): the CLI passes
   * its own. `node_modules/` and `.git/` are always left out.
   */
  ignored?: ((path: string, folder: boolean) => boolean) | undefined
}

const skipped = new Set(['node_modules', '.git'])

/**
 * Read the course of the repository in `folder`.
 *
 * Rejects with the file system error when the folder cannot be listed; a
 * file that cannot be read is a file the repository does not have.
 */
export async function readCourse(folder: string, options: ReadCourseOptions = {}): Promise<Course> {
  return parseCourse(readRepositoryPaths(folder, options.ignored), options)
}

/** A `Repository` of a folder: its paths (walked now, sorted) and a reader that keeps what it read. */
function readRepositoryPaths(folder: string, ignored: ReadCourseOptions['ignored']): Repository {
  const paths: string[] = []
  const walk = (relative: string, first: boolean): void => {
    const entries = readdirSync(relative === '' ? folder : join(folder, relative), {withFileTypes: true})
    for (const entry of entries) {
      const path = relative === '' ? entry.name : relative + '/' + entry.name
      if (entry.isDirectory()) {
        if (skipped.has(entry.name) || ignored?.(path, true)) continue
        walk(path, false)
      } else if (entry.isFile() && !ignored?.(path, false)) {
        paths.push(path)
      }
    }

    if (first) paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  }

  walk('', true)
  const texts = new Map<string, string | undefined>()
  return {
    paths,
    read(path) {
      if (texts.has(path)) return texts.get(path)
      let text: string | undefined
      try {
        text = readFileSync(join(folder, path), 'utf8')
      } catch {
        text = undefined
      }

      texts.set(path, text)
      return text
    }
  }
}
