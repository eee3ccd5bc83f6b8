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

  if (kramdown) anchors.push(...autoIdAnchors(document))
  return anchors.sort((a, b) => a.position.start.offset - b.position.start.offset)
}

/** kramdown's `{:auto_ids}` line, which gives each term of the definition list after it an id. */
const autoIds = /^ {0,3}\{:[ \t]*auto_ids[ \t]*\}[ \t]*$/m

/**
 * The ids kramdown gives the terms of a definition list after `{:auto_ids}`
 * (a glossary): each term line whose next written line is a `: definition`,
 * its id made as kramdown makes header ids.
 */
function autoIdAnchors(document: Document): Anchor[] {
  const anchors: Anchor[] = []
  const {value, locator} = document
  for (const node of document.nodes.byType.get('text') ?? []) {
    if (node.type !== 'text' || !node.value.includes('auto_ids')) continue
    const [start, end] = offsets(node)
    const match = autoIds.exec(value.slice(start, end))
    if (!match) continue
    for (const term of autoIdsAfter(value, start + match.index + match[0].length)) {
      anchors.push({id: term.id, syntax: 'kramdown', position: locator.toPosition(term.start, term.end)})
    }
  }

  return anchors
}

/**
 * The terms of the definition list after a `{:auto_ids}` line that ends at
 * `from` in `value`, each with the id kramdown gives it (`-1`, `-2` for a
 * repeated one) and its offsets.
 */
export function autoIdsAfter(value: string, from: number): Array<{id: string; start: number; end: number}> {
  const used = new Map<string, number>()
  return definitionTerms(value, from).map((term) => {
    let id = kramdownId(term.text)
    const count = used.get(id)
    used.set(id, (count ?? -1) + 1)
    if (count !== undefined) id += `-${count + 1}`
    return {id, start: term.start, end: term.end}
  })
}

/** The term lines of the definition list that starts after `from`, with their offsets. */
function definitionTerms(value: string, from: number): Array<{text: string; start: number; end: number}> {
  const lines: Array<{text: string; start: number; end: number}> = []
  let offset = value.indexOf('\n', from)
  while (offset !== -1 && offset < value.length) {
    const start = offset + 1
    const next = value.indexOf('\n', start)
    const end = next === -1 ? value.length : next
    lines.push({text: value.slice(start, end).replace(/\r$/, ''), start, end: end - (value.charCodeAt(end - 1) === 13 ? 1 : 0)})
    offset = next
  }

  const terms: Array<{text: string; start: number; end: number}> = []
  for (const [index, line] of lines.entries()) {
    if (line.text.trim() === '' || /^[ \t]/.test(line.text) || line.text.startsWith(':')) continue
    const following = lines.slice(index + 1).find((other) => other.text.trim() !== '')
    if (!following?.text.startsWith(':')) break
    terms.push(line)
  }

  return terms
}

/** The id kramdown makes of a text: leading non-letters dropped, then only letters, digits, spaces and `-`. */
function kramdownId(text: string): string {
  const plain = text.replace(/\]\([^)]*\)/g, '')
  const id = plain.replace(/^[^a-zA-Z]+/, '').replace(/[^a-zA-Z0-9 -]/g, '').replace(/ /g, '-').toLowerCase()
  return id === '' ? 'section' : id
}
