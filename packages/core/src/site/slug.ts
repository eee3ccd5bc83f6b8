/**
 * Heading ids as a site gives them, for the anchors of links (`#x`).
 *
 * - `github`: GitHub's (`github-slugger`), which most sites and editors follow.
 * - `odin`: The Odin Project's site. It renders a lesson with kramdown's GFM
 *   reader, cut into one document per top-level h3 ("sections"), each
 *   converted on its own, so the count of equal ids starts again in every
 *   section. An h3 or h4 gets kramdown's id passed through Rails'
 *   `parameterize`; once the lesson has sections, the other levels get
 *   kramdown's id as it is; a lesson with no top-level h3 is one GFM document,
 *   whose h1, h2, h5 and h6 get the GFM reader's own ids.
 *
 * Browser-safe: pure string work.
 */
import GithubSlugger from 'github-slugger'

/** How a site makes heading ids: `github` (GitHub, and the default) or `odin` (The Odin Project). */
export type SluggerName = 'github' | 'odin'

/** A heading as the slugger needs it. */
export interface HeadingText {
  /** 1 to 6. */
  depth: number
  /** Its text, formatting removed (code spans kept, as `mdast-util-to-string` gives it). */
  text: string
  /** Whether the heading is a child of the document itself (not in a list, quote or other container). */
  topLevel: boolean
}

/** The ids a site gives `headings` (all the headings of one file, in order), one per heading. */
export function headingIds(slugger: SluggerName, headings: readonly HeadingText[]): string[] {
  if (slugger === 'odin') return odinHeadingIds(headings)
  const github = new GithubSlugger()
  return headings.map((heading) => github.slug(heading.text))
}

/** The ids The Odin Project's site gives `headings` (all the headings of one lesson, in order). */
export function odinHeadingIds(headings: readonly HeadingText[]): string[] {
  const sectioned = headings.some((heading) => heading.depth === 3 && heading.topLevel)
  // Kramdown's converter and its GFM reader count equal ids apart.
  const converterIds = new Map<string, number>()
  const readerIds = new Map<string, number>()
  return headings.map((heading) => {
    if (sectioned && heading.depth === 3 && heading.topLevel) {
      converterIds.clear()
      readerIds.clear()
    }

    // The reader gives every heading an id, and counts it, unless the
    // heading sits in a section (kramdown HTML the reader does not enter).
    const readerId = sectioned ? undefined : gfmId(heading.text, readerIds)
    if (heading.depth === 3 || heading.depth === 4) return parameterize(kramdownId(heading.text, converterIds))
    return readerId ?? kramdownId(heading.text, converterIds)
  })
}

/** Kramdown's `generate_id`: leading non-letters and every character but ASCII letters, digits, space and `-` dropped; `-1`, `-2` on repeats. */
export function kramdownId(text: string, used: Map<string, number>): string {
  let id = text
    .replace(/^[^a-zA-Z]+/, '')
    .replace(/[^a-zA-Z\d -]/g, '')
    .replaceAll(' ', '-')
    .toLowerCase()
  if (id === '') id = 'section'
  const seen = used.get(id)
  if (seen === undefined) {
    used.set(id, 0)
    return id
  }

  used.set(id, seen + 1)
  return `${id}-${seen + 1}`
}

/** Rails' `parameterize` on ASCII text: runs of other characters become one `-`, no `-` at either end, lower case. */
export function parameterize(text: string): string {
  return text
    .replace(/[^a-z\d_-]+/gi, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
}

/** The id kramdown's GFM reader gives: lower case, word characters, `-` and blanks kept, blanks as `-`; `-1`, `-2` on repeats. */
function gfmId(text: string, used: Map<string, number>): string {
  const id = text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu, '')
    .replace(/[ \t]/g, '-')
  const seen = used.get(id)
  used.set(id, seen === undefined ? 0 : seen + 1)
  return seen === undefined ? id : `${id}-${seen + 1}`
}
