/**
 * Objectives: a fenced `objectives` div (profiles that read divs), an
 * Objectives section (its list, or its first paragraph), or an inline
 * `**Objective:** ...` label. The frontmatter's list is read in `parse-checkpoint.ts`,
 * where the frontmatter is.
 */
import type {List} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Checkpoint, Div} from '../checkpoint.js'
import {collapse, normaliseHeading} from '../../text.js'
import {findHeading, positionOf, sectionContent, type Document, type HeadingEntry} from './document.js'
import {isParagraph, listItems, paragraphsText} from './lists.js'

/** The objectives fields of the model. */
export type Objectives = Pick<
  Checkpoint,
  'objectives' | 'objectivesIntro' | 'objectivesSource' | 'objectivesPosition'
>

const inlineObjectiveLabel = /^\s*(?:learning\s+)?(?:objectives?|goals?|outcomes?)\s*:?\s*$/i

/** No objectives found. */
export const noObjectives: Objectives = {
  objectives: [],
  objectivesIntro: null,
  objectivesSource: null,
  objectivesPosition: null
}

/** Find the objectives of the document. */
export function findObjectives(document: Document, divs: readonly Div[]): Objectives {
  return (
    fromDiv(document, divs) ??
    fromSection(document) ??
    fromInline(document) ??
    fromLeadIn(document) ??
    {...noObjectives}
  )
}

function fromDiv(document: Document, divs: readonly Div[]): Objectives | undefined {
  const div = divs.find((candidate) => candidate.name === 'objectives')
  if (!div) return undefined
  const list = firstListWithin(document, div.position.start.offset, div.position.end.offset)
  if (!list) return undefined
  const line = document.value.slice(div.position.start.offset).search(/\r\n|\r|\n|$/)
  return {
    objectives: listItems(document, list),
    objectivesIntro: null,
    objectivesSource: 'div',
    objectivesPosition: document.locator.toPosition(
      div.position.start.offset,
      div.position.start.offset + line
    )
  }
}

function firstListWithin(document: Document, start: number, end: number): List | undefined {
  for (const node of document.nodes.byType.get('list') ?? []) {
    const from = node.position?.start.offset ?? -1
    if (from >= end) break
    if (from >= start && (node.position?.end.offset ?? end + 1) <= end && node.type === 'list') return node
  }

  return undefined
}

function fromSection(document: Document): Objectives | undefined {
  const entry = findHeading(document, document.aliases.objectives)
  return entry ? sectionObjectives(document, entry) : undefined
}

/** The objectives of the section under `entry`: its first list, else its first paragraph. */
function sectionObjectives(document: Document, entry: HeadingEntry): Objectives {
  const headingNodes = new Set(document.headings.map((heading) => heading.node))
  const content = sectionContent(document, entry).filter((node) => !headingNodes.has(node))
  const listIndex = content.findIndex((node) => node.type === 'list')
  const list = content[listIndex]

  if (list && list.type === 'list') {
    return {
      objectives: listItems(document, list),
      objectivesIntro: paragraphsText(content.slice(0, listIndex)),
      objectivesSource: 'section',
      objectivesPosition: entry.position
    }
  }

  const paragraph = content.find(isParagraph)
  if (paragraph) {
    return {
      objectives: [{text: collapse(toString(paragraph)), position: positionOf(document, paragraph)}],
      objectivesIntro: null,
      objectivesSource: 'section',
      objectivesPosition: entry.position
    }
  }

  return {...noObjectives, objectivesPosition: entry.position}
}

function fromInline(document: Document): Objectives | undefined {
  const {children, value, locator} = document
  for (let index = 0; index < children.length; index++) {
    const node = children[index]
    if (node?.type !== 'paragraph') continue
    const label = node.children[0]
    if (label?.type !== 'strong' || !label.position || !node.position) continue
    const labelText = toString(label)
    if (!inlineObjectiveLabel.test(labelText)) continue

    const rest = collapse(toString(node).slice(labelText.length).replace(/^\s*:/, ''))
    const labelPosition = positionOf(document, label)

    if (rest) {
      let start = label.position.end.offset ?? 0
      const end = node.position.end.offset ?? start
      while (start < end && /[\s:]/.test(value.charAt(start))) start++
      return {
        objectives: [{text: rest, position: locator.toPosition(start, end)}],
        objectivesIntro: null,
        objectivesSource: 'inline',
        objectivesPosition: labelPosition
      }
    }

    const list = children[index + 1]
    if (list?.type === 'list') {
      return {
        objectives: listItems(document, list),
        objectivesIntro: null,
        objectivesSource: 'inline',
        objectivesPosition: labelPosition
      }
    }
  }

  return undefined
}

/**
 * Plain lessons (profiles with `plain.objectivesLeadIns`): the first heading
 * that names a lead-in phrase ("What you will learn"), its section; or the
 * first paragraph that names one and ends in `:` just before a list ("In
 * this lesson, we'll cover:"), that list, source `inline` as for a label.
 */
function fromLeadIn(document: Document): Objectives | undefined {
  const phrases = document.profile.plain?.objectivesLeadIns ?? []
  if (phrases.length === 0) return undefined
  const names = (text: string): boolean => {
    const key = ` ${normaliseHeading(text)} `
    return phrases.some((phrase) => key.includes(` ${normaliseHeading(phrase)} `))
  }

  const {children} = document
  const headings = new Map(document.headings.map((heading) => [heading.index, heading]))
  for (let index = 0; index < children.length; index++) {
    const node = children[index]
    const heading = headings.get(index)
    if (heading) {
      if (names(heading.text)) return sectionObjectives(document, heading)
      continue
    }

    if (node?.type !== 'paragraph') continue
    const next = children[index + 1]
    const text = collapse(toString(node))
    if (next?.type !== 'list' || !text.endsWith(':') || !names(text)) continue
    return {
      objectives: listItems(document, next),
      objectivesIntro: text,
      objectivesSource: 'inline',
      objectivesPosition: positionOf(document, node)
    }
  }

  return undefined
}
