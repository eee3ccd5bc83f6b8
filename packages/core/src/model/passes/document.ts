/**
 * What every pass of the model reads: the tree, its shared node index, the
 * source, the profile, and the headings (one pass over the root's children).
 */
import GithubSlugger from 'github-slugger'
import type {Nodes, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position as UnistPosition} from 'unist'
import type {Position, Section} from '../checkpoint.js'
import {indexOf, type NodeIndex} from '../../node-index.js'
import type {HeadingAliases, Profile} from '../../profiles.js'
import {collapse, normaliseHeading, type Locator} from '../../text.js'
import {withoutLiquid} from './liquid.js'

/** A heading of the root (or a line such as `##Heading` read as a paragraph). */
export interface HeadingEntry {
  depth: number
  text: string
  slug: string
  position: Position
  malformed: boolean
  /** Index in `root.children`. */
  index: number
  node: RootContent
  /** `text` normalised for matching against aliases. */
  key: string
}

/** The shared state of the passes. Read-only once made. */
export interface Document {
  tree: Root
  children: RootContent[]
  nodes: NodeIndex
  value: string
  locator: Locator
  profile: Profile
  aliases: HeadingAliases
  headings: HeadingEntry[]
}

const malformedHeading = /^(#{1,6})(?=[^\s#])/
/** A trailing attribute list on a heading: `## Title {#id}`, `## Title {: #id .class}`. */
const headingAttributes = /\s*\{:?\s*[#.][^{}]*\}\s*$/

/** Make the document: index the tree and read the headings of the root. */
export function createDocument(
  tree: Root,
  value: string,
  locator: Locator,
  profile: Profile,
  aliases: HeadingAliases
): Document {
  const document: Document = {
    tree,
    children: tree.children,
    nodes: indexOf(tree),
    value,
    locator,
    profile,
    aliases,
    headings: []
  }
  document.headings = readHeadings(document)
  return document
}

function readHeadings(document: Document): HeadingEntry[] {
  const slugger = new GithubSlugger()
  const headings: HeadingEntry[] = []
  const attributes = document.profile.attributes.length > 0
  const liquid = document.profile.templates.includes('liquid')
  const {children} = document

  for (let index = 0; index < children.length; index++) {
    const node = children[index]
    if (!node || !node.position) continue
    let depth = 0
    let text: string | undefined
    if (node.type === 'heading') {
      depth = node.depth
      text = collapse(toString(node))
    } else if (node.type === 'paragraph') {
      const first = node.children[0]
      if (first?.type !== 'text' || node.position.start.line !== node.position.end.line) continue
      const match = malformedHeading.exec(first.value)
      if (!match) continue
      depth = match[1]?.length ?? 1
      text = collapse(toString(node).slice(match[0].length))
    }

    if (text === undefined) continue
    if (attributes) text = text.replace(headingAttributes, '')
    if (liquid && text.includes('{')) text = withoutLiquid(text)
    headings.push({
      depth,
      text,
      slug: slugger.slug(text),
      position: positionOf(document, node),
      malformed: node.type === 'paragraph',
      index,
      node,
      key: normaliseHeading(text)
    })
  }

  return headings
}

/** The position of a node, from its offsets (points made by the locator). */
export function positionOf(
  document: Document,
  node: {position?: UnistPosition | undefined}
): Position {
  const start = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? start
  return document.locator.toPosition(start, end)
}

/**
 * The first heading whose text is one of `aliases`: in document order, or,
 * when the profile says so (`plain.aliasOrder`), the first alias that has a
 * heading.
 */
export function findHeading(document: Document, aliases: readonly string[]): HeadingEntry | undefined {
  if (aliases.length === 0) return undefined
  if (document.profile.plain?.aliasOrder) {
    for (const alias of aliases) {
      const key = normaliseHeading(alias)
      const entry = document.headings.find((heading) => heading.key === key)
      if (entry) return entry
    }

    return undefined
  }

  const wanted = new Set(aliases.map((alias) => normaliseHeading(alias)))
  return document.headings.find((entry) => wanted.has(entry.key))
}

/** The root children after a heading, up to the next heading as deep or less. */
export function sectionContent(document: Document, entry: HeadingEntry): RootContent[] {
  let end = document.children.length
  for (const other of document.headings) {
    if (other.index > entry.index && other.depth <= entry.depth) {
      end = other.index
      break
    }
  }

  return document.children.slice(entry.index + 1, end)
}

/** Start and end offsets of a node. */
export function offsets(node: Nodes): [number, number] {
  const start = node.position?.start.offset ?? 0
  return [start, node.position?.end.offset ?? start]
}

/** Build the heading tree. */
export function buildSections(headings: HeadingEntry[]): Section[] {
  const roots: Section[] = []
  const stack: Section[] = []
  for (const entry of headings) {
    const section: Section = {
      depth: entry.depth,
      text: entry.text,
      slug: entry.slug,
      position: entry.position,
      malformed: entry.malformed,
      children: []
    }
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= section.depth) stack.pop()
    const parent = stack.at(-1)
    if (parent) parent.children.push(section)
    else roots.push(section)
    stack.push(section)
  }

  return roots
}
