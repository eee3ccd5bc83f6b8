/**
 * The site model's types: what a curriculum repository publishes, as plain
 * JSON (it crosses worker threads and goes into caches). One module per
 * format builds a `Site` from a `Repository`; `resolveLink` answers, for any
 * link of any file, which files of the repository it may name on the built
 * site.
 */
import type {FormatName} from '../profiles.js'
import type {SluggerName} from './slug.js'

/**
 * The site generators and layouts coursemark knows. A format (the lesson
 * profile) can be built by more than one: `carpentries` lessons by the
 * Workbench or by the legacy Jekyll template.
 */
export type SiteFlavour = 'checkpoint' | 'markdown' | 'workbench' | 'jekyll' | 'hugo' | 'odin' | 'freecodecamp'

/**
 * What a file of the repository is for the course.
 *
 * - `lesson`: a lesson (episode, checkpoint, challenge); lesson rules apply.
 * - `break`: a break in the schedule (a title and minutes, no objectives).
 * - `project`: a project or capstone: an assignment, no objectives required.
 * - `page`: a site or repository page (index, 404, all-in-one, glossary,
 *   setup, about, licence, code of conduct, README); page rules apply.
 * - `template`: a template or archetype, an issue template, a layout.
 * - `draft`: a lesson the site does not build (unlisted, `draft: true`).
 * - `data`: a markdown file inside an exercise or data folder.
 * - `include`: a file pasted into other pages (`links.md`, `_includes/`).
 *
 * Nothing is checked on `template`, `data` and `include`.
 */
export type FileKind = 'lesson' | 'break' | 'project' | 'page' | 'template' | 'draft' | 'data' | 'include'

/** A repository as the site model reads it: browser-safe, no file system. */
export interface Repository {
  /** Every file of the repository, relative to its root with `/`, sorted. */
  paths: readonly string[]
  /** The text of a file of the repository, or `undefined` when it cannot be read. */
  read(path: string): string | undefined
}

/** Options of `buildSite`: what the config says about the site. */
export interface SiteOptions {
  /** The lesson format from the config; detected from the repository when not given. */
  format?: FormatName | undefined
  /** `site.root`: the folder published at the site root `/` (formats without a site model). */
  root?: string | undefined
  /** `site.static`: folders whose files are served at the site root. */
  static?: readonly string[] | undefined
}

/** One markdown file of the repository, as the site sees it. */
export interface SiteFile {
  /** Path relative to the repository root, with `/`. */
  path: string
  kind: FileKind
  /** Why it is of that kind, in words: "listed under `episodes:` in `config.yaml`". */
  reason: string
  /** The URL path the site publishes it at (`/01-intro.html`, `/section/page/`), when it is published. */
  url: string | undefined
  /** The title the site shows, when the site model knows it and the file may not say it (Odin lessons have no title in the file). */
  title?: string | undefined
}

/** A folder of the repository served under a URL path of the site (Hugo `static/` at `/`). */
export interface Mount {
  /** URL path prefix, starting and ending with `/`. */
  url: string
  /** Folder relative to the repository root, with `/`, without a trailing `/` (`''` is the root). */
  folder: string
}

/** URL paths the site serves from outside the repository (freeCodeCamp `/learn/`): not checked as files. */
export interface Route {
  /** URL path prefix, starting with `/`. */
  prefix: string
  /** Why it is not checked, in words. */
  reason: string
}

/** A place in a file of the repository (the entry of an order in `config.yaml`). */
export interface ListEntry {
  /** What the entry names, relative to the repository root (`episodes/01-intro.md`). */
  path: string
  /** The file that lists it (`config.yaml`). */
  file: string
  line: number
  column: number
}

/** A module of the course: lessons in the site's order. */
export interface SiteModule {
  title: string | undefined
  /** The folder or file that defines the module (a Hugo section's `_index.md`), when there is one. */
  path: string | undefined
  /** Paths of its lessons, breaks and projects, in order. */
  lessons: string[]
}

/** What a curriculum repository publishes, and how. Plain JSON. */
export interface Site {
  flavour: SiteFlavour
  /** The lesson profile of its lessons. */
  format: FormatName
  /** The site's title, from its config when it has one. */
  title: string | undefined
  /** Why this flavour, in words (for `init` and `--verbose`). */
  reasons: string[]
  /** Every markdown file of the repository, by path. */
  files: {[path: string]: SiteFile}
  /** Published URL path → source path, aliases included (`/01-intro.html`, `/01-intro/`). */
  urls: {[url: string]: string}
  /** Folders served under URL paths. */
  mounts: Mount[]
  /** URL prefixes served from outside the repository. */
  routes: Route[]
  /** Whether root-absolute links (`/images/x.png`) can be checked: a site model, or `site.root`. */
  rootKnown: boolean
  /** Lessons in the site's order, by module. */
  modules: SiteModule[]
  /** Entries an order lists that the repository does not have. */
  missing: ListEntry[]
  /** Whether the format lists its lessons explicitly (then a lesson listed nowhere is an orphan). */
  ordered: boolean
  /** How the site makes heading ids, for the anchors of links; `github` when absent. */
  slugger?: SluggerName | undefined
}

/**
 * Where a link may lead: the repository files it names, best first (the
 * link works when one of them exists), and its fragment.
 */
export interface Resolution {
  /** Candidate files or folders relative to the repository root, with `/`; the first is the link as written on disk. */
  candidates: string[]
  /** The decoded fragment, `''` when none. */
  fragment: string
  /** Set when no candidate exists and the link may still work on the built site: why it is not checked. */
  unchecked: string | undefined
}

/** A site generator coursemark models. */
export interface SiteBuilder {
  flavour: SiteFlavour
  /** The lesson format of its lessons. */
  format: FormatName
  /** Why `repository` is built by this generator, in words; `undefined` when it is not. */
  detect(repository: Repository): string[] | undefined
  /** The site of a repository `detect` accepted. */
  build(repository: Repository, options: SiteOptions, reasons: string[]): Site
}
