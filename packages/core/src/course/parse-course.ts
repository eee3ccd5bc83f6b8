/**
 * A curriculum repository -> `Course`: the site model gives the order, the
 * modules and what each file is; each lesson's Checkpoint gives its title,
 * minutes, objectives and prerequisites. Pure: no `node:` imports.
 */
import type {Checkpoint, JsonValue, Position} from '../model/checkpoint.js'
import {parseCheckpoint, type ParseOptions} from '../model/parse-checkpoint.js'
import type {ParsedFrontmatter} from '../frontmatter/frontmatter.js'
import {buildSite} from '../site/index.js'
import type {FileKind, Repository, Site, SiteOptions} from '../site/types.js'
import type {Course, CourseLesson, CourseModule, Prerequisite} from './types.js'

/** Options of `parseCourse`. */
export interface CourseOptions extends Pick<ParseOptions, 'format' | 'headings' | 'wordsPerMinute' | 'limits'> {
  /** What the config says about the site: `site.root`, `site.static`. */
  site?: Omit<SiteOptions, 'format'> | undefined
  /** The site, when the caller built it already (the lint does): it is not built again. */
  siteModel?: Site | undefined
  /**
   * A lesson's Checkpoint, when the caller parsed it already (the lint
   * does); `undefined` makes `parseCourse` parse the file. Prerequisites in
   * `::: prereq` blocks need the text, which `files` gives.
   */
  checkpointOf?: ((path: string) => Checkpoint | undefined) | undefined
}

/** The kinds of file that are part of the course's order. */
const courseKinds: ReadonlySet<FileKind> = new Set(['lesson', 'break', 'project'])

/**
 * Build the `Course` of a repository.
 *
 * @param files
 *   Every file of the repository, by path relative to its root with `/`
 *   (text; binary files may be given as `''`), or a `Repository`.
 */
export function parseCourse(files: Readonly<Record<string, string>> | Repository, options: CourseOptions = {}): Course {
  const repository = isRepository(files) ? files : repositoryOf(files)
  const site = options.siteModel ?? buildSite(repository, {...options.site, format: options.format})
  const parseOptions: ParseOptions = {format: site.format, validate: false}
  if (options.headings) parseOptions.headings = options.headings
  if (options.wordsPerMinute !== undefined) parseOptions.wordsPerMinute = options.wordsPerMinute
  if (options.limits) parseOptions.limits = options.limits
  const prerequisites: Prerequisite[] = []

  const lessonOf = (path: string): CourseLesson => {
    const kind = site.files[path]?.kind ?? 'lesson'
    let checkpoint = options.checkpointOf?.(path)
    let frontmatter: ParsedFrontmatter | null = null
    const text = repository.read(path)
    if (!checkpoint && text !== undefined) {
      const parsed = parseCheckpoint(text, {...parseOptions, path})
      checkpoint = parsed.checkpoint
      frontmatter = parsed.frontmatter
    }

    // The site's own title of a page (Odin's, made from its file name) when the lesson names none.
    const siteTitle = site.files[path]?.title ?? null
    if (!checkpoint) return {path, kind, title: siteTitle, timeMinutes: null, objectives: [], uuid: null}
    prerequisites.push(...prerequisitesOf(checkpoint, path, text, frontmatter))
    return {
      path,
      kind,
      title: checkpoint.title ?? checkpoint.sections.find((section) => section.depth === 1)?.text ?? siteTitle,
      timeMinutes: checkpoint.timeMinutes,
      objectives: checkpoint.objectives,
      uuid: checkpoint.uuid
    }
  }

  const listed = new Set<string>()
  const modules: CourseModule[] = site.modules.map((module) => {
    const lessons = module.lessons.filter((path) => Object.hasOwn(site.files, path)).map((path) => {
      listed.add(path)
      return lessonOf(path)
    })
    return {title: module.title ?? null, path: module.path ?? null, timeMinutes: sum(lessons), lessons}
  })

  const orphans: CourseLesson[] = []
  if (site.ordered) {
    for (const file of Object.values(site.files)) {
      if (listed.has(file.path)) continue
      if (courseKinds.has(file.kind) || file.kind === 'draft') orphans.push(lessonOf(file.path))
    }

    orphans.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }

  return {
    format: site.format,
    flavour: site.flavour,
    title: site.title ?? null,
    timeMinutes: modules.reduce((total, module) => total + module.timeMinutes, 0),
    modules,
    missing: site.missing.map((entry) => ({...entry})),
    orphans,
    prerequisites
  }
}

/** The minutes of lessons, those without counting 0. */
function sum(lessons: readonly CourseLesson[]): number {
  return lessons.reduce((total, lesson) => total + (lesson.timeMinutes ?? 0), 0)
}

/**
 * What a lesson states it needs: its `::: prereq` blocks (or kramdown
 * `{: .prereq}` blockquotes), then `prerequisites` in its frontmatter (a
 * string or a list of strings). Nothing else is read as one.
 */
function prerequisitesOf(
  checkpoint: Checkpoint,
  path: string,
  text: string | undefined,
  frontmatter: ParsedFrontmatter | null
): Prerequisite[] {
  const found: Prerequisite[] = []
  if (text !== undefined) {
    // Offsets count from after a byte order mark, as remark's do.
    const value = text.charCodeAt(0) === 0xfe_ff ? text.slice(1) : text
    for (const div of checkpoint.divs) {
      if (div.name !== 'prereq' && div.name !== 'prerequisites') continue
      const body = divBody(value.slice(div.position.start.offset, div.position.end.offset), div.syntax)
      if (body !== '') found.push({path, text: body, position: div.position})
    }
  }

  const data: JsonValue | undefined = checkpoint.frontmatter?.prerequisites
  const items: Array<[number | undefined, JsonValue]> = Array.isArray(data) ? data.map((item, index) => [index, item]) : data === undefined ? [] : [[undefined, data]]
  for (const [index, item] of items) {
    if (typeof item !== 'string' || item.trim() === '') continue
    const position: Position | null = frontmatter?.locate(index === undefined ? ['prerequisites'] : ['prerequisites', index], 'value') ?? null
    found.push({path, text: item.trim(), position})
  }

  return found
}

/** The text inside a div: fences dropped (fenced), or quote markers and the `{: .class}` line (kramdown). */
function divBody(source: string, syntax: 'fenced' | 'kramdown'): string {
  const lines = source.split(/\r?\n/)
  if (syntax === 'fenced') return lines.slice(1, /^\s*:{3,}\s*$/.test(lines.at(-1) ?? '') ? -1 : undefined).join('\n').trim()
  return lines
    .map((line) => line.replace(/^\s*>\s?/, ''))
    .filter((line) => !/^\s*\{:[^}]*\}\s*$/.test(line))
    .join('\n')
    .trim()
}

/** A `Repository` of a path -> text record. */
function repositoryOf(files: Readonly<Record<string, string>>): Repository {
  const paths = Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return {paths, read: (path) => (Object.hasOwn(files, path) ? files[path] : undefined)}
}

function isRepository(value: Readonly<Record<string, string>> | Repository): value is Repository {
  return Array.isArray((value as {paths?: unknown}).paths) && typeof (value as {read?: unknown}).read === 'function'
}
