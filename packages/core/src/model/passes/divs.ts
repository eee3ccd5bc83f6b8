/**
 * Fenced divs (pandoc, as the Carpentries Workbench writes them):
 * `::: challenge` or `::::::::: {.challenge #id}` opens, a line of three or
 * more colons closes the innermost open div; any depth. And kramdown block
 * classes (the Carpentries' Jekyll lessons): a blockquote whose last line is
 * `{: .challenge}`. Fences are read from the source lines outside code.
 */
import type {Div} from '../checkpoint.js'
import {offsets, type Document} from './document.js'
import {codeRanges, inside} from './templates.js'

interface Open {
  classes: string[]
  id: string | null
  start: number
  depth: number
}

const fence = /^[ \t]{0,3}:{3,}(.*)$/
const blockClass = /^([ \t>]*)\{:[ \t]*((?:\.[\w-]+[ \t]*)+)\}[ \t]*$/

/** Read the divs of the document, in document order. */
export function readDivs(document: Document): Div[] {
  if (!document.profile.divs) return []
  // Fenced divs are made as they close: sort them (and any quotes) by start.
  const divs = [...fencedDivs(document), ...blockClassDivs(document)]
  return divs.sort((a, b) => a.position.start.offset - b.position.start.offset)
}

function fencedDivs(document: Document): Div[] {
  const {value} = document
  if (!value.includes(':::')) return []
  const code = codeRanges(document)
  const divs: Div[] = []
  const stack: Open[] = []
  const lines = /[^\r\n]*(?:\r\n|\r|\n|$)/g
  let match: RegExpExecArray | null

  while ((match = lines.exec(value)) && match[0] !== '') {
    const start = match.index
    const line = match[0].replace(/[\r\n]+$/, '')
    const found = fence.exec(line)
    if (!found || inside(code, start)) continue
    // Trimmed without a regular expression that could backtrack on a long line.
    const attributes = trimColons((found[1] ?? '').trim())
    if (attributes === '') {
      const open = stack.pop()
      if (open) divs.push(close(document, open, start + line.length))
      continue
    }

    stack.push({...readAttributes(attributes), start, depth: stack.length})
  }

  while (stack.length > 0) {
    const open = stack.pop()
    if (open) divs.push(close(document, open, value.length))
  }

  return divs
}

function close(document: Document, open: Open, end: number): Div {
  return {
    name: (open.classes[0] ?? '').toLowerCase(),
    classes: open.classes,
    id: open.id,
    depth: open.depth,
    syntax: 'fenced',
    section: sectionAt(document, open.start),
    position: document.locator.toPosition(open.start, end)
  }
}

/** `challenge`, `{.challenge #id}`, `challenge {#id}`. */
function readAttributes(text: string): {classes: string[]; id: string | null} {
  const classes: string[] = []
  let id: string | null = null
  const braced = /\{([^}]*)\}/.exec(text)
  const bare = braced ? text.slice(0, braced.index).trim() : text.trim()
  if (bare) classes.push(...bare.split(/\s+/))
  for (const token of (braced?.[1] ?? '').split(/\s+/)) {
    if (token.startsWith('.') && token.length > 1) classes.push(token.slice(1))
    else if (token.startsWith('#') && token.length > 1) id = token.slice(1)
  }

  return {classes, id}
}

function blockClassDivs(document: Document): Div[] {
  if (!document.profile.attributes.includes('kramdown')) return []
  const quotes = (document.nodes.byType.get('blockquote') ?? []).map((node) => offsets(node))
  const divs: Div[] = []
  const open: Array<[number, number]> = []
  for (const [start, end] of quotes) {
    // Quotes come in document order, a quote before the quotes inside it.
    while (open.length > 0 && !encloses(open.at(-1), start, end)) open.pop()
    // Nested quotes end on the same lazy lines: `> {: .solution}` (one `>`)
    // belongs to the quote inside one other, `{: .challenge}` to the outer one.
    const depth = open.length
    open.push([start, end])
    const classes = trailingClasses(document.value, start, end, depth)
    if (!classes) continue
    divs.push({
      name: (classes[0] ?? '').toLowerCase(),
      classes,
      id: null,
      depth,
      syntax: 'kramdown',
      section: sectionAt(document, start),
      position: document.locator.toPosition(start, end)
    })
  }

  return divs
}

function encloses(range: [number, number] | undefined, start: number, end: number): boolean {
  return range !== undefined && range[0] < start && range[1] >= end
}

/** `text` without trailing colons and the spaces before them (`::: name :::`). */
function trimColons(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 58 /* `:` */) end--
  return end === text.length ? text : text.slice(0, end).trimEnd()
}

/** The classes of the trailing `{: .class}` line with `depth` quote markers, if any. */
function trailingClasses(value: string, start: number, end: number, depth: number): string[] | undefined {
  const lines = value.slice(start, end).split(/\r\n|\r|\n/)
  for (let index = lines.length - 1; index > 0; index--) {
    const found = blockClass.exec(lines[index] ?? '')
    if (!found) return undefined
    if ((found[1] ?? '').split('>').length - 1 === depth) {
      return (found[2] ?? '').split(/[\s.]+/).filter(Boolean)
    }
  }

  return undefined
}

/** The slug of the section an offset is in. */
export function sectionAt(document: Document, offset: number): string | null {
  let slug: string | null = null
  for (const heading of document.headings) {
    if (heading.position.start.offset > offset) break
    slug = heading.slug
  }

  return slug
}
