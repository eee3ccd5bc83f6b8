/**
 * Every URL written in a file, once where it is written: markdown links,
 * autolinks, images and definitions from the tree (a link reference is
 * reported at its definition, not at each use), HTML `href` and `src` from
 * the Checkpoint model. Each is core's `LinkUse`, with the exact range of the
 * URL where it is written verbatim, which rules point at and fix.
 */
import type {LinkSource, LinkUse, Position} from '@coursemark/core'
import {getProfile} from '@coursemark/core'
import {htmlValueRange, linkKind} from '@coursemark/core/internal'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {getModel} from './file-model.js'
import {indexOf} from './node-index.js'
import {positionAt, sourceOf} from './position.js'

/** A URL as the rules read it: core's `LinkUse` and the text of its link. */
export interface RuleLinkUse extends LinkUse {
  /** Plain text of a markdown link (an autolink's text is its URL); `''` for anything else. */
  text: string
}

const cache = new WeakMap<VFile, RuleLinkUse[]>()

/** The URLs of a file (computed once per file). */
export function urlsOf(tree: Root, file: VFile): RuleLinkUse[] {
  const cached = cache.get(file)
  if (cached) return cached
  const value = sourceOf(file)
  const templates = getProfile(file.data.coursemarkSettings?.format).templates.length > 0
  const use = (url: string, source: LinkSource, position: Position, start: number | undefined, text: string): RuleLinkUse => ({
    url,
    kind: linkKind(url, templates),
    source,
    position,
    range: start === undefined ? undefined : positionAt(file, start, start + url.length),
    text
  })
  const uses: RuleLinkUse[] = []

  for (const node of indexOf(tree).all) {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') continue
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) continue
    let from: number
    if (node.type === 'link' && end - start === node.url.length && value.startsWith(node.url, start)) {
      // A bare URL (a GFM autolink literal) is its own span.
      from = start
    } else if (node.type === 'definition') {
      from = value.indexOf(']:', start) + 2
    } else if (node.type === 'link' && value.charCodeAt(start) === 60 /* `<` */) {
      from = start + 1
    } else {
      const labelEnd =
        node.type === 'link' ? (node.children.at(-1)?.position?.end.offset ?? start + 1) : start + 2
      const bracket = value.indexOf('](', labelEnd)
      from = bracket === -1 ? end : bracket + 2
    }

    uses.push(use(node.url, node.type, positionAt(file, start, end), destinationAt(value, node.url, from, end), node.type === 'link' ? toString(node) : ''))
  }

  const {checkpoint} = getModel(tree, file)
  // Links whose destination is Liquid with spaces are no mdast links: the model reads them.
  const known = new Set(uses.map((found) => found.position.start.offset))
  for (const link of checkpoint.links) {
    if (link.syntax === 'html') uses.push(use(link.url, 'html-link', link.position, htmlStart(value, link.url, link.position, 'href'), ''))
    else if (link.kind === 'template' && !known.has(link.position.start.offset)) uses.push(use(link.url, 'link', link.position, templateStart(value, link.url, link.position), link.text))
  }

  for (const image of checkpoint.images) {
    if (image.syntax !== 'html' && /\{[{%]/.test(image.src) && !known.has(image.position.start.offset)) uses.push(use(image.src, 'image', image.position, templateStart(value, image.src, image.position), ''))
  }

  for (const image of checkpoint.images) {
    if (image.syntax === 'html') uses.push(use(image.src, 'html-image', image.position, htmlStart(value, image.src, image.position, 'src'), ''))
  }

  for (const embed of checkpoint.embeds) {
    const src = embed.attributes.src
    if (src !== undefined) uses.push(use(src, 'html-embed', embed.position, htmlStart(value, src, embed.position, 'src'), ''))
  }

  uses.sort((a, b) => a.position.start.offset - b.position.start.offset)
  cache.set(file, uses)
  return uses
}

/** The span of the URL itself when it is written verbatim, else the whole node. */
export function urlPosition(use: LinkUse): Position {
  return use.range ?? use.position
}

/** Is this an image (markdown or HTML)? */
export function isImage(use: LinkUse): boolean {
  return use.source === 'image' || use.source === 'html-image'
}

/** A markdown link or image the model read from Liquid: the URL after its `](`. */
function templateStart(value: string, url: string, position: Position): number | undefined {
  const start = position.start.offset
  const end = position.end.offset
  const bracket = value.indexOf('](', start)
  return bracket === -1 || bracket > end ? undefined : destinationAt(value, url, bracket + 2, end)
}

/** Where the value of `attribute` of the tag at `position` is written, when it is `url`. */
function htmlStart(value: string, url: string, position: Position, attribute: string): number | undefined {
  const range = htmlValueRange(value, position.start.offset, position.end.offset, attribute)
  return range && value.slice(range[0], range[1]) === url ? range[0] : undefined
}

/**
 * Where a destination that starts at `from` (after `](` or `]:`) holds `url`
 * verbatim: after spaces, at most one line ending and an opening `<`.
 */
function destinationAt(value: string, url: string, from: number, end: number): number | undefined {
  if (from < 0 || url === '') return undefined
  const lead = /[ \t]*(?:\r?\n[ \t]*)?<?/y
  lead.lastIndex = from
  const start = lead.exec(value) ? lead.lastIndex : from
  return start + url.length <= end && value.startsWith(url, start) ? start : undefined
}
