/**
 * `coursemark course [dir]`: the course of a repository folder, as a summary
 * a person reads (modules, lessons, minutes, what is missing and what no
 * order lists, each with its place) or, with `--format json`, the `Course`
 * as `parseCourse` returns it. The files are those `lint` would lint (ignore
 * files and the config's `ignores`); the format is the config's, else
 * detected. Exit 1 when the order lists something missing, 2 when it cannot
 * run.
 */
import {statSync} from 'node:fs'
import {relative, resolve, sep} from 'node:path'
import type {Course, CourseLesson} from '@coursemark/core'
import {readCourse} from '@coursemark/core/node'
import {displayPath, loadConfig, settingsFor} from '../config/config.js'
import {describeFsError, RunError} from '../errors.js'
import {findFiles} from '../files/find-files.js'
import type {CommandContext} from '../types.js'

/** Parsed options of `coursemark course`. */
export interface CourseValues {
  format?: string | undefined
  config?: string | undefined
}

/** Run `coursemark course`. */
export async function courseCommand(paths: string[], values: CourseValues, context: CommandContext): Promise<number> {
  const output = values.format ?? 'text'
  if (output !== 'text' && output !== 'json') throw new RunError(`Unexpected \`--format ${output}\`, expected \`text\` or \`json\``)
  if (paths.length > 1) throw new RunError(`Unexpected ${paths.length} folders, expected one (\`coursemark course [dir]\`)`)
  const folder = resolve(context.cwd, paths[0] ?? '.')
  try {
    if (!statSync(folder).isDirectory()) throw new RunError(`Unexpected file \`${paths[0] ?? '.'}\`, expected a folder`)
  } catch (error) {
    if (error instanceof RunError) throw error
    throw new RunError(`cannot read \`${paths[0] ?? '.'}\`: ${describeFsError(error)}`)
  }

  // A config named on the command line is relative to the working directory; else it is found from the folder up.
  const config = values.config === undefined ? await loadConfig(folder) : await loadConfig(context.cwd, values.config)
  const settings = settingsFor(config, folder)
  // The files `lint` would lint: a markdown file it leaves out is left out of the course.
  const found = await findFiles([folder], {cwd: folder, root: config.root, ignores: config.ignores})
  const linted = new Set(found.files.map((file) => relative(folder, file).split(sep).join('/')))
  let course: Course
  try {
    // The folder's settings as they are (the model options the course reads of them); the format only
    // when the config names one, so that the site model detects it otherwise.
    course = await readCourse(folder, {
      ...settings,
      format: config.base.format,
      ignored: (path, isFolder) => !isFolder && /\.(?:md|markdown|mdown|mkd|rmd)$/i.test(path) && !linted.has(path)
    })
  } catch (error) {
    throw new RunError(`cannot read \`${displayPath(folder, context.cwd)}\`: ${describeFsError(error)}`)
  }

  if (output === 'json') context.stdout.write(JSON.stringify(course, null, 2) + '\n')
  else context.stdout.write(summary(course, displayPath(folder, context.cwd)))
  return course.missing.length > 0 ? 1 : 0
}

/** The summary a person reads. */
export function summary(course: Course, folder: string): string {
  const lines: string[] = []
  const lessons = course.modules.reduce((total, module) => total + module.lessons.length, 0)
  lines.push(
    `${course.title ?? folder} (${course.format}, ${course.flavour}): ${count(course.modules.length, 'module')}, ${count(lessons, 'lesson')}, ${minutes(course.timeMinutes)}`
  )
  for (const [index, module] of course.modules.entries()) {
    const name = module.title ?? (course.modules.length === 1 ? 'Lessons' : `Module ${index + 1}`)
    lines.push('', `${index + 1}. ${name}${module.path === null ? '' : ` (${module.path})`}: ${count(module.lessons.length, 'lesson')}, ${minutes(module.timeMinutes)}`)
    const width = Math.max(0, ...module.lessons.map((lesson) => lesson.path.length))
    for (const lesson of module.lessons) lines.push(`   ${lessonLine(lesson, width)}`)
  }

  if (course.missing.length > 0) {
    lines.push('', `Missing (${course.missing.length}): listed, but not in the repository`)
    for (const entry of course.missing) lines.push(`  ${entry.file}:${entry.line}:${entry.column}  ${entry.path}`)
  }

  if (course.orphans.length > 0) {
    const width = Math.max(...course.orphans.map((lesson) => lesson.path.length))
    lines.push('', `Orphans (${course.orphans.length}): lessons no order lists`)
    for (const lesson of course.orphans) lines.push(`  ${lessonLine(lesson, width)}`)
  }

  lines.push('', `Total: ${minutes(course.timeMinutes)} in ${count(lessons, 'lesson')}${course.missing.length > 0 ? `, ${count(course.missing.length, 'missing lesson')}` : ''}${course.orphans.length > 0 ? `, ${count(course.orphans.length, 'orphan')}` : ''}`)
  return lines.join('\n') + '\n'
}

function lessonLine(lesson: CourseLesson, width: number): string {
  const time = lesson.timeMinutes === null ? '   - min' : `${String(lesson.timeMinutes).padStart(4)} min`
  const kind = lesson.kind === 'lesson' ? '' : ` [${lesson.kind}]`
  return `${lesson.path.padEnd(width)}  ${time}  ${lesson.title ?? '(no title)'}${kind}`
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`
}

function minutes(value: number): string {
  if (value < 60) return `${value} min`
  const hours = Math.floor(value / 60)
  const rest = value % 60
  return `${value} min (${hours} h${rest === 0 ? '' : ` ${rest} min`})`
}
