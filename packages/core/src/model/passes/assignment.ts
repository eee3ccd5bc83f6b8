/**
 * The assignment: a section under an assignment heading (its ordered list,
 * else its first list, else its paragraphs, one step each), or, for
 * profiles that read divs, the lesson's `challenge` divs (one step each).
 */
import type {List, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Assignment, AssignmentStep, Div, Link} from '../checkpoint.js'
import {collapse} from '../../text.js'
import {findHeading, positionOf, sectionContent, type Document} from './document.js'
import {sectionAt} from './divs.js'
import {firstAtOrAfter, linksWithin, listItems, paragraphsText} from './lists.js'

/** Div names whose content is work for the learner. */
const assignmentDivs = new Set(['challenge', 'exercise'])

/** Find the assignment of the document. */
export function findAssignment(
  document: Document,
  links: readonly Link[],
  divs: readonly Div[]
): Assignment | null {
  return fromSection(document, links) ?? fromDivs(document, links, divs)
}

function fromSection(document: Document, links: readonly Link[]): Assignment | null {
  const entry = findHeading(document, document.aliases.assignment)
  if (!entry) return null
  const content = sectionContent(document, entry)
  let list: List | undefined
  for (const node of content) {
    if (node.type !== 'list') continue
    list ??= node
    if (node.ordered === true) {
      list = node
      break
    }
  }

  let intro: string | null = null
  let steps: AssignmentStep[]
  if (list) {
    intro = paragraphsText(content.slice(0, content.indexOf(list)))
    steps = listItems(document, list).map((item) => ({
      ...item,
      links: linksWithin(links, item.position)
    }))
  } else {
    steps = paragraphSteps(document, content, links)
  }

  return {
    source: 'section',
    heading: entry.text,
    slug: entry.slug,
    position: entry.position,
    intro,
    steps
  }
}

function paragraphSteps(
  document: Document,
  content: readonly RootContent[],
  links: readonly Link[]
): AssignmentStep[] {
  const steps: AssignmentStep[] = []
  for (const node of content) {
    if (node.type !== 'paragraph') continue
    const position = positionOf(document, node)
    steps.push({text: collapse(toString(node)), position, links: linksWithin(links, position)})
  }

  return steps
}

function fromDivs(document: Document, links: readonly Link[], divs: readonly Div[]): Assignment | null {
  const challenges = outermost(divs.filter((div) => assignmentDivs.has(div.name)))
  const first = challenges[0]
  if (!first) return null
  const opening = first.position.start.offset
  const line = document.value.slice(opening).search(/\r\n|\r|\n|$/)
  return {
    source: 'div',
    heading: first.name,
    slug: sectionAt(document, opening) ?? '',
    position: document.locator.toPosition(opening, opening + line),
    intro: null,
    steps: challenges.map((div) => ({
      text: divTitle(document, div),
      position: div.position,
      links: linksWithin(links, div.position)
    }))
  }
}

/** The divs not inside another of them (divs in document order nest properly). */
function outermost(divs: readonly Div[]): Div[] {
  const result: Div[] = []
  let coveredUntil = -1
  for (const div of divs) {
    if (div.position.start.offset < coveredUntil) continue
    result.push(div)
    coveredUntil = div.position.end.offset
  }

  return result
}

/** The title of a challenge: its first heading, else its first paragraph that is not a fence. */
function divTitle(document: Document, div: Div): string {
  const start = div.position.start.offset
  const end = div.position.end.offset
  let paragraph: string | undefined
  const all = document.nodes.all
  for (let index = firstAtOrAfter(all, start); index < all.length; index++) {
    const node = all[index]
    const from = node?.position?.start.offset ?? -1
    if (!node || from < start || node.type === 'root') continue
    if (from >= end) break
    if (node.type === 'heading') return collapse(toString(node))
    if (node.type === 'paragraph' && paragraph === undefined) {
      const text = collapse(toString(node))
      if (!/^:{3,}/.test(text)) paragraph = text
    }
  }

  return paragraph ?? div.name
}
