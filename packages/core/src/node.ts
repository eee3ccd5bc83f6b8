/**
 * `@coursemark/core/node`: read checkpoints from the file system and write
 * files atomically (Node.js only; the main entry stays free of `node:`
 * imports). The parser is loaded by the first `readCheckpoint`, so a tool
 * that only writes files does not load it.
 */
import {readFile, stat} from 'node:fs/promises'
import {createMessage} from './messages.js'
import {defaultLimits} from './limits.js'
import type {ParseOptions, ParseResult} from './model/parse-checkpoint.js'
import type {Course} from './course/types.js'
import type {ReadCourseOptions} from './course/read-course.js'

/** Write a file atomically (temporary file, fsync, rename); a reader sees the old file or the new one. */
export {writeAtomic} from './atomic.js'
export type {AtomicOptions} from './atomic.js'

/** Run work while holding `<file>.lock` (created exclusively; stale locks broken; a bounded wait). */
export {withFileLock} from './lock.js'
export type {LockOptions, LockOutcome} from './lock.js'

/**
 * Read and parse one checkpoint file.
 *
 * Never throws for the content; a file that cannot be read rejects with the
 * file system error (`ENOENT`, `EISDIR`, ...). A file over `limits.maxSize`
 * (more than three bytes a character of it) is reported without being read
 * into memory.
 *
 * @param path
 *   Path of the file; also the `path` of the Checkpoint and its messages
 *   unless `options.path` is given.
 */
export async function readCheckpoint(path: string, options: ParseOptions = {}): Promise<ParseResult> {
  const {parseCheckpoint} = await import('./model/parse-checkpoint.js')
  const maxSize = options.limits?.maxSize ?? defaultLimits.maxSize
  const shown = options.path ?? path
  const {size} = await stat(path)
  if (size > maxSize * 3) {
    const result = parseCheckpoint('', {...options, path: shown, validate: false})
    result.messages.push(
      createMessage(
        `Unexpected file of ${size} bytes, expected at most ${maxSize} characters (option \`maxSize\`)`,
        {
          ruleId: 'input-too-large',
          place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}},
          file: shown
        }
      )
    )
    return {...result, tree: null, frontmatter: null}
  }

  return parseCheckpoint(await readFile(path), {...options, path: shown})
}

/** Options of `readCourse`: those of `parseCourse`, and which files to leave out. */
export type {ReadCourseOptions} from './course/read-course.js'

/**
 * Read the `Course` of a repository folder: its files walked once (without
 * `node_modules/` and `.git/`, and without what `options.ignored` leaves
 * out, as the CLI passes the lint's ignores), read when the site model or
 * the course needs them. Rejects when the folder cannot be listed. The
 * parser is loaded by the first call.
 */
export async function readCourse(folder: string, options: ReadCourseOptions = {}): Promise<Course> {
  const {readCourse: read} = await import('./course/read-course.js')
  return read(folder, options)
}

/**
 * A repository on disk for the site model (`buildSite`): every file under a
 * root, and a synchronous read capped in size.
 */
export {readRepository} from './repository.js'
export type {RepositoryOptions} from './repository.js'
