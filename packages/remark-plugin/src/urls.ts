/**
 * Every URL written in a file, once where it is written: markdown links,
 * autolinks, images and definitions from the tree (a link reference is
 * reported at its definition, not at each use), HTML `href` and `src` from
 * the Checkpoint model.
 */
import type {Position} from '@coursemark/core'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {getModel} from './file-model.js'
import {indexOf} from './node-index.js'
import {positionAt, sourceOf} from './position.js'

/** Where a URL was written. */
export type UrlSource = 'link' | 'image' | 'definition' | 'html-link' | 'html-image' | 'html-embed'

/** One URL as written in a file. */
export interface UrlUse {
  /** The URL as the parser read it. */
  url: string
  source: UrlSource
  /** The whole link, image, definition or HTML tag. */
  position: Position
  /** Offset of the URL in the file when it is written there verbatim, else `undefined`. */
  urlStart: number | undefined
  /** Plain text of a markdown link (an autolink's text is its URL); `''` for anything else. */
  text: string
}

const cache = new WeakMap<VFile, UrlUse[]>()

/** The URLs of a file (computed once per file). */
export function urlsOf(tree: Root, file: VFile): UrlUse[] {
  const cached = cache.get(file)
  if (cached) return cached
  const value = sourceOf(file)
  const uses: UrlUse[] = []

  for (const node of indexOf(tree).all) {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') continue
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) continue
    let from: number
    if (node.type === 'definition') {
      from = value.indexOf(']:', start) + 2
    } else if (node.type === 'link' && value.charCodeAt(start) === 60 /* `<` */) {
      from = start + 1
    } else {
      const labelEnd =
        node.type === 'link' ? (node.children.at(-1)?.position?.end.offset ?? start + 1) : start + 2
      const bracket = value.indexOf('](', labelEnd)
      from = bracket === -1 ? end : bracket + 2
    }

    uses.push({
      url: node.url,
      source: node.type,
      position: positionAt(file, start, end),
      urlStart: find(value, node.url, from, end),
      text: node.type === 'link' ? toString(node) : ''
    })
  }

  const {checkpoint} = getModel(tree, file)
  // Links whose destination is Liquid with spaces are no mdast links: the model reads them.
  const known = new Set(uses.map((use) => use.position.start.offset))
  for (const link of checkpoint.links) {
    if (link.syntax === 'html') uses.push(htmlUse(value, link.url, 'html-link', link.position))
    else if (link.kind === 'template' && !known.has(link.position.start.offset)) uses.push(templateUse(value, link.url, 'link', link.position, link.text))
  }

  for (const image of checkpoint.images) {
    if (image.syntax !== 'html' && /\{[{%]/.test(image.src) && !known.has(image.position.start.offset)) uses.push(templateUse(value, image.src, 'image', image.position, ''))
  }

  for (const image of checkpoint.images) {
    if (image.syntax !== 'html') continue
    uses.push(htmlUse(value, image.src, 'html-image', image.position))
  }

  for (const embed of checkpoint.embeds) {
    const src = embed.attributes.src
    if (src === undefined) continue
    uses.push(htmlUse(value, src, 'html-embed', embed.position))
  }

  uses.sort((a, b) => a.position.start.offset - b.position.start.offset)
  cache.set(file, uses)
  return uses
}

/** The span of the URL itself when it is written verbatim, else the whole node. */
export function urlPosition(file: VFile, use: UrlUse): Position {
  return use.urlStart === undefined
    ? use.position
    : positionAt(file, use.urlStart, use.urlStart + use.url.length)
}

/** Is this an image (markdown or HTML)? */
export function isImage(use: UrlUse): boolean {
  return use.source === 'image' || use.source === 'html-image'
}

/** A markdown link or image the model read from Liquid: the URL after its `](`. */
function templateUse(value: string, url: string, source: UrlSource, position: Position, text: string): UrlUse {
  const start = position.start.offset
  const end = position.end.offset
  const bracket = value.indexOf('](', start)
  return {url, source, position, urlStart: find(value, url, bracket === -1 || bracket > end ? start : bracket + 2, end), text}
}

function htmlUse(value: string, url: string, source: UrlSource, position: Position): UrlUse {
  const start = position.start.offset
  const end = position.end.offset
  // Look after the `=` of an attribute so that a value equal to the element name is not taken.
  const equals = value.indexOf('=', start)
  return {
    url,
    source,
    position,
    urlStart: find(value, url, equals === -1 || equals > end ? start : equals, end),
    text: ''
  }
}

function find(value: string, url: string, from: number, end: number): number | undefined {
  if (from < 0) return undefined
  const index = value.indexOf(url, from)
  return index === -1 || index + url.length > end ? undefined : index
}
