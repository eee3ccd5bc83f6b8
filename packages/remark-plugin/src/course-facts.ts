/**
 * What the course rules read of a file's site, worked out once per site (a
 * `WeakMap` by the site object, which every file of a run shares): the paths
 * the order lists, the files published at each URL, the file that carries
 * the course-wide messages. No file is read or parsed again.
 */
import type {FileKind, Site} from '@coursemark/core'

/** The kinds of file that belong in a course's order (a draft too, where the format lists its lessons). */
export const orderedKinds: ReadonlySet<FileKind> = new Set(['lesson', 'break', 'project', 'draft'])

interface CourseFacts {
  /** Paths the order lists. */
  listed: Set<string>
  /** Module index and title by listed path. */
  moduleOf: Map<string, {index: number; title: string | undefined; first: boolean}>
  /** Published URL -> the files published there. */
  byUrl: Map<string, string[]>
  /** The file that carries messages about the course as a whole: its first listed lesson, else its first file. */
  carrier: string | undefined
}

const cache = new WeakMap<Site, CourseFacts>()

/** The course facts of `site`. */
export function courseFacts(site: Site): CourseFacts {
  let facts = cache.get(site)
  if (facts) return facts
  const listed = new Set<string>()
  const moduleOf: CourseFacts['moduleOf'] = new Map()
  for (const [index, module] of site.modules.entries()) {
    let first = true
    for (const path of module.lessons) {
      if (!Object.hasOwn(site.files, path) || listed.has(path)) continue
      moduleOf.set(path, {index, title: module.title, first})
      listed.add(path)
      first = false
    }
  }

  const byUrl = new Map<string, string[]>()
  const add = (url: string, path: string) => {
    const group = byUrl.get(url)
    if (!group) byUrl.set(url, [path])
    else if (!group.includes(path)) group.push(path)
  }

  const paths = Object.keys(site.files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (const path of paths) {
    const url = site.files[path]?.url
    if (url !== undefined) add(url, path)
  }

  // An alias of another file (`/x/` for `x.md`) at a file's own URL is a clash too.
  for (const [url, path] of Object.entries(site.urls)) if (byUrl.has(url)) add(url, path)
  const first = [...listed][0]
  const carrier = first ?? paths.find((path) => site.files[path]?.kind === 'lesson' || site.files[path]?.kind === 'page')
  facts = {listed, moduleOf, byUrl, carrier}
  cache.set(site, facts)
  return facts
}
