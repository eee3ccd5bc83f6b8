/**
 * mdast -> Checkpoint: sections, objectives, assignment, resources, links,
 * images, embeds and word counts, every one with its source position.
 */
import GithubSlugger from 'github-slugger'
import type {
  Definition,
  List,
  ListItem,
  Nodes,
  Paragraph,
  Root,
  RootContent
} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {embedElements, formattingElements, readTags} from './html.js'
import type {
  Assignment,
  AssignmentStep,
  Checkpoint,
  Embed,
  Image,
  Link,
  LinkKind,
  Objective,
  ObjectivesSource,
  Position,
  Resource,
  Section
} from './model.js'
import {collapse, normaliseHeading, type Locator} from './text.js'

/** Headings (matched case-insensitively, punctuation ignored) that name the parts of a checkpoint. */
export interface HeadingAliases {
  objectives: string[]
  assignment: string[]
  resources: string[]
}

/** The default heading aliases. */
export const defaultHeadingAliases: HeadingAliases = {
  objectives: [
    'objectives',
    'objective',
    'learning objectives',
    'learning objective',
    'learning goals',
    'learning outcomes',
    'goals',
    'goal',
    'outcomes'
  ],
  assignment: [
    'assignment',
    'assignments',
    'your task',
    'your tasks',
    'your assignment',
    'task',
    'tasks',
    'exercise',
    'exercises',
    'practice'
  ],
  resources: [
    'additional resources',
    'resources',
    'further reading',
    'supplementary resources',
    'supplemental resources',
    'more resources',
    'learn more',
    'references'
  ]
}

/** Reading speed used for `readingMinutes`, in words a minute. */
export const defaultWordsPerMinute = 200

/** What the extractor needs besides the tree. */
export interface ExtractContext {
  value: string
  locator: Locator
  aliases: HeadingAliases
  wordsPerMinute: number
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
>

interface HeadingEntry {
  depth: number
  text: string
  slug: string
  position: Position
  malformed: boolean
  /** Index in `root.children`. */
  index: number
  node: RootContent
}

const malformedHeading = /^(#{1,6})(?=[^\s#])/
const inlineObjectiveLabel = /^\s*(?:learning\s+)?(?:objectives?|goals?|outcomes?)\s*:?\s*$/i

/** Extract the body model from a tree. */
export function extract(tree: Root, context: ExtractContext): Extracted {
  const {locator} = context
  const slugger = new GithubSlugger()
  const headings: HeadingEntry[] = []
  const children = tree.children

  for (let index = 0; index < children.length; index++) {
    const node = children[index]
    if (!node || !node.position) continue
    if (node.type === 'heading') {
      const text = collapse(toString(node))
      headings.push({
        depth: node.depth,
        text,
        slug: slugger.slug(text),
        position: toPosition(node),
        malformed: false,
        index,
        node
      })
    } else if (node.type === 'paragraph') {
      const first = node.children[0]
      if (
        first?.type === 'text' &&
        node.position.start.line === node.position.end.line
      ) {
        const match = malformedHeading.exec(first.value)
        if (match) {
          const text = collapse(toString(node).slice(match[0].length))
          headings.push({
            depth: match[1]?.length ?? 1,
            text,
            slug: slugger.slug(text),
            position: toPosition(node),
            malformed: true,
            index,
            node
          })
        }
      }
    }
  }

  const sectionOf = sectionLookup(headings, children.length)
  const definitions = new Map<string, Definition>()
  for (const node of children) collectDefinitions(node, definitions)

  const links: Link[] = []
  const images: Image[] = []
  const embeds: Embed[] = []
  let wordCount = 0

  for (let index = 0; index < children.length; index++) {
    const top = children[index]
    if (!top) continue
    const section = sectionOf(index)
    const stack: Nodes[] = [top]

    while (stack.length > 0) {
      const node = stack.pop()
      if (!node) continue

      switch (node.type) {
        case 'text':
        case 'inlineCode': {
          wordCount += countWords(node.value)
          break
        }

        case 'link': {
          const start = node.position?.start.offset
          const syntax =
            start !== undefined && context.value.charCodeAt(start) === 60 /* `<` */
              ? 'autolink'
              : 'inline'
          links.push({
            url: node.url,
            text: collapse(toString(node)),
            kind: linkKind(node.url),
            section,
            syntax,
            position: toPosition(node)
          })
          break
        }

        case 'linkReference': {
          const definition = definitions.get(node.identifier)
          if (definition) {
            links.push({
              url: definition.url,
              text: collapse(toString(node)),
              kind: linkKind(definition.url),
              section,
              syntax: 'reference',
              position: toPosition(node)
            })
          }

          break
        }

        case 'image': {
          images.push({
            src: node.url,
            alt: node.alt ?? '',
            section,
            syntax: 'inline',
            position: toPosition(node)
          })
          break
        }

        case 'imageReference': {
          const definition = definitions.get(node.identifier)
          if (definition) {
            images.push({
              src: definition.url,
              alt: node.alt ?? '',
              section,
              syntax: 'reference',
              position: toPosition(node)
            })
          }

          break
        }

        case 'html': {
          readHtml(node.value, node, section)
          break
        }

        default:
      }

      if ('children' in node) {
        for (let i = node.children.length - 1; i >= 0; i--) {
          const child = node.children[i]
          if (child) stack.push(child)
        }
      }
    }
  }

  const objectives = findObjectives()
  const assignment = findAssignment()
  const resources = findResources()

  return {
    sections: buildTree(headings),
    ...objectives,
    assignment,
    resources,
    links,
    images,
    embeds,
    wordCount,
    readingMinutes:
      Math.round((wordCount / Math.max(1, context.wordsPerMinute)) * 10) / 10
  }

  function toPosition(node: {position?: import('unist').Position | undefined}): Position {
    const start = node.position?.start.offset ?? 0
    const end = node.position?.end.offset ?? start
    return locator.toPosition(start, end)
  }

  function readHtml(html: string, node: Nodes, section: string | null) {
    const base = node.position?.start.offset ?? 0
    let from = base
    for (const tag of readTags(html)) {
      // Find the tag in the source: block HTML in a container drops the `> ` prefixes.
      const found = context.value.indexOf(tag.source, from)
      const start = found === -1 ? base : found
      const end = found === -1 ? (node.position?.end.offset ?? base) : found + tag.source.length
      if (found !== -1) from = end
      const position = locator.toPosition(start, end)

      if (tag.name === 'a' && tag.attributes.href !== undefined) {
        const url = tag.attributes.href
        links.push({url, text: '', kind: linkKind(url), section, syntax: 'html', position})
      } else if (tag.name === 'img' && tag.attributes.src !== undefined) {
        images.push({
          src: tag.attributes.src,
          alt: tag.attributes.alt ?? null,
          section,
          syntax: 'html',
          position
        })
      } else if (embedElements.has(tag.name) || !formattingElements.has(tag.name)) {
        embeds.push({name: tag.name, attributes: tag.attributes, section, position})
      }
    }
  }

  function sectionContent(entry: HeadingEntry): RootContent[] {
    const next = headings.find(
      (other) => other.index > entry.index && other.depth <= entry.depth
    )
    return children.slice(entry.index + 1, next ? next.index : children.length)
  }

  function findSection(aliases: string[]): HeadingEntry | undefined {
    const wanted = new Set(aliases.map((alias) => normaliseHeading(alias)))
    return headings.find((entry) => wanted.has(normaliseHeading(entry.text)))
  }

  function findObjectives(): Pick<
    Extracted,
    'objectives' | 'objectivesIntro' | 'objectivesSource' | 'objectivesPosition'
  > {
    const entry = findSection(context.aliases.objectives)

    if (entry) {
      const content = sectionContent(entry).filter(
        (node) => !headings.some((heading) => heading.node === node)
      )
      const listIndex = content.findIndex((node) => node.type === 'list')
      const list = content[listIndex]

      if (list && list.type === 'list') {
        const intro = content
          .slice(0, listIndex)
          .filter((node): node is Paragraph => node.type === 'paragraph')
          .map((node) => collapse(toString(node)))
          .join(' ')
        return {
          objectives: listItems(list).map(({text, position}) => ({text, position})),
          objectivesIntro: intro || null,
          objectivesSource: 'section',
          objectivesPosition: entry.position
        }
      }

      const paragraph = content.find(
        (node): node is Paragraph => node.type === 'paragraph'
      )
      if (paragraph) {
        return {
          objectives: [
            {text: collapse(toString(paragraph)), position: toPosition(paragraph)}
          ],
          objectivesIntro: null,
          objectivesSource: 'section',
          objectivesPosition: entry.position
        }
      }

      return {
        objectives: [],
        objectivesIntro: null,
        objectivesSource: null,
        objectivesPosition: entry.position
      }
    }

    for (let index = 0; index < children.length; index++) {
      const node = children[index]
      if (node?.type !== 'paragraph') continue
      const label = node.children[0]
      if (
        label?.type !== 'strong' ||
        !inlineObjectiveLabel.test(toString(label)) ||
        !label.position ||
        !node.position
      ) {
        continue
      }

      const labelText = toString(label)
      const whole = toString(node)
      const rest = collapse(whole.slice(labelText.length).replace(/^\s*:/, ''))
      const labelPosition = toPosition(label)

      if (rest) {
        let start = label.position.end.offset ?? 0
        const end = node.position.end.offset ?? start
        while (start < end && /[\s:]/.test(context.value.charAt(start))) start++
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
          objectives: listItems(list),
          objectivesIntro: null,
          objectivesSource: 'inline',
          objectivesPosition: labelPosition
        }
      }
    }

    return {
      objectives: [],
      objectivesIntro: null,
      objectivesSource: null,
      objectivesPosition: null
    }
  }

  function findAssignment(): Assignment | null {
    const entry = findSection(context.aliases.assignment)
    if (!entry) return null
    const content = sectionContent(entry)
    const lists = content.filter((node): node is List => node.type === 'list')
    const list = lists.find((node) => node.ordered === true) ?? lists[0]
    let intro: string | null = null
    let steps: AssignmentStep[]

    if (list) {
      const listIndex = content.indexOf(list)
      intro =
        content
          .slice(0, listIndex)
          .filter((node): node is Paragraph => node.type === 'paragraph')
          .map((node) => collapse(toString(node)))
          .join(' ') || null
      steps = listItems(list).map((item) => ({
        ...item,
        links: linksWithin(item.position)
      }))
    } else {
      steps = content
        .filter((node): node is Paragraph => node.type === 'paragraph')
        .map((node) => {
          const position = toPosition(node)
          return {
            text: collapse(toString(node)),
            position,
            links: linksWithin(position)
          }
        })
    }

    return {
      heading: entry.text,
      slug: entry.slug,
      position: entry.position,
      intro,
      steps
    }
  }

  function findResources(): Resource[] {
    const wanted = new Set(context.aliases.resources.map((alias) => normaliseHeading(alias)))
    const resources: Resource[] = []
    for (const entry of headings) {
      if (!wanted.has(normaliseHeading(entry.text))) continue
      const content = sectionContent(entry)
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

  function linksWithin(position: Position): Link[] {
    return links.filter(
      (link) =>
        link.position.start.offset >= position.start.offset &&
        link.position.end.offset <= position.end.offset
    )
  }

  function listItems(list: List): Array<{text: string; position: Position}> {
    return list.children
      .map((item: ListItem) => {
        const first = item.children[0]
        const last = item.children.at(-1)
        const start = first?.position?.start.offset ?? item.position?.start.offset ?? 0
        const end = last?.position?.end.offset ?? item.position?.end.offset ?? start
        return {
          text: collapse(toString(item)),
          position: locator.toPosition(start, end)
        }
      })
      .filter((item) => item.text !== '')
  }
}

/** Classify a URL as written. */
export function linkKind(url: string): LinkKind {
  const value = url.trim()
  if (value.startsWith('#')) return 'anchor'
  if (/^\/\//.test(value)) return 'external'
  const scheme = /^([a-zA-Z][a-zA-Z\d+.-]*):/.exec(value)
  if (!scheme) return 'relative'
  const name = scheme[1]?.toLowerCase()
  if (name === 'http' || name === 'https') return 'external'
  if (name === 'mailto') return 'mailto'
  return 'other'
}

const letterOrDigit = /[\p{L}\p{N}]/u
const space = /\s/

/**
 * Count words: runs of non-space characters with a letter or digit in them.
 * A loop over character codes: ASCII is decided without a regular expression
 * (a Unicode-aware pattern over all prose cost a fifth of building the model).
 */
function countWords(value: string): number {
  let count = 0
  let inWord = false
  let counted = false
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    const isSpace =
      code < 128
        ? code === 32 || (code >= 9 && code <= 13)
        : space.test(value.charAt(index))
    if (isSpace) {
      inWord = false
      continue
    }

    if (!inWord) {
      inWord = true
      counted = false
    }

    if (!counted) {
      const isWordy =
        code < 128
          ? (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
          : letterOrDigit.test(value.charAt(index))
      if (isWordy) {
        count++
        counted = true
      }
    }
  }

  return count
}

function collectDefinitions(node: Nodes, definitions: Map<string, Definition>) {
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()
    if (!current) continue
    // The first definition of an identifier wins, as in CommonMark.
    if (current.type === 'definition' && !definitions.has(current.identifier)) {
      definitions.set(current.identifier, current)
    }

    if ('children' in current) {
      // A loop, not `push(...children)`: a paragraph may have 100,000 children.
      for (const child of current.children) stack.push(child)
    }
  }
}

function sectionLookup(headings: HeadingEntry[], count: number) {
  const slugs: Array<string | null> = new Array<string | null>(count).fill(null)
  let current: string | null = null
  let next = 0
  for (let index = 0; index < count; index++) {
    const heading = headings[next]
    if (heading && heading.index === index) {
      current = heading.slug
      next++
    }

    slugs[index] = current
  }

  return (index: number) => slugs[index] ?? null
}

function buildTree(headings: HeadingEntry[]): Section[] {
  const roots: Section[] = []
  const stack: Section[] = []
  for (const entry of headings) {
    const section: Section = {
      depth: entry.depth,
      text: entry.text,
      slug: entry.slug,
      position: entry.position,
      malformed: entry.malformed,
      children: []
    }
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= section.depth) stack.pop()
    const parent = stack.at(-1)
    if (parent) parent.children.push(section)
    else roots.push(section)
    stack.push(section)
  }

  return roots
}
