/**
 * Attribute lists: kramdown `{: #id .class}` and pandoc `{#id}`, after a
 * heading, a block or a span (`[text]{#id}`). They set anchors, which are
 * recorded so that links to them are not missing targets. Read from the
 * source of each text node, so positions are exact.
 */
import type {Anchor} from '../checkpoint.js'
import {offsets, type Document} from './document.js'

const attributeList = /\{(:?)[ \t]*((?:[#.][\w:.-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+))(?:[ \t]+(?:[#.][\w:.-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+)))*)[ \t]*\}/g
const idPattern = /(?:^|\s)#([\w:.-]+)/

/** Anchors set by attribute lists in the profile's syntaxes. */
export function readAttributeAnchors(document: Document): Anchor[] {
  const syntaxes = document.profile.attributes
  if (syntaxes.length === 0) return []
  const kramdown = syntaxes.includes('kramdown')
  const pandoc = syntaxes.includes('pandoc')
  const anchors: Anchor[] = []
  const {value, locator} = document

  for (const node of document.nodes.byType.get('text') ?? []) {
    // A `{` in the source is a `{` in the value (escaped or not).
    if (node.type !== 'text' || !node.value.includes('{')) continue
    const [start, end] = offsets(node)
    const source = value.slice(start, end)
    if (!source.includes('{')) continue
    attributeList.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = attributeList.exec(source))) {
      const colon = match[1] === ':'
      // `{#id}` is pandoc's and kramdown's; `{: #id}` is kramdown's alone.
      if (colon ? !kramdown : !pandoc && !kramdown) continue
      const id = idPattern.exec(match[2] ?? '')?.[1]
      if (!id) continue
      anchors.push({
        id,
        syntax: colon || !pandoc ? 'kramdown' : 'pandoc',
        position: locator.toPosition(start + match.index, start + match.index + match[0].length)
      })
    }
  }

  return anchors
}
