/**
 * The Odin Project's curriculum repository. Lessons are markdown files with
 * no frontmatter and no H1, in course folders of section folders
 * (`javascript/organizing_your_javascript_code/classes.md`), written with
 * `### Lesson overview`, `### Assignment` and `### Knowledge check`;
 * projects are `project_*.md`. The site (theodinproject.com) is another
 * repository: it holds the lesson titles, the order and the URLs
 * (`/lessons/<slug>`), so this model gives
 *
 * - kinds by place: `archive/` drafts, `markdownlint/` data (fixtures of the
 *   curriculum's own lint rules), `templates/` templates,
 *   `installation_guides/` includes, root files pages;
 * - no published URLs: a relative link is checked as a path on disk, and a
 *   root-absolute link is a route of the Odin site, not checked;
 * - one module per section folder, lessons in file order, `ordered: false`
 *   (the real order is not in this repository);
 * - a title per lesson made from its file name;
 * - the Odin slugger for heading ids (`site.slugger`).
 */
import {kindByPlace, markdownPaths, siteFile} from './files.js'
import {parentOf} from './resolve.js'
import type {FileKind, Repository, Route, Site, SiteFile, SiteModule, SiteOptions} from './types.js'

/** How many lessons `detect` reads at most. */
const sampleSize = 8

const lessonHeading = /^###[ \t]+(?:lesson overview|assignment)[ \t]*#*[ \t]*$/im

/** The site routes the curriculum links to: pages of theodinproject.com, not files of this repository. */
const routes: Route[] = [
  {prefix: '/lessons/', reason: 'a lesson page of the Odin site, named by its title there, not a file of this repository'},
  {prefix: '/paths/', reason: 'a path page of the Odin site, not a file of this repository'},
  {prefix: '/courses/', reason: 'a course page of the Odin site, not a file of this repository'},
  {prefix: '/', reason: 'a page of the Odin site, which this repository does not build'}
]

/** The Odin Project's site model (a `SiteBuilder`). */
export const odinSite = {
  flavour: 'odin' as const,
  format: 'odin' as const,
  detect: detectOdin,
  build(repository: Repository, _options: SiteOptions, reasons: string[]): Site {
    return buildOdin(repository, reasons)
  }
}

function detectOdin(repository: Repository): string[] | undefined {
  const paths = markdownPaths(repository)
  const projects = paths.filter((path) => placeKind(path) === undefined && isProject(path))
  const candidates = paths.filter((path) => path.includes('/') && placeKind(path) === undefined && !isProject(path))
  const lessons: string[] = []
  let withFrontmatter = 0
  for (const path of candidates.slice(0, sampleSize)) {
    const text = repository.read(path)
    if (text === undefined) continue
    if (/^(?:---|\+\+\+)[ \t]*\r?(?:\n|$)/.test(text)) {
      withFrontmatter++
      continue
    }

    if (lessonHeading.test(text)) lessons.push(path)
  }

  const templates = repository.paths.some((path) => /^templates\/(?:lesson|project)-template\.md$/.test(path))
  if (lessons.length === 0 || withFrontmatter > lessons.length || (projects.length === 0 && !templates)) return undefined
  const reasons = [
    `${lessons.length} of the lessons read have a \`### Lesson overview\` or \`### Assignment\` heading and no frontmatter (\`${lessons[0] ?? ''}\`)`
  ]
  if (projects.length > 0) reasons.push(`${projects.length} \`project_*.md\` files`)
  if (templates) reasons.push('`templates/` holds lesson and project templates')
  return reasons
}

function buildOdin(repository: Repository, reasons: string[]): Site {
  const files: {[path: string]: SiteFile} = {}
  const modules: SiteModule[] = []
  const moduleOf = new Map<string, SiteModule>()
  for (const path of markdownPaths(repository)) {
    const placed = placeKind(path) ?? kindByPlace(path) ?? rootPage(path)
    if (placed) {
      files[path] = siteFile(path, placed.kind, placed.reason, undefined)
      continue
    }

    const project = isProject(path)
    const file = siteFile(path, project ? 'project' : 'lesson', project ? 'a `project_*.md` file' : 'a lesson of a course folder', undefined)
    file.title = titleOf(path)
    files[path] = file
    const folder = parentOf(path)
    let module = moduleOf.get(folder)
    if (!module) {
      module = {title: folderTitle(folder), path: folder, lessons: []}
      moduleOf.set(folder, module)
      modules.push(module)
    }

    module.lessons.push(path)
  }

  return {
    flavour: 'odin',
    format: 'odin',
    title: undefined,
    reasons,
    files,
    urls: {},
    mounts: [],
    routes,
    rootKnown: false,
    modules,
    missing: [],
    ordered: false,
    slugger: 'odin'
  }
}

/** The kind of a file the Odin site never publishes, by its folder. */
function placeKind(path: string): {kind: FileKind; reason: string} | undefined {
  if (path.startsWith('archive/')) return {kind: 'draft', reason: 'in `archive/`: not published'}
  if (path.startsWith('markdownlint/')) return {kind: 'data', reason: "in `markdownlint/`: a fixture of the curriculum's lint rules"}
  if (path.startsWith('templates/')) return {kind: 'template', reason: 'in `templates/`'}
  if (/(?:^|\/)installation_guides\//.test(path)) return {kind: 'include', reason: 'an installation guide, shown inside a lesson'}
  return undefined
}

/** A markdown file at the repository root is a policy or guide page, not a lesson. */
function rootPage(path: string): {kind: FileKind; reason: string} | undefined {
  return path.includes('/') ? undefined : {kind: 'page', reason: 'a page at the repository root'}
}

function isProject(path: string): boolean {
  return /^project_/i.test(path.slice(path.lastIndexOf('/') + 1))
}

/**
 * The title of a lesson from its file name, as the Odin site's titles mostly
 * read: `es6_modules.md` → `Es6 modules`, `project_library.md` →
 * `Project: Library`. The site's own titles are in its database.
 */
export function titleOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '')
  const project = /^project_/i.test(name)
  const words = sentence(project ? name.slice('project_'.length) : name)
  return project ? `Project: ${words}` : words
}

function folderTitle(folder: string): string {
  return sentence(folder.slice(folder.lastIndexOf('/') + 1))
}

/** `snake_case` or `kebab-case` words as a sentence: first letter upper case. */
function sentence(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
