/** Resources: the links under every resources heading. */
import type {Link, Resource} from '../checkpoint.js'
import {sectionContent, type Document} from './document.js'
import {normaliseHeading} from '../../text.js'

/** Find the resources of the document. */
export function findResources(document: Document, links: readonly Link[]): Resource[] {
  if (document.aliases.resources.length === 0) return []
  const wanted = new Set(document.aliases.resources.map((alias) => normaliseHeading(alias)))
  const resources: Resource[] = []
  for (const entry of document.headings) {
    if (!wanted.has(entry.key)) continue
    const content = sectionContent(document, entry)
    const first = content[0]?.position?.start.offset
    const last = content.at(-1)?.position?.end.offset
    if (first === undefined || last === undefined) continue
    for (const link of links) {
      if (link.position.start.offset >= first && link.position.end.offset <= last) {
        resources.push({text: link.text, url: link.url, position: link.position})
      }
    }
  }

  return resources
}
