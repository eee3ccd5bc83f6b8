/** Helpers for the passes that read lists and paragraphs. */
import type {List, Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Link, Position} from '../checkpoint.js'
import {collapse} from '../../text.js'
import type {Document} from './document.js'

/** The items of a list, with their text and the span from their first to last child; empty items left out. */
export function listItems(document: Document, list: List): Array<{text: string; position: Position}> {
  const items: Array<{text: string; position: Position}> = []
  for (const item of list.children) {
    const text = collapse(toString(item))
    if (text === '') continue
    const first = item.children[0]
    const last = item.children.at(-1)
    const start = first?.position?.start.offset ?? item.position?.start.offset ?? 0
    const end = last?.position?.end.offset ?? item.position?.end.offset ?? start
    items.push({text, position: document.locator.toPosition(start, end)})
  }

  return items
}

/** The text of the paragraphs among `nodes`, joined by a space, or `null`. */
export function paragraphsText(nodes: readonly RootContent[]): string | null {
  let text = ''
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue
    const part = collapse(toString(node))
    text = text === '' ? part : text + ' ' + part
  }

  return text === '' ? null : text
}

/** Whether a node is a paragraph. */
export function isParagraph(node: RootContent): node is Paragraph {
  return node.type === 'paragraph'
}

/** The links that lie within a span (`links` in document order). */
export function linksWithin(links: readonly Link[], position: Position): Link[] {
  const found: Link[] = []
  for (let index = firstAtOrAfter(links, position.start.offset); index < links.length; index++) {
    const link = links[index]
    if (!link || link.position.start.offset > position.end.offset) break
    if (link.position.end.offset <= position.end.offset) found.push(link)
  }

  return found
}

/**
 * Index of the first item that starts at or after `offset`, in items sorted
 * by start offset (nodes in document order, links, ...).
 */
export function firstAtOrAfter(
  items: ReadonlyArray<{position?: {start: {offset?: number | undefined}} | undefined}>,
  offset: number
): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((items[middle]?.position?.start.offset ?? -1) < offset) low = middle + 1
    else high = middle
  }

  return low
}
