/** The overview: the first section under an overview heading, and its first paragraph. */
import {toString} from 'mdast-util-to-string'
import type {Overview} from '../checkpoint.js'
import {collapse} from '../../text.js'
import {findHeading, sectionContent, type Document} from './document.js'

/** Find the overview of the document. */
export function findOverview(document: Document): Overview | null {
  const entry = findHeading(document, document.aliases.overview)
  if (!entry) return null
  const paragraph = sectionContent(document, entry).find((node) => node.type === 'paragraph')
  return {
    heading: entry.text,
    slug: entry.slug,
    position: entry.position,
    text: paragraph ? collapse(toString(paragraph)) : ''
  }
}
