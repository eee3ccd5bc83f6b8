/**
 * Orders that a course writes in markdown rather than in a config file: the
 * lessons table of a README, the links of a listing page, numbered names.
 * Shared by the README-per-lesson course and the checkpoint library.
 */
import type {Link, Nodes, PhrasingContent, Root, RootContent, Table, TableCell, TableRow as RowNode} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {joinPath, parentOf} from './resolve.js'

/** A link of a listing, resolved to a repository path, with its place. */
export interface ListedLink {
  /** The repository path the link names (no fragment). */
  path: string
  /** The text of the link. */
  text: string
  line: number
  column: number
}

/** A row of a lessons table: the lesson link and the text of the module column, when there is one. */
export interface TableRow {
  lesson: ListedLink
  module: string | undefined
}

/** Compare paths as a person orders them: runs of digits by value (`2-x` before `10-x`), the rest by code unit. */
export function naturalCompare(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? []
  const right = b.match(/\d+|\D+/g) ?? []
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const x = left[index] ?? ''
    const y = right[index] ?? ''
    if (x === y) continue
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const difference = Number(x) - Number(y)
      if (difference !== 0) return difference
    }

    return x < y ? -1 : 1
  }

  return left.length - right.length || (a < b ? -1 : a > b ? 1 : 0)
}

/** A folder or file name that starts with a number (`1-intro`, `02_basics`): the author numbered it to order it. */
export const numberedName = /^\d+(?:[-_. ]|$)/

/**
 * Read the markdown of a listing file into the little of mdast the orders
 * need: its GFM tables (rows and cells) and, line by line, its inline links,
 * with their places. A line scanner, not the parser: the site is built on
 * every run, a cached one included, which must not load the parser.
 */
export function parseListing(text: string): Root {
  const lines = text.split(/\r\n|\r|\n/)
  const children: RootContent[] = []
  let fence: string | undefined
  let index = 0
  if (/^\uFEFF?(?:---|\+\+\+)[ \t]*$/.test(lines[0] ?? '')) {
    const marker = (lines[0] ?? '').replace(/^\uFEFF/, '').trim()
    const close = lines.findIndex((line, at) => at > 0 && line.trim() === marker)
    if (close !== -1) index = close + 1
  }

  for (; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker || fence !== undefined) {
      if (fence === undefined) fence = marker
      else if (marker?.startsWith(fence)) fence = undefined
      continue
    }

    if (line.includes('|') && delimiterRow.test(lines[index + 1] ?? '')) {
      const rows: RowNode[] = [row(line, index)]
      index += 2
      while (index < lines.length && (lines[index] ?? '').includes('|') && (lines[index] ?? '').trim() !== '') {
        rows.push(row(lines[index] ?? '', index))
        index++
      }

      index--
      children.push({type: 'table', children: rows} satisfies Table)
      continue
    }

    const phrasing = inline(line, index, 0)
    if (phrasing.some((node) => node.type === 'link')) children.push({type: 'paragraph', children: phrasing})
  }

  return {type: 'root', children}
}

/** The delimiter row under a table's header: `| --- | :-: |`. */
const delimiterRow = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/

/** A table row: its cells split at each `|` that is not escaped or in a code span. */
function row(line: string, index: number): RowNode {
  const cells: TableCell[] = []
  let start = 0
  let code = false
  const bounds: number[] = []
  for (let at = 0; at < line.length; at++) {
    const char = line[at]
    if (char === '\\') at++
    else if (char === '`') code = !code
    else if (char === '|' && !code) bounds.push(at)
  }

  const edges = [...bounds]
  if (line.trim().startsWith('|')) start = (edges.shift() ?? -1) + 1
  if (line.trimEnd().endsWith('|') && edges.length > 0 && edges.at(-1) === line.trimEnd().length - 1) edges.pop()
  for (const end of [...edges, line.length]) {
    cells.push({type: 'tableCell', children: inline(line.slice(start, end), index, start)})
    start = end + 1
  }

  return {type: 'tableRow', children: cells}
}

/** Inline links (`[text](url)`, not images) of a piece of a line, between text. */
const inlineLink = /(!?)\[((?:[^[\]\\]|\\.|\[[^\]]*\](?:\([^)]*\))?)*)\]\([ \t]*(<[^>]*>|[^\s)]+)(?:[ \t]+(?:"[^"]*"|'[^']*'))?[ \t]*\)/g

function inline(value: string, index: number, offset: number): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  let last = 0
  for (const match of value.matchAll(inlineLink)) {
    if (match[1] === '!') continue
    if (match.index > last) nodes.push({type: 'text', value: plain(value.slice(last, match.index))})
    const url = (match[3] ?? '').replace(/^<|>$/g, '')
    const column = offset + match.index + 1
    nodes.push({type: 'link', url, children: [{type: 'text', value: plain(match[2] ?? '')}], position: {start: {line: index + 1, column}, end: {line: index + 1, column: column + match[0].length}}})
    last = match.index + match[0].length
  }

  if (last < value.length) nodes.push({type: 'text', value: plain(value.slice(last))})
  return nodes
}

/** Text without the emphasis and code marks a person does not read. */
function plain(value: string): string {
  return value.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\*\*|__|`|(?<![\w])[*_]|[*_](?![\w])/g, '')
}

/**
 * The repository path a link of the file `from` names: a relative link
 * against the file's folder, a root-absolute one against the repository
 * root (as GitHub shows it). `undefined` for web addresses and anchors.
 */
export function linkedPath(from: string, url: string): string | undefined {
  const value = url.trim()
  if (value === '' || value.startsWith('#') || /^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) return undefined
  const end = value.search(/[?#]/)
  let written = end === -1 ? value : value.slice(0, end)
  try {
    written = decodeURIComponent(written)
  } catch {}

  const path = written.startsWith('/') ? joinPath('', written) : joinPath(parentOf(from), written)
  return path === '' || path.startsWith('../') ? undefined : path
}

/** The links of `nodes`, in document order. */
export function linksOf(from: string, nodes: readonly Nodes[]): ListedLink[] {
  const found: ListedLink[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'link') {
      const listed = listedLink(from, node)
      if (listed) found.push(listed)
    }

    if ('children' in node) for (const child of node.children) visit(child)
  }

  for (const node of nodes) visit(node)
  return found
}

function listedLink(from: string, node: Link): ListedLink | undefined {
  const path = linkedPath(from, node.url)
  const start = node.position?.start
  if (path === undefined || !start) return undefined
  return {path, text: toString(node).trim(), line: start.line, column: start.column}
}

/**
 * The lessons table of a README: of the tables of `tree`, the one with the
 * most links that `isLesson` accepts in one column. Each row gives its
 * first such link in that column, and the text of the module column: the
 * first other column whose header names a module, project, unit, part,
 * section, chapter or week and whose cells are not just numbers.
 * `undefined` when no table has two such links.
 */
export function lessonsTable(
  from: string,
  tree: Root,
  isLesson: (path: string) => boolean
): TableRow[] | undefined {
  let best: {rows: TableRow[]; count: number} | undefined
  for (const node of tree.children) {
    if (node.type !== 'table') continue
    const read = readTable(from, node, isLesson)
    if (read && read.rows.length >= 2 && (!best || read.rows.length > best.count)) best = {rows: read.rows, count: read.rows.length}
  }

  return best?.rows
}

function readTable(from: string, table: Table, isLesson: (path: string) => boolean): {rows: TableRow[]} | undefined {
  const [header, ...body] = table.children
  if (!header) return undefined
  const cells = body.map((row) => row.children.map((cell) => linksOf(from, [cell]).filter((link) => isLesson(link.path))))
  const counts: number[] = []
  for (const row of cells) for (const [index, links] of row.entries()) if (links.length > 0) counts[index] = (counts[index] ?? 0) + 1
  let column = -1
  for (const [index, count] of counts.entries()) if (count !== undefined && (column === -1 || count > (counts[column] ?? 0))) column = index
  if (column === -1) return undefined

  const titles = header.children.map((cell) => toString(cell).trim())
  const moduleColumn = titles.findIndex(
    (title, index) =>
      index !== column &&
      /\b(?:modules?|projects?|units?|parts?|sections?|chapters?|weeks?)\b/i.test(title) &&
      !body.every((row) => /^\s*\d*\s*$/.test(toString(row.children[index])))
  )
  const rows: TableRow[] = []
  for (const [index, row] of body.entries()) {
    const lesson = cells[index]?.[column]?.[0]
    if (!lesson) continue
    const cell = moduleColumn === -1 ? undefined : row.children[moduleColumn]
    const module = cell ? toString(cell).trim() : undefined
    rows.push({lesson, module: module === '' ? undefined : module})
  }

  return {rows}
}

/** The text of the first `# heading` of a markdown text, outside code fences; `undefined` when none. */
export function firstHeading(text: string): string | undefined {
  let fence: string | undefined
  for (const line of text.split(/\r\n|\r|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker) {
      if (fence === undefined) fence = marker
      else if (marker.startsWith(fence)) fence = undefined
      continue
    }

    if (fence !== undefined) continue
    const heading = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1]
    if (heading) return heading
  }

  return undefined
}

/** Whether a markdown text opens with a frontmatter block (`---` or `+++`). */
export function hasFrontmatter(text: string): boolean {
  return /^\uFEFF?(?:---|\+\+\+)[ \t]*\r?\n/.test(text)
}
