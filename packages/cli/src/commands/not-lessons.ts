/**
 * What `coursemark init` leaves out of the lint: the files the site model
 * says are not lessons (site and repository pages, templates, data and
 * included files), written as anchored ignore patterns (`/README.md`, never
 * a bare `README.md`, which would match every lesson folder's README), a
 * folder at a time when nothing below it is a lesson. Every pattern names
 * files that exist.
 */
import {closeSync, openSync, readdirSync, readSync, type Dirent} from 'node:fs'
import {join} from 'node:path'
import type {FileKind, FormatName, Repository, Site} from '@coursemark/core'

/** One entry of `ignores`, with what it leaves out. */
export interface IgnoreEntry {
  /** The pattern, in `.gitignore` syntax, anchored at the project root. */
  pattern: string
  /** How many markdown files it leaves out. */
  files: number
  /** What they are, in words: "page: a repository page (`README.md`)", "2 pages". */
  what: string
}

/** At most this many files are listed, and this many bytes of each read. */
const maxEntries = 50_000
const maxBytes = 64 * 1024

/** Folders never read: installed packages and git's own. */
const skippedFolders = new Set(['node_modules', '.git'])

/**
 * The project under `root` as the site model reads it: every file (the
 * site's config files, static folders) but the markdown files `findFiles`
 * leaves out (`.gitignore`), given as paths relative to `root` with `/`.
 * Reads the first bytes of a file, enough to tell its format.
 */
export function readProject(root: string, markdown: ReadonlySet<string>): Repository {
  const paths: string[] = []
  const walk = (folder: string, prefix: string) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, {withFileTypes: true})
    } catch {
      return
    }

    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (paths.length >= maxEntries) return
      const path = prefix + entry.name
      if (entry.isDirectory() && !skippedFolders.has(entry.name)) walk(join(folder, entry.name), path + '/')
      else if (entry.isFile() && (!entry.name.endsWith('.md') || markdown.has(path))) paths.push(path)
    }
  }

  walk(root, '')
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const known = new Set(paths)
  return {paths, read: (path) => (known.has(path) ? readStart(join(root, path)) : undefined)}
}

/** The first `maxBytes` of a file as UTF-8, `undefined` when it cannot be read. */
function readStart(path: string): string | undefined {
  let handle: number | undefined
  try {
    handle = openSync(path, 'r')
    const buffer = Buffer.alloc(maxBytes)
    const bytesRead = readSync(handle, buffer, 0, maxBytes, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } catch {
    return undefined
  } finally {
    if (handle !== undefined) closeSync(handle)
  }
}

/** The kinds of file that are not linted as lessons: nothing on them is a lesson's. */
const notLessonKinds: ReadonlySet<FileKind> = new Set<FileKind>(['page', 'template', 'data', 'include'])

/** What a file is, when it is not a lesson. */
interface NotLesson {
  kind: FileKind
  reason: string
}

/**
 * The markdown files (`.md`, what the lint reads) of `site` that are not
 * lessons, by path. `structural`: a site generator was found, and its model
 * is the whole answer. Otherwise (the plain site) a README below the root is
 * the lesson of its folder (a README-per-lesson course), and the pages of
 * the format the lessons' content points at are added.
 */
export function notLessons(site: Site, structural: boolean, format: FormatName | undefined): Map<string, NotLesson> {
  const found = new Map<string, NotLesson>()
  for (const [path, file] of Object.entries(site.files)) {
    if (!path.endsWith('.md')) continue
    const page = structural ? undefined : formatPage(format, path)
    if (page) {
      found.set(path, page)
    } else if (notLessonKinds.has(file.kind)) {
      if (!structural && file.kind === 'page' && path.includes('/') && /^readme\.md$/i.test(path.slice(path.lastIndexOf('/') + 1))) continue
      found.set(path, {kind: file.kind, reason: file.reason})
    }
  }

  return found
}

/** Carpentries folders of pages that are not episodes, and its root pages. */
const carpentriesFolders = new Set(['instructors', 'learners', 'profiles', '_extras'])
const carpentriesPages = new Set(['index.md', 'setup.md', 'reference.md', '404.md', 'aio.md'])

/**
 * A page (or template) of `format` known by its place, when no site
 * generator tells (the lessons' content named the format), or `undefined`.
 */
function formatPage(format: FormatName | undefined, path: string): NotLesson | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (/rubric/i.test(name)) return {kind: 'page', reason: 'a rubric'}
  const top = path.includes('/') ? path.slice(0, path.indexOf('/')) : undefined
  // Scripts and the boilerplate of new lessons (the Carpentries' `bin/boilerplate/`).
  if (top === 'bin') return {kind: 'template', reason: 'in `bin/`, scripts and boilerplate'}
  if (format === 'carpentries') {
    if (top !== undefined && carpentriesFolders.has(top)) return {kind: 'page', reason: `a Carpentries page (in \`${top}/\`)`}
    if (top === undefined && carpentriesPages.has(name)) return {kind: 'page', reason: `a Carpentries site page (\`${name}\`)`}
  }

  if (format === 'hugo' && name === '_index.md') return {kind: 'page', reason: 'a Hugo section page (`_index.md`)'}
  return undefined
}

/**
 * The ignore entries for `found` among `markdown` (every markdown file
 * linted): one folder pattern (`/instructors/`) for the topmost folder with
 * no lesson below it, else one file pattern (`/README.md`). Sorted.
 */
export function ignoreEntries(markdown: readonly string[], found: ReadonlyMap<string, NotLesson>): IgnoreEntry[] {
  const lessonFolders = new Set<string>()
  for (const path of markdown) {
    if (!found.has(path)) for (const folder of foldersOf(path)) lessonFolders.add(folder)
  }

  const entries: IgnoreEntry[] = []
  const byFolder = new Map<string, NotLesson[]>()
  for (const [path, file] of found) {
    const folder = foldersOf(path).find((item) => !lessonFolders.has(item))
    if (folder === undefined) entries.push({pattern: '/' + escapePattern(path), files: 1, what: `${file.kind}: ${file.reason}`})
    else byFolder.set(folder, [...(byFolder.get(folder) ?? []), file])
  }

  for (const [folder, files] of byFolder) {
    entries.push({pattern: '/' + escapePattern(folder) + '/', files: files.length, what: describeFiles(files)})
  }

  return entries.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0))
}

/** The folders of a path, outermost first: `a/b/c.md` → `a`, `a/b`. */
function foldersOf(path: string): string[] {
  const parts = path.split('/').slice(0, -1)
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'))
}

/** How a count of files of a kind is said ("2 data files"). */
const nouns: Partial<Record<FileKind, string>> = {data: 'data file', include: 'included file'}

/** "2 pages", "1 page, 1 template"; with the reason when they share one. */
function describeFiles(files: NotLesson[]): string {
  const counts = new Map<FileKind, number>()
  for (const file of files) counts.set(file.kind, (counts.get(file.kind) ?? 0) + 1)
  const kinds = [...counts].map(([kind, count]) => `${count} ${nouns[kind] ?? kind}${count === 1 ? '' : 's'}`).join(', ')
  const reasons = new Set(files.map((file) => file.reason))
  const [reason] = reasons
  return reasons.size === 1 && reason !== undefined ? `${kinds}: ${reason}` : kinds
}

/**
 * A path as a `.gitignore` pattern that matches it literally: wildcards,
 * brackets and backslashes escaped, trailing spaces kept. (The caller
 * anchors it with `/`, so a leading `#` or `!` is no comment or negation.)
 */
export function escapePattern(path: string): string {
  return path.replace(/[\\*?[\]]/g, (char) => '\\' + char).replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '))
}
