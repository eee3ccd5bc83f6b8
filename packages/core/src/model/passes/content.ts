/**
 * The content pass: one loop over the shared node index (document order)
 * that reads links, images, embeds, HTML anchors, footnotes, task items,
 * tables and the word count. The section of each node follows from the
 * headings of the root met on the way; no second walk.
 */
import type {Definition, Nodes, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {embedElements, formattingElements, readTags, type HtmlTag} from '../../html-tags.js'
import type {Anchor, Embed, Footnote, Image, Link, LinkKind, Position, Task, Table} from '../checkpoint.js'
import {collapse, type Locator} from '../../text.js'
import {positionOf, type Document} from './document.js'
import {findLiquidLinks} from './liquid.js'
import {inside} from './templates.js'
import {linkKind} from '../../link-kind.js'

export {linkKind}

/** What the content pass reads. */
export interface Content {
  links: Link[]
  images: Image[]
  embeds: Embed[]
  anchors: Anchor[]
  footnotes: Footnote[]
  tasks: Task[]
  tables: Table[]
  wordCount: number
}

/** What the loop carries from node to node. */
interface State {
  document: Document
  content: Content
  definitions: Map<string, Definition>
  referenced: Set<string>
  templates: ReadonlyArray<[number, number]>
  withTemplates: boolean
  /** Liquid templates: links with Liquid destinations are read from text. */
  liquid: boolean
  pandocAlt: boolean
  section: string | null
}

/** Read the content of the document. `templates`: sorted offsets of template syntax. */
export function readContent(document: Document, templates: ReadonlyArray<[number, number]>): Content {
  const state: State = {
    document,
    content: {links: [], images: [], embeds: [], anchors: [], footnotes: [], tasks: [], tables: [], wordCount: 0},
    definitions: definitionsOf(document),
    referenced: new Set<string>(),
    templates,
    withTemplates: document.profile.templates.length > 0,
    liquid: document.profile.templates.includes('liquid'),
    pandocAlt: document.profile.attributes.includes('pandoc'),
    section: null
  }
  const headings = document.headings
  let next = 0

  for (const node of document.nodes.all) {
    const heading = headings[next]
    if (heading && heading.node === node) {
      state.section = heading.slug
      next++
    }

    visit(state, node)
  }

  const {content, referenced} = state
  for (const footnote of content.footnotes) footnote.referenced = referenced.has(footnote.identifier)
  return content
}

function visit(state: State, node: Nodes) {
  const {content, document, section} = state
  switch (node.type) {
    case 'text': {
      content.wordCount += state.templates.length > 0 ? wordsOutside(state, node) : countWords(node.value)
      if (state.liquid && node.value.includes('](')) addLiquidLinks(state, node)
      break
    }

    case 'inlineCode': {
      content.wordCount += countWords(node.value)
      break
    }

    case 'link': {
      const start = node.position?.start.offset
      const char = start === undefined ? 91 : document.value.charCodeAt(start)
      const syntax = char === 60 /* `<` */ ? 'autolink' : char === 91 /* `[` */ ? 'inline' : 'literal'
      addLink(state, node, node.url, syntax)
      break
    }

    case 'linkReference': {
      const definition = state.definitions.get(node.identifier)
      if (definition) addLink(state, node, definition.url, 'reference')
      break
    }

    case 'image':
    case 'imageReference': {
      addImage(state, node)
      break
    }

    case 'html': {
      if (!state.withTemplates || !inside(state.templates, node.position?.start.offset ?? -1)) {
        readHtml(document, content, node, section, state.withTemplates)
      }

      break
    }

    case 'footnoteReference': {
      state.referenced.add(node.identifier)
      break
    }

    case 'footnoteDefinition': {
      const {identifier, label} = node
      content.footnotes.push({identifier, label: label ?? identifier, referenced: false, position: positionOf(document, node)})
      break
    }

    case 'listItem': {
      if (typeof node.checked === 'boolean') {
        content.tasks.push({text: collapse(toString(node)), checked: node.checked, position: positionOf(document, node)})
      }

      break
    }

    case 'table': {
      const position = positionOf(document, node)
      content.tables.push({columns: node.align?.length ?? 0, rows: node.children.length, section, position})
      break
    }

    default:
  }
}

/**
 * The words of a text node outside template syntax (`{% include x.md %}`,
 * `{{< notice >}}`): tags are markup for the site generator, not prose to
 * read. Read from the source when a template overlaps the node.
 */
function wordsOutside(state: State, node: Text): number {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  const ranges = state.templates
  if (start === undefined || end === undefined) return countWords(node.value)
  // The first template that ends after the node starts.
  let low = 0
  let high = ranges.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((ranges[middle]?.[1] ?? 0) <= start) low = middle + 1
    else high = middle
  }

  if (low >= ranges.length || (ranges[low]?.[0] ?? end) >= end) return countWords(node.value)
  const value = state.document.value
  let words = 0
  let cursor = start
  for (let index = low; index < ranges.length; index++) {
    const range = ranges[index]
    if (!range || range[0] >= end) break
    if (range[0] > cursor) words += countWords(value.slice(cursor, range[0]))
    cursor = Math.max(cursor, range[1])
  }

  if (cursor < end) words += countWords(value.slice(cursor, end))
  return words
}

function addLink(state: State, node: Nodes, url: string, syntax: Link['syntax']) {
  state.content.links.push({
    url,
    text: collapse(toString(node)),
    kind: linkKind(url, state.withTemplates),
    section: state.section,
    syntax,
    position: positionOf(state.document, node)
  })
}

/** Links and images whose destination is Liquid with spaces, left as text by the parser. */
function addLiquidLinks(state: State, node: Extract<Nodes, {type: 'text'}>) {
  const {document, content, section} = state
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return
  for (const link of findLiquidLinks(document.value.slice(start, end))) {
    const position = document.locator.toPosition(start + link.start, start + link.end)
    if (link.image) {
      content.images.push({src: link.url, alt: link.text, section, syntax: 'inline', position})
    } else {
      content.links.push({url: link.url, text: collapse(link.text), kind: 'template', section, syntax: 'inline', position})
    }
  }
}

function addImage(state: State, node: Extract<Nodes, {type: 'image' | 'imageReference'}>) {
  let src = ''
  if (node.type === 'image') {
    src = node.url
  } else {
    const definition = state.definitions.get(node.identifier)
    if (!definition) return
    src = definition.url
  }

  const written = state.pandocAlt ? attributeAlt(state.document.value, node.position?.end.offset) : undefined
  state.content.images.push({
    src,
    alt: written || (node.alt ?? ''),
    section: state.section,
    syntax: node.type === 'image' ? 'inline' : 'reference',
    position: positionOf(state.document, node)
  })
}

function readHtml(
  document: Document,
  content: Content,
  node: Extract<Nodes, {type: 'html'}>,
  section: string | null,
  withTemplates: boolean
) {
  const base = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? base
  for (const {tag, position, use} of htmlUses(document.value, document.locator, node.value, base, end)) {
    const id = tag.attributes.id ?? (tag.name === 'a' ? tag.attributes.name : undefined)
    if (id !== undefined && id !== '') content.anchors.push({id, syntax: 'html', position})
    if (use === 'link') {
      const url = tag.attributes.href ?? ''
      content.links.push({url, text: '', kind: linkKind(url, withTemplates), section, syntax: 'html', position})
    } else if (use === 'image') {
      content.images.push({src: tag.attributes.src ?? '', alt: tag.attributes.alt ?? null, section, syntax: 'html', position})
    } else if (use === 'embed') {
      content.embeds.push({name: tag.name, attributes: tag.attributes, section, position})
    }
  }
}

/** A start tag of an HTML node, where it is written, and what the model makes of it. */
export interface HtmlUse {
  tag: HtmlTag
  position: Position
  /** `<a href>`: a link; `<img src>`: an image; an embed; or nothing. */
  use: 'link' | 'image' | 'embed' | undefined
}

/**
 * The start tags of an HTML node whose value is `html` and whose offsets in
 * `value` (the file) are `base` to `end`, each found in the source (block
 * HTML in a container drops the `> ` prefixes from the node's value).
 */
export function htmlUses(value: string, locator: Locator, html: string, base: number, end: number): HtmlUse[] {
  const uses: HtmlUse[] = []
  let from = base
  for (const tag of readTags(html)) {
    const found = value.indexOf(tag.source, from)
    const start = found === -1 ? base : found
    const stop = found === -1 ? end : found + tag.source.length
    if (found !== -1) from = stop
    const use =
      tag.name === 'a' && tag.attributes.href !== undefined
        ? 'link'
        : tag.name === 'img' && tag.attributes.src !== undefined
          ? 'image'
          : embedElements.has(tag.name) || !formattingElements.has(tag.name)
            ? 'embed'
            : undefined
    uses.push({tag, position: locator.toPosition(start, stop), use})
  }

  return uses
}

/** One attribute of a pandoc attribute list, read from where the last one ended. */
const attribute = /[ \t]*(?:[#.][^\s{}]+|([\w-]+)=(?:"([^"\n]*)"|'([^'\n]*)'|[^\s{}"']+))/y

/**
 * The `alt` of a pandoc attribute list right after an image:
 * `![](x.png){alt='...'}`, of any length (the list ends on its line). The
 * attributes are read one after the other, so the work stays linear.
 */
function attributeAlt(value: string, end: number | undefined): string | undefined {
  if (end === undefined || value.charCodeAt(end) !== 123 /* `{` */) return undefined
  let alt: string | undefined
  let position = end + 1
  for (;;) {
    attribute.lastIndex = position
    const match = attribute.exec(value)
    if (!match) break
    position = attribute.lastIndex
    if (match[1] === 'alt') alt ??= match[2] ?? match[3]
  }

  return /^[ \t]*\}/.test(value.slice(position, position + 80)) ? alt : undefined
}

/** Definitions by identifier: the first one wins, as in CommonMark. */
function definitionsOf(document: Document): Map<string, Definition> {
  const definitions = new Map<string, Definition>()
  for (const node of document.nodes.byType.get('definition') ?? []) {
    if (node.type === 'definition' && !definitions.has(node.identifier)) {
      definitions.set(node.identifier, node)
    }
  }

  return definitions
}

const letterOrDigit = /[\p{L}\p{N}]/u
const space = /\s/

/**
 * Count words: runs of non-space characters with a letter or digit in them.
 * A loop over character codes: ASCII is decided without a regular expression
 * (a Unicode-aware pattern over all prose was a large part of building the
 * model).
 */
export function countWords(value: string): number {
  let count = 0
  let inWord = false
  let counted = false
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    const isSpace =
      code < 128
        ? code === 32 || (code >= 9 && code <= 13)
        : space.test(value.charAt(index))
    if (isSpace) {
      inWord = false
      continue
    }

    if (!inWord) {
      inWord = true
      counted = false
    }

    if (!counted) {
      const isWordy =
        code < 128
          ? (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
          : letterOrDigit.test(value.charAt(index))
      if (isWordy) {
        count++
        counted = true
      }
    }
  }

  return count
}
