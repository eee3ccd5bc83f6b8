/**
 * The site a file belongs to, as the rules see it: the site model of its
 * repository (core's `Site`) and the file's path in it. Set on
 * `file.data.coursemarkSite` by whoever runs the rules over a repository (the
 * CLI, or the plugin under remark-cli); a file without one (a browser, a
 * single string) is linted as a lesson of a plain site.
 */
import type {FileKind, Site} from '@coursemark/core'
import type {VFile} from 'vfile'

/** A file's place in its site. */
export interface FileSite {
  site: Site
  /** The file's path relative to the repository root, with `/`. */
  path: string
  /** No lesson of the repository has frontmatter: it is not required (a course that does not use it). */
  frontmatterless?: boolean | undefined
  /** No lesson of the repository states objectives: they are not asked for (a course that does not use them). */
  objectiveless?: boolean | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** The site of the file, when it is linted as part of a repository. */
    coursemarkSite: FileSite
    /**
     * How many root-absolute links of the file `no-missing-local-target` did
     * not check: the site root is not known (`site.root`). A tool running
     * the rules over a repository says it once for the run.
     */
    coursemarkRootUnchecked: number
  }
}

/** The site of `file`, when it has one. */
export function siteOf(file: VFile): FileSite | undefined {
  return file.data.coursemarkSite
}

/** What `file` is in its site: `lesson` when it has no site or the site does not list it. */
export function kindOf(file: VFile): FileKind {
  const place = file.data.coursemarkSite
  return place?.site.files[place.path]?.kind ?? 'lesson'
}
