/**
 * mdast -> the body of a Checkpoint, as separate passes over one shared node
 * index (`node-index.ts`, the same walk the lint rules read): headings, template
 * syntax, content (links, images, embeds, words, ...), attribute anchors,
 * divs, then objectives, assignment, resources and overview, which read what
 * the earlier passes found. Every part keeps its source position.
 */
import type {Root} from 'mdast'
import type {Checkpoint} from './checkpoint.js'
import {buildSections, createDocument} from './passes/document.js'
import {findAssignment} from './passes/assignment.js'
import {readAttributeAnchors} from './passes/attributes.js'
import {readContent} from './passes/content.js'
import {readDivs} from './passes/divs.js'
import {findObjectives} from './passes/objectives.js'
import {findOverview} from './passes/overview.js'
import {findResources} from './passes/resources.js'
import {readTemplates} from './passes/templates.js'
import {getProfile, type HeadingAliases, type Profile} from '../profiles.js'
import type {Locator} from '../text.js'

export {countWords, linkKind} from './passes/content.js'
export {defaultHeadingAliases} from '../profiles.js'
export type {HeadingAliases} from '../profiles.js'

/** Reading speed used for `readingMinutes`, in words a minute. */
export const defaultWordsPerMinute = 200

/** What the extractor needs besides the tree. */
export interface ExtractContext {
  value: string
  locator: Locator
  aliases: HeadingAliases
  wordsPerMinute: number
  /** The format's profile (default: `checkpoint`). */
  profile?: Profile | undefined
}

/** The body parts of a checkpoint. */
export type Extracted = Pick<
  Checkpoint,
  | 'sections'
  | 'objectivesIntro'
  | 'objectives'
  | 'objectivesSource'
  | 'objectivesPosition'
  | 'assignment'
  | 'resources'
  | 'links'
  | 'images'
  | 'embeds'
  | 'wordCount'
  | 'readingMinutes'
  | 'overview'
  | 'anchors'
  | 'divs'
  | 'templates'
  | 'footnotes'
  | 'tasks'
  | 'tables'
>

/** Extract the body model from a tree. */
export function extract(tree: Root, context: ExtractContext): Extracted {
  const profile = context.profile ?? getProfile()
  const document = createDocument(tree, context.value, context.locator, profile, context.aliases)
  const templates = readTemplates(document)
  const content = readContent(document, templates.ranges)
  const attributeAnchors = readAttributeAnchors(document)
  const divs = readDivs(document)
  const anchors =
    attributeAnchors.length === 0
      ? content.anchors
      : [...content.anchors, ...attributeAnchors].sort(
          (a, b) => a.position.start.offset - b.position.start.offset
        )

  return {
    sections: buildSections(document.headings),
    ...findObjectives(document, divs),
    assignment: findAssignment(document, content.links, divs),
    resources: findResources(document, content.links),
    links: content.links,
    images: content.images,
    embeds: content.embeds,
    wordCount: content.wordCount,
    readingMinutes:
      Math.round((content.wordCount / Math.max(1, context.wordsPerMinute)) * 10) / 10,
    overview: findOverview(document),
    anchors,
    divs,
    templates: templates.templates,
    footnotes: content.footnotes,
    tasks: content.tasks,
    tables: content.tables
  }
}
