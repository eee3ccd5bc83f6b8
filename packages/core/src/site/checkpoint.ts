/**
 * The checkpoint library: lessons with checkpoint frontmatter (`title`,
 * `time` or `timeHours`, `uuid`), flat or one folder per lesson
 * (`library/<slug>/content.md` with its images beside it). There is no site
 * generator: what each file is and how a link resolves are the plain site's.
 * Modules are folders. The order is the library's own when it writes one (a
 * `README.md` or `index.md` of the folder that links its lessons), else path
 * order, numbers by value (`2-x` before `10-x`).
 */
import {kindByPlace, markdownPaths} from './files.js'
import {firstHeading, hasFrontmatter, linksOf, naturalCompare, parseListing} from './listing.js'
import {plainSite} from './plain.js'
import {parentOf} from './resolve.js'
import type {ListEntry, Repository, Site, SiteModule, SiteOptions} from './types.js'

/** How many markdown files `detect` reads at most, spread over the repository: the library's kind shows in any of them. */
const detectSample = 50
/** Names of a lesson file that stands for its folder (`library/<slug>/content.md`). */
const folderLesson = /^(?:content|index|lesson)\.md$/i
/** Names of the file that lists a folder's lessons in order. */
const listingNames = ['README.md', 'readme.md', 'index.md']

/** The checkpoint library builder (a `SiteBuilder`; typed where `siteBuilders` lists it, so that this module does not import the index). */
export const checkpointSite = {
  flavour: 'checkpoint' as const,
  format: 'checkpoint' as const,
  detect(repository: Repository): string[] | undefined {
    const candidates = markdownPaths(repository).filter((path) => kindByPlace(path) === undefined)
    const step = Math.max(1, Math.ceil(candidates.length / detectSample))
    const sample = candidates.filter((_, index) => index % step === 0)
    const found = sample.filter((path) => isCheckpoint(repository.read(path) ?? ''))
    if (found.length === 0 || found.length * 2 < sample.length) return undefined
    return [`${found.length} of ${sample.length} markdown files have checkpoint frontmatter (\`title\`, \`time\` or \`timeHours\`, \`uuid\`), first \`${found[0] ?? ''}\``]
  },
  build(repository: Repository, options: SiteOptions, reasons: string[]): Site {
    return buildCheckpointSite(repository, plainSite(repository, options, 'checkpoint', reasons))
  }
}

/** Whether a text opens with YAML frontmatter that has `title`, `time` or `timeHours`, and `uuid` at the top level. */
function isCheckpoint(text: string): boolean {
  if (!hasFrontmatter(text) || !/^\uFEFF?---/.test(text)) return false
  const end = text.search(/\r?\n---[ \t]*(?:\r?\n|$)/)
  const block = end === -1 ? '' : text.slice(0, end)
  return /^title:/m.test(block) && /^(?:time|timeHours):/m.test(block) && /^uuid:/m.test(block)
}

/** The folder that holds a lesson as a module holds it: a lesson alone in its folder stands for the folder. */
function unitOf(path: string, lessonsIn: ReadonlyMap<string, number>): {unit: string; module: string} {
  const folder = parentOf(path)
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (folder !== '' && folderLesson.test(name) && lessonsIn.get(folder) === 1) return {unit: folder, module: parentOf(folder)}
  return {unit: path, module: folder}
}

function buildCheckpointSite(repository: Repository, site: Site): Site {
  const present = new Set(repository.paths)
  const lessons = Object.values(site.files)
    .filter((file) => file.kind === 'lesson')
    .map((file) => file.path)
  const lessonsIn = new Map<string, number>()
  for (const lesson of lessons) lessonsIn.set(parentOf(lesson), (lessonsIn.get(parentOf(lesson)) ?? 0) + 1)

  const byModule = new Map<string, Array<{lesson: string; unit: string}>>()
  for (const lesson of lessons) {
    const {unit, module} = unitOf(lesson, lessonsIn)
    const list = byModule.get(module) ?? []
    list.push({lesson, unit})
    byModule.set(module, list)
  }

  const missing: ListEntry[] = []
  const modules: SiteModule[] = []
  let ordered = false
  for (const folder of [...byModule.keys()].sort(naturalCompare)) {
    const members = (byModule.get(folder) ?? []).sort((a, b) => naturalCompare(a.unit, b.unit))
    const listing = listingOf(repository, present, folder, new Set(members.map((member) => member.lesson)))
    const title = listing?.title ?? (folder === '' ? undefined : folder.slice(folder.lastIndexOf('/') + 1))
    if (listing) {
      ordered = true
      missing.push(...listing.missing)
      modules.push({title, path: listing.path, lessons: listing.lessons})
    } else {
      modules.push({title, path: folder === '' ? undefined : folder, lessons: members.map((member) => member.lesson)})
    }
  }

  if (ordered) site.reasons.push('a listing file (`README.md` or `index.md` of a folder) gives the order of its lessons')
  const root = listingNames.find((name) => present.has(name) && site.files[name]?.kind !== 'lesson')
  return {
    ...site,
    flavour: 'checkpoint',
    title: root === undefined ? undefined : firstHeading(repository.read(root) ?? ''),
    modules,
    missing,
    ordered
  }
}

interface Listing {
  path: string
  title: string | undefined
  lessons: string[]
  missing: ListEntry[]
}

/**
 * The listing of a folder: its `README.md` or `index.md` (not a lesson)
 * when it links two or more of the folder's lessons. Its lessons in the
 * order it links them; the markdown files it links inside the folder that
 * do not exist are missing.
 */
function listingOf(repository: Repository, present: ReadonlySet<string>, folder: string, members: ReadonlySet<string>): Listing | undefined {
  for (const name of listingNames) {
    const path = folder === '' ? name : folder + '/' + name
    if (!present.has(path) || members.has(path)) continue
    const text = repository.read(path) ?? ''
    const links = linksOf(path, [parseListing(text)])
    const lessons: string[] = []
    const missing: ListEntry[] = []
    for (const link of links) {
      if (members.has(link.path)) {
        if (!lessons.includes(link.path)) lessons.push(link.path)
      } else if (!present.has(link.path) && /\.md$/i.test(link.path) && (folder === '' || link.path.startsWith(folder + '/'))) {
        missing.push({path: link.path, file: path, line: link.line, column: link.column})
      }
    }

    if (lessons.length >= 2) return {path, title: firstHeading(text), lessons, missing}
  }

  return undefined
}
