/**
 * The README-per-lesson course: numbered folders, a `README.md` per lesson
 * (`1-basics/2-git/README.md`, or `01-setup/README.md` one level deep), no
 * frontmatter, GitHub as the site (often with a Docsify `index.html` over
 * it). What each file is comes from its folder: lessons, module intros,
 * `assignment.md` projects, `translations/`, `solution/` and `your-work/`
 * code, a `lesson-template/`. The order is the root README's lessons table
 * when it has one, else the numbered folders. A link is a path on disk, and
 * a root-absolute link starts at the repository root, as GitHub shows it.
 */
import {kindByPlace, markdownPaths, siteFile} from './files.js'
import {firstHeading, hasFrontmatter, lessonsTable, naturalCompare, numberedName, parseListing} from './listing.js'
import {parentOf} from './resolve.js'
import type {FileKind, ListEntry, Repository, Site, SiteFile, SiteModule, SiteOptions} from './types.js'

/** Folders of code that goes with a lesson: a worked solution, the learner's starting point. */
const dataFolders = new Set(['solution', 'solutions', 'your-work', 'start', 'starter'])
/** Folders of translated copies of the lessons beside them. */
const translationFolders = new Set(['translations', 'translation'])
const readme = /^readme\.md$/i
/** Docsify's navigation files: their links are routes of the Docsify app, not paths on disk. */
const docsifyPage = /(?:^|\/)_(?:navbar|sidebar|coverpage)\.md$/
/** The URL path under which the Docsify app serves its routes (hash routing). */
const docsifyRoute = '/#/'

/** How the lessons of a course sit: `module/lesson/README.md` (2) or `lesson/README.md` (1). */
type Depth = 1 | 2

interface Shape {
  depth: Depth
  /** Lesson READMEs found by their numbered folders. */
  lessons: string[]
}

/** The README-per-lesson course builder (a `SiteBuilder`; typed where `siteBuilders` lists it, so that this module does not import the index). */
export const markdownSite = {
  flavour: 'markdown' as const,
  format: 'markdown' as const,
  detect(repository: Repository): string[] | undefined {
    const shape = shapeOf(repository)
    if (!shape) return undefined
    const withFrontmatter = shape.lessons.find((path) => hasFrontmatter(repository.read(path) ?? ''))
    if (withFrontmatter !== undefined) return undefined
    const example = shape.depth === 2 ? '`<module>/<lesson>/README.md`' : '`<lesson>/README.md`'
    return [
      `${shape.lessons.length} numbered lesson folders with a \`README.md\` each (${example}, first \`${shape.lessons[0] ?? ''}\`)`,
      'no lesson has frontmatter'
    ]
  },
  build(repository: Repository, _options: SiteOptions, reasons: string[]): Site {
    return buildMarkdownSite(repository, reasons)
  }
}

/** The lesson READMEs of a README-per-lesson course, or `undefined` when the repository is not one. */
function shapeOf(repository: Repository): Shape | undefined {
  const two: string[] = []
  const one: string[] = []
  for (const path of repository.paths) {
    const parts = path.split('/')
    const name = parts.at(-1) ?? ''
    if (!readme.test(name) || !numberedName.test(parts[0] ?? '')) continue
    if (parts.length === 3 && numberedName.test(parts[1] ?? '')) two.push(path)
    else if (parts.length === 2) one.push(path)
  }

  if (two.length >= 2) return {depth: 2, lessons: two.sort(naturalCompare)}
  if (one.length >= 2) return {depth: 1, lessons: one.sort(naturalCompare)}
  return undefined
}

/** The README a link names: a folder link (`1-basics/2-git/`) is its `README.md`, as GitHub shows it. */
function readmeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name.includes('.') ? path : path + '/README.md'
}

/** Whether `path` may be a lesson README of a course of that depth (listed or not). */
function lessonShaped(path: string, depth: Depth): boolean {
  const parts = path.split('/')
  return (
    parts.length === depth + 1 &&
    readme.test(parts.at(-1) ?? '') &&
    numberedName.test(parts[0] ?? '') &&
    !parts.some((part) => dataFolders.has(part.toLowerCase()) || translationFolders.has(part.toLowerCase()))
  )
}

function buildMarkdownSite(repository: Repository, given: string[]): Site {
  const reasons = [...given]
  const shape = shapeOf(repository) ?? {depth: 1, lessons: []}
  const present = new Set(repository.paths)
  const docsify = docsifyOf(repository)
  if (docsify) reasons.push('a Docsify site (`window.$docsify` in `index.html`): its navigation files hold routes')

  const rootReadme = repository.paths.find((path) => readme.test(path))
  const rows = rootReadme
    ? lessonsTable(rootReadme, parseListing(repository.read(rootReadme) ?? ''), (path) => lessonShaped(readmeOf(path), shape.depth))?.map(
        (row) => ({...row, lesson: {...row.lesson, path: readmeOf(row.lesson.path)}})
      )
    : undefined
  if (rootReadme && rows) reasons.push(`the lessons table of \`${rootReadme}\` gives the order (${rows.length} rows)`)

  const lessons = new Set(shape.lessons)
  for (const row of rows ?? []) if (present.has(row.lesson.path)) lessons.add(row.lesson.path)

  const files: {[path: string]: SiteFile} = {}
  const urls: {[url: string]: string} = {}
  for (const path of markdownPaths(repository)) {
    const {kind, reason} = kindOf(path, lessons, shape.depth, docsify)
    const url = urlOf(path, docsify)
    files[path] = siteFile(path, kind, reason, url)
    if (url !== docsifyRoute) urls[url] ??= path
  }

  const missing: ListEntry[] = []
  let modules: SiteModule[]
  if (rows && rootReadme) {
    modules = []
    for (const row of rows) {
      const {path, line, column} = row.lesson
      if (!present.has(path)) {
        missing.push({path, file: rootReadme, line, column})
        continue
      }

      const folder = moduleFolder(path, shape.depth)
      const last = modules.at(-1)
      const title = row.module ?? moduleTitle(repository, folder)
      if (last && last.title === title && (row.module !== undefined || last.path === modulePath(present, folder))) {
        last.lessons.push(...withProject(path, files))
      } else {
        modules.push({title, path: modulePath(present, folder), lessons: withProject(path, files)})
      }
    }
  } else {
    modules = folderModules(repository, present, [...lessons].sort(naturalCompare), shape.depth, files)
  }

  return {
    flavour: 'markdown',
    format: 'markdown',
    title: docsify?.name ?? (rootReadme ? firstHeading(repository.read(rootReadme) ?? '') : undefined),
    reasons,
    files,
    urls,
    // GitHub shows the repository: `/x/README.md` is the file at its root.
    mounts: [{url: '/', folder: ''}],
    routes: docsify ? [{prefix: docsifyRoute, reason: 'a Docsify route (the `alias` rules of `index.html` map it), not a path on disk'}] : [],
    rootKnown: true,
    modules,
    missing,
    ordered: rows !== undefined
  }
}

interface Docsify {
  name: string | undefined
  /** Whether `alias` rules serve `translations/README.<lang>.md` beside the lesson, at `README.<lang>`. */
  translationsBeside: boolean
}

/**
 * Where a file is published: GitHub shows it at its path. Docsify serves its
 * navigation files as routes, and, with `alias` rules into `translations/`,
 * a translation beside the lesson it translates (so its relative links
 * work from the lesson's folder).
 */
function urlOf(path: string, docsify: Docsify | undefined): string {
  if (!docsify) return '/' + path
  if (docsifyPage.test(path)) return docsifyRoute
  if (docsify.translationsBeside) return '/' + path.replace(/(^|\/)translations\/(?=[^/]+$)/, '$1')
  return '/' + path
}

/** The Docsify app of the root `index.html`, when there is one. */
function docsifyOf(repository: Repository): Docsify | undefined {
  const html = repository.paths.includes('index.html') ? repository.read('index.html') : undefined
  if (html === undefined || !/\$docsify\b/.test(html)) return undefined
  const name = /\bname\s*:\s*(['"])(.*?)\1/.exec(html)?.[2]
  return {
    name: name === undefined || name === '' ? undefined : name,
    translationsBeside: /\balias\s*:/.test(html) && /translations\//.test(html)
  }
}

function kindOf(path: string, lessons: ReadonlySet<string>, depth: Depth, docsify: Docsify | undefined): {kind: FileKind; reason: string} {
  const parts = path.split('/')
  const folders = parts.slice(0, -1).map((part) => part.toLowerCase())
  const name = parts.at(-1) ?? ''
  const placed = kindByPlace(path)
  if (placed && placed.kind !== 'page') return placed
  if (folders.includes('lesson-template')) return {kind: 'template', reason: 'in `lesson-template/`'}
  const data = folders.find((folder) => dataFolders.has(folder))
  if (data !== undefined) return {kind: 'data', reason: `in a \`${data}/\` folder: code that goes with a lesson`}
  // A translation is published (Docsify serves it), so its links are checked as a page's; the lesson rules read
  // the English phrases of the lesson and the course lists each lesson once, so it is not a lesson again.
  const translation = folders.find((folder) => translationFolders.has(folder))
  if (translation !== undefined) return {kind: 'page', reason: `a translation (in \`${translation}/\`)`}
  if (lessons.has(path)) return {kind: 'lesson', reason: lessonReason(parts, depth)}
  if (/^assignment\.md$/i.test(name) && lessons.has(parentOf(path) + '/README.md')) {
    return {kind: 'project', reason: 'the assignment of the lesson beside it'}
  }

  if (docsifyPage.test(path)) {
    return {kind: 'page', reason: docsify ? 'a Docsify navigation file: its links are routes' : 'a navigation file'}
  }

  if (readme.test(name) && parts.length === 2 && depth === 2 && numberedName.test(parts[0] ?? '')) {
    return {kind: 'page', reason: 'the introduction of a module'}
  }

  return placed ?? {kind: 'page', reason: 'a markdown file outside the lessons'}
}

function lessonReason(parts: readonly string[], depth: Depth): string {
  const numbered = parts.slice(0, -1).every((part) => numberedName.test(part))
  if (!numbered) return 'listed in the lessons table'
  return depth === 2 ? 'the `README.md` of a numbered lesson folder of a module' : 'the `README.md` of a numbered lesson folder'
}

/** The folder of the module of a lesson (`''` in a course one level deep). */
function moduleFolder(lesson: string, depth: Depth): string {
  return depth === 2 ? lesson.slice(0, lesson.indexOf('/')) : ''
}

/** The file or folder that defines a module: its `README.md` when it has one. */
function modulePath(present: ReadonlySet<string>, folder: string): string | undefined {
  if (folder === '') return undefined
  return present.has(folder + '/README.md') ? folder + '/README.md' : folder
}

/** The title of a module: the first heading of its README, else its folder name. */
function moduleTitle(repository: Repository, folder: string): string | undefined {
  if (folder === '') return undefined
  return firstHeading(repository.read(folder + '/README.md') ?? '') ?? folder
}

/** A lesson and, after it, its `assignment.md` project when it has one. */
function withProject(lesson: string, files: {[path: string]: SiteFile}): string[] {
  const assignment = parentOf(lesson) + '/assignment.md'
  return files[assignment]?.kind === 'project' ? [lesson, assignment] : [lesson]
}

/** Modules by numbered folder: one per module folder (or one for a course one level deep), lessons in folder order. */
function folderModules(
  repository: Repository,
  present: ReadonlySet<string>,
  lessons: readonly string[],
  depth: Depth,
  files: {[path: string]: SiteFile}
): SiteModule[] {
  const modules: SiteModule[] = []
  for (const lesson of lessons) {
    const folder = moduleFolder(lesson, depth)
    const path = modulePath(present, folder)
    const last = modules.at(-1)
    if (last && last.path === path) last.lessons.push(...withProject(lesson, files))
    else modules.push({title: moduleTitle(repository, folder), path, lessons: withProject(lesson, files)})
  }

  return modules
}
