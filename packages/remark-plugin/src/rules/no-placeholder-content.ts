/**
 * ## What is this?
 *
 * Checks for unfinished content: placeholder markers (`TODO`, `TBD`, `TBA`,
 * `FIXME`, as upper-case words), placeholder phrases ("coming soon", "under
 * construction", "lorem ipsum dolor", "to be determined"…), paragraphs or
 * headings that are only a placeholder ("Placeholder", "Lorem ipsum…"), and
 * a checkpoint with no body at all (or only headings).
 *
 * Only prose is checked: code, inline code and HTML (including
 * `<!-- TODO -->` comments, which learners never see) are not. "TODO app" and
 * "TODO list" are projects, not markers. A body that only embeds a notebook
 * (`<jupyter …/>`) is not empty.
 *
 * ## When should I use this?
 *
 * Before publishing: a stub that reaches learners looks abandoned.
 *
 * ## Options
 *
 * An object; each list replaces its default:
 *
 * - `markers` (`string[]`): words matched case-sensitively anywhere
 * - `phrases` (`string[]`): phrases matched case-insensitively anywhere
 * - `blocks` (`string[]`, default `["placeholder", "lorem ipsum"]`):
 *   phrases reported only when a paragraph or heading starts with them
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (error).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Build a TODO app. Use the `placeholder` attribute and write `# TODO` comments.
 *
 *   <!-- TODO: add a diagram -->
 *
 *   Fill the mock-up with lorem ipsum text.
 *
 * @example
 *   {"label": "input", "name": "stub.md"}
 *
 *   ## Assignment
 *
 *   TBD, coming soon!
 *
 *   Lorem ipsum dolor sit amet.
 *
 *   ### Placeholder
 *
 *   - FIXME: add the rubric
 *
 * @example
 *   {"label": "output", "name": "stub.md"}
 *
 *   3:1-3:4: Unexpected placeholder `TBD`, expected finished content
 *   3:6-3:17: Unexpected placeholder `coming soon`, expected finished content
 *   5:1-5:18: Unexpected placeholder `Lorem ipsum dolor`, expected finished content
 *   7:5-7:16: Unexpected placeholder `Placeholder`, expected finished content
 *   9:3-9:8: Unexpected placeholder `FIXME`, expected finished content
 *
 * @example
 *   {"label": "input", "name": "empty.md"}
 *
 *   ---
 *   title: Loops
 *   ---
 *
 * @example
 *   {"label": "output", "name": "empty.md"}
 *
 *   3:1-3:4: Unexpected empty checkpoint, expected lesson content after the frontmatter
 *
 * @example
 *   {"label": "input", "name": "headings.md"}
 *
 *   ## Overview
 *
 *   ## Assignment
 *
 * @example
 *   {"label": "output", "name": "headings.md"}
 *
 *   1:1-1:12: Unexpected checkpoint with only headings, expected lesson content under them
 */
import type {Heading, Paragraph, Root, RootContent, Text} from 'mdast'
import {positionAt} from '../position.js'
import {proseTexts, snippetPosition, type ProseText} from '../prose.js'
import {indexOf, nodesOfType} from '../node-index.js'
import {defineRule, type Report, type RuleMetaInput} from '../rule.js'
import type {VFile} from 'vfile'

/** Options of `no-placeholder-content`. */
export interface Options {
  /** Words matched case-sensitively anywhere in prose. */
  markers?: string[] | undefined
  /** Phrases matched case-insensitively anywhere in prose. */
  phrases?: string[] | undefined
  /** Phrases reported only when a paragraph or heading starts with them. */
  blocks?: string[] | undefined
}

const meta: RuleMetaInput = {
  id: 'no-placeholder-content',
  description: 'Warn on placeholders (`TODO`, `TBD`, "coming soon", lorem ipsum) and an empty body',
  tags: ['content'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'error'},
  kinds: ['lesson', 'break', 'project']
}

const defaults = {
  markers: ['TODO', 'TBD', 'TBA', 'FIXME'],
  phrases: [
    'coming soon',
    'under construction',
    'lorem ipsum dolor',
    'to be determined',
    'to be announced',
    'to be written',
    'content goes here',
    'text goes here',
    'insert text here'
  ],
  blocks: ['placeholder', 'lorem ipsum']
}

/** Words after a marker that make it the name of a project ("TODO app"). */
const project = /^[\s-]+(?:apps?|application|lists?|items?|tasks?)\b/i
const leading = /^[\s*_"'([:#-]*/

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: defaults},
  ({tree, file, options, report}) => {
    if (checkEmpty(tree, file, report)) return
    const found = findPlaceholders(tree, proseTexts(tree, file), readOptions(options))
    found.sort(
      (a, b) =>
        (a.text.node.position?.start.offset ?? 0) - (b.text.node.position?.start.offset ?? 0) ||
        a.index - b.index
    )
    const reported = new Set<string>()
    for (const {text, index, match} of found) {
      const place = snippetPosition(file, text, index, match.length)
      if (!place) continue
      const key = String(place.start.offset)
      if (reported.has(key)) continue
      reported.add(key)
      const message = report(
        `Unexpected placeholder \`${match.replace(/\s+/g, ' ')}\`, expected finished content`,
        {place}
      )
      message.actual = match
    }
  }
)

/** A placeholder found in prose: the text, where in it, and what matched. */
interface Found {
  text: ProseText
  index: number
  match: string
}

/** Markers and phrases anywhere in prose; block openers at the start of a paragraph or heading. */
function findPlaceholders(tree: Root, texts: ProseText[], {markers, phrases, blocks}: ReturnType<typeof readOptions>): Found[] {
  const markerPattern = wordPattern(markers, 'g')
  const phrasePattern = wordPattern(phrases, 'gi')
  const mayHaveMarker = wordFilter(markers, false)
  const mayHavePhrase = wordFilter(phrases, true)
  const found: Found[] = []
  for (const text of texts) {
    if (markerPattern && mayHaveMarker(text.value)) {
      for (const match of text.value.matchAll(markerPattern)) {
        const after = text.value.slice(match.index + match[0].length)
        if (project.test(after)) continue
        found.push({text, index: match.index, match: match[0]})
      }
    }

    if (phrasePattern && mayHavePhrase(text.value)) {
      for (const match of text.value.matchAll(phrasePattern)) {
        found.push({text, index: match.index, match: match[0]})
      }
    }
  }

  const blockPattern = blocks.length > 0 ? wordPattern(blocks, 'i', '^') : undefined
  if (blockPattern) {
    const firstTexts = new Set<Text>()
    for (const node of indexOf(tree).all) {
      if (node.type === 'paragraph' || node.type === 'heading') {
        const first = firstText(node)
        if (first) firstTexts.add(first)
      }
    }

    for (const text of texts) {
      if (!firstTexts.has(text.node)) continue
      const skip = leading.exec(text.value)?.[0].length ?? 0
      const match = blockPattern.exec(text.value.slice(skip))
      if (match) found.push({text, index: skip, match: match[0]})
    }
  }

  return found
}

/** Report a checkpoint without content; `true` when it is empty. */
function checkEmpty(root: Root, file: VFile, report: Report): boolean {
  const content = root.children.filter((node) => !ignorable(node))
  if (content.some((node) => node.type !== 'heading')) return false
  const heading = content[0]
  if (heading?.position) {
    report('Unexpected checkpoint with only headings, expected lesson content under them', {
      place: heading.position
    })
    return true
  }

  const yaml = root.children.find((node) => node.type === 'yaml')
  const end = yaml?.position?.end.offset
  report('Unexpected empty checkpoint, expected lesson content after the frontmatter', {
    place:
      end === undefined ? {line: 1, column: 1} : positionAt(file, Math.max(0, end - 3), end)
  })
  return true
}

export default rule

function ignorable(node: RootContent): boolean {
  if (node.type === 'yaml' || node.type === 'definition') return true
  return node.type === 'html' && /^\s*(?:<!--[\s\S]*?-->\s*)+$/.test(node.value)
}

function firstText(node: Paragraph | Heading): Text | undefined {
  const stack: RootContent[] = [...node.children].reverse()
  while (stack.length > 0) {
    const current = stack.pop()
    if (!current) continue
    if (current.type === 'text') return current
    if (current.type === 'inlineCode' || current.type === 'html' || current.type === 'image') {
      return undefined
    }

    if ('children' in current) {
      // A loop, not `push(...children)`: a paragraph may have 100,000 children.
      for (let index = current.children.length - 1; index >= 0; index--) {
        const child = current.children[index]
        if (child) stack.push(child)
      }
    }
  }

  return undefined
}

const patterns = new Map<string, RegExp | undefined>()

/**
 * One pattern for a list of words or phrases, compiled once per list (a rule
 * runs once per file; `matchAll` copies a global pattern, so sharing is safe).
 */
function wordPattern(words: string[], flags: string, anchor = ''): RegExp | undefined {
  const key = flags + '\u0000' + anchor + '\u0000' + words.join('\u0000')
  if (patterns.has(key)) return patterns.get(key)
  const pattern = compileWordPattern(words, flags, anchor)
  patterns.set(key, pattern)
  return pattern
}

function compileWordPattern(words: string[], flags: string, anchor: string): RegExp | undefined {
  const alternatives = words
    .map((word) => word.trim())
    .filter((word) => word !== '')
    .sort((a, b) => b.length - a.length)
    .map((word) => word.split(/\s+/).map(escape).join('\\s+'))
  if (alternatives.length === 0) return undefined
  return new RegExp(
    `${anchor || '(?<![\\p{L}\\p{N}_])'}(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`,
    flags + 'u'
  )
}

const filters = new Map<string, (value: string) => boolean>()

/**
 * A quick test that a text may hold one of `words` (a word pattern's list):
 * it must contain the longest word of one of them. Case-insensitively, that
 * holds only for a text in ASCII, where `/iu` matches a letter only in its
 * two cases (in Unicode, `K` the Kelvin sign matches `k` and `ſ` matches
 * `s`): any other text, or a list with a word not in ASCII, is always
 * matched with the pattern. The phrase pattern was the rule's largest cost,
 * run on every text of every file.
 */
function wordFilter(words: string[], caseInsensitive: boolean): (value: string) => boolean {
  const key = String(caseInsensitive) + '\u0000' + words.join('\u0000')
  let filter = filters.get(key)
  if (!filter) {
    filter = compileWordFilter(words, caseInsensitive)
    filters.set(key, filter)
  }

  return filter
}

function compileWordFilter(words: string[], caseInsensitive: boolean): (value: string) => boolean {
  const needles: string[] = []
  for (const word of words) {
    const parts = word.trim().split(/\s+/)
    const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '')
    if (longest === '') continue
    if (caseInsensitive && !ascii.test(longest)) return () => true
    needles.push(caseInsensitive ? longest.toLowerCase() : longest)
  }

  if (!caseInsensitive) return (value) => needles.some((needle) => value.includes(needle))
  return (value) => {
    if (!ascii.test(value)) return true
    const lower = value.toLowerCase()
    return needles.some((needle) => lower.includes(needle))
  }
}

const ascii = /^[\u0000-\u007F]*$/

function escape(value: string): string {
  return value.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&')
}

function readOptions(options: Options | undefined): Required<{[K in keyof Options]: string[]}> {
  const result = {...defaults}
  for (const key of ['markers', 'phrases', 'blocks'] as const) {
    const value: unknown = options?.[key]
    if (value === undefined) continue
    if (!isStringList(value)) {
      throw new Error(
        `Unexpected value \`${JSON.stringify(value)}\` for \`${key}\`, expected a list of strings`
      )
    }

    result[key] = value
  }

  return result
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
