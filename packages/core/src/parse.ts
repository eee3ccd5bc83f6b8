/**
 * Checkpoint markdown -> `Checkpoint`. Pure: no `node:` imports, so it runs in
 * a browser too. Never throws: problems with the input are messages.
 */
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {parseDuration} from './duration.js'
import {
  defaultHeadingAliases,
  defaultWordsPerMinute,
  extract,
  type Extracted,
  type HeadingAliases
} from './extract.js'
import {parseFrontmatter, type ParsedFrontmatter} from './frontmatter.js'
import {defaultLimits, scanLimits, type LimitFinding, type Limits} from './limits.js'
import {createMessage} from './messages.js'
import type {Checkpoint, JsonObject} from './model.js'
import {createLocator} from './text.js'
import {validateFrontmatter, type ValidateOptions} from './validate.js'

/** Options of `parseCheckpoint` and `checkpointFromTree`. */
export interface ParseOptions {
  /** Path of the file, kept in the model and the messages. */
  path?: string | undefined
  /** Headings that name objectives, assignment and resources sections (replace the defaults per kind). */
  headings?: Partial<HeadingAliases> | undefined
  /** Reading speed for `readingMinutes` (default 200). */
  wordsPerMinute?: number | undefined
  /** Input limits (see `defaultLimits`). */
  limits?: Partial<Limits> | undefined
  /** Validate the frontmatter (default `true`), or options for the validation. */
  validate?: boolean | ValidateOptions | undefined
}

/** What `checkpointFromTree` returns. */
export interface TreeResult {
  /** The model, plain JSON. */
  checkpoint: Checkpoint
  /** Diagnostics: YAML and frontmatter problems, each with a position. */
  messages: VFileMessage[]
  /** The parsed frontmatter, with `locate` to find where a key or value is written (`null` when there is none). */
  frontmatter: ParsedFrontmatter | null
}

/** What `parseCheckpoint` returns. */
export interface ParseResult {
  /** The model, plain JSON. */
  checkpoint: Checkpoint
  /** Diagnostics: input, YAML and frontmatter problems, each with a position. */
  messages: VFileMessage[]
  /** The mdast tree, for callers that lint the same parse (`null` when the input was not parsed). */
  tree: Root | null
  /** The parsed frontmatter (`null` when there is none or the input was not parsed). */
  frontmatter: ParsedFrontmatter | null
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze()
const decoder = new TextDecoder('utf-8', {fatal: false, ignoreBOM: false})
const strictDecoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false})

/**
 * Parse checkpoint markdown into a `Checkpoint`.
 *
 * A byte array is decoded as UTF-8 (invalid sequences become U+FFFD and a
 * message). A leading byte order mark is dropped: offsets count from after it,
 * as in remark.
 */
export function parseCheckpoint(
  value: string | Uint8Array,
  options: ParseOptions = {}
): ParseResult {
  const messages: VFileMessage[] = []
  const path = options.path
  let text: string

  if (typeof value === 'string') {
    text = value
  } else {
    try {
      text = strictDecoder.decode(value)
    } catch {
      text = decoder.decode(value)
      const bad = text.indexOf('\uFFFD')
      const locator = createLocator(text)
      messages.push(
        createMessage('Unexpected invalid UTF-8, expected text encoded as UTF-8', {
          ruleId: 'input-encoding',
          place: locator.toPosition(Math.max(0, bad), Math.max(0, bad) + 1),
          file: path
        })
      )
    }
  }

  if (text.charCodeAt(0) === 0xfe_ff) text = text.slice(1)

  const limits: Limits = {...defaultLimits, ...options.limits}
  const locator = createLocator(text)

  if (text.length > limits.maxSize) {
    messages.push(
      createMessage(
        `Unexpected file of ${text.length} characters, expected at most ${limits.maxSize} (option \`maxSize\`)`,
        {ruleId: 'input-too-large', place: locator.toPosition(0, 0), file: path}
      )
    )
    return {checkpoint: emptyCheckpoint(path), messages, tree: null, frontmatter: null}
  }

  const finding = scanLimits(text, limits)
  if (finding) {
    messages.push(
      createMessage(
        limitReasons[finding.kind](limits),
        {
          ruleId: limitRuleIds[finding.kind],
          place: locator.toPosition(finding.offset, finding.end),
          file: path
        }
      )
    )
    return {checkpoint: emptyCheckpoint(path), messages, tree: null, frontmatter: null}
  }

  const file = new VFile({value: text, ...(path === undefined ? {} : {path})})
  const tree = processor.parse(file)
  const result = checkpointFromTree(tree, file, options)
  return {
    checkpoint: result.checkpoint,
    messages: [...messages, ...result.messages],
    tree,
    frontmatter: result.frontmatter
  }
}

/**
 * Build the `Checkpoint` from a tree made by remark-parse with
 * remark-frontmatter (`['yaml']`), as the remark plugin does: no second parse.
 *
 * @param file
 *   The file the tree was parsed from (its value is needed for positions).
 */
export function checkpointFromTree(
  tree: Root,
  file: VFile,
  options: ParseOptions = {}
): TreeResult {
  let value = String(file.value ?? '')
  // remark drops a byte order mark before counting offsets.
  if (value.charCodeAt(0) === 0xfe_ff) value = value.slice(1)
  const path = options.path ?? file.path
  const locator = createLocator(value)
  const messages: VFileMessage[] = []

  let frontmatter: ParsedFrontmatter | null = null
  const first = tree.children[0]

  if (first?.type === 'yaml' && first.position) {
    const start = first.position.start.offset ?? 0
    const end = first.position.end.offset ?? start
    // The YAML starts after the line ending of the opening fence (`\n`, `\r\n` or a lone `\r`).
    const fence = /\r\n|\r|\n/g
    fence.lastIndex = start
    const newline = fence.exec(value)
    const offset = !newline || newline.index > end ? end : newline.index + newline[0].length
    frontmatter = parseFrontmatter(
      {
        value: first.value,
        offset,
        position: locator.toPosition(start, end),
        file: path
      },
      locator
    )
    messages.push(...frontmatter.messages)
  } else if (/^---[ \t]*\r?\n/.test(value)) {
    messages.push(
      createMessage(
        'Unexpected unclosed frontmatter, expected a `---` line to close it',
        {ruleId: 'frontmatter-yaml', place: locator.toPosition(0, 3), file: path}
      )
    )
  }

  if (options.validate !== false && !(first?.type !== 'yaml' && /^---[ \t]*\r?\n/.test(value))) {
    const validateOptions = typeof options.validate === 'object' ? options.validate : {}
    messages.push(...validateFrontmatter(frontmatter, {file: path, ...validateOptions}))
  }

  const data: JsonObject | null = frontmatter?.data ?? null
  const aliases: HeadingAliases = {...defaultHeadingAliases, ...options.headings}
  const body: Extracted = extract(tree, {
    value,
    locator,
    aliases,
    wordsPerMinute: options.wordsPerMinute ?? defaultWordsPerMinute
  })

  // A curriculum that lists objectives in the frontmatter (the Carpentries do).
  if (body.objectives.length === 0 && data && frontmatter && Array.isArray(data.objectives)) {
    const parsed = frontmatter
    const objectives = data.objectives.flatMap((item, index) => {
      const position = parsed.locate(['objectives', index], 'value')
      return typeof item === 'string' && position ? [{text: item, position}] : []
    })
    if (objectives.length > 0) {
      body.objectives = objectives
      body.objectivesSource = 'frontmatter'
      body.objectivesPosition = parsed.locate(['objectives'], 'key') ?? null
    }
  }

  const time = data ? data.time : undefined
  let timeMinutes: number | null = null
  if (time !== undefined && time !== null) {
    const duration = parseDuration(time)
    if (duration.ok) timeMinutes = duration.minutes
  } else if (data && typeof data.teaching === 'number' && typeof data.exercises === 'number') {
    // The Carpentries split time into `teaching` and `exercises` minutes.
    const minutes = data.teaching + data.exercises
    if (Number.isFinite(minutes) && minutes > 0) timeMinutes = minutes
  }

  const checkpoint: Checkpoint = {
    path: path ?? null,
    frontmatter: data,
    frontmatterPosition: frontmatter?.position ?? null,
    title: stringField(data, 'title'),
    author: stringField(data, 'author'),
    team: stringField(data, 'team'),
    uuid: stringField(data, 'uuid'),
    time: typeof time === 'string' || typeof time === 'number' ? time : null,
    timeMinutes,
    timeHours: data && typeof data.timeHours === 'number' ? data.timeHours : null,
    ...body
  }

  return {checkpoint, messages, frontmatter}
}

function stringField(data: JsonObject | null, key: string): string | null {
  if (!data || !Object.hasOwn(data, key)) return null
  const value = data[key]
  return typeof value === 'string' ? value : null
}

const limitReasons: Record<LimitFinding['kind'], (limits: Limits) => string> = {
  binary: () => 'Unexpected NUL byte, expected a text file (is this a binary file?)',
  'too-deep': (limits) =>
    `Unexpected nesting deeper than ${limits.maxNesting} levels, expected at most ${limits.maxNesting} (option \`maxNesting\`)`,
  'too-many-links': (limits) =>
    `Unexpected more than ${limits.maxLinks} links in one file, expected at most ${limits.maxLinks} (option \`maxLinks\`)`
}

const limitRuleIds: Record<LimitFinding['kind'], string> = {
  binary: 'input-binary',
  'too-deep': 'input-too-deep',
  'too-many-links': 'input-too-many-links'
}

/** The model of a file that could not be parsed. */
function emptyCheckpoint(path: string | undefined): Checkpoint {
  return {
    path: path ?? null,
    frontmatter: null,
    frontmatterPosition: null,
    title: null,
    author: null,
    team: null,
    uuid: null,
    time: null,
    timeMinutes: null,
    timeHours: null,
    sections: [],
    objectivesIntro: null,
    objectives: [],
    objectivesSource: null,
    objectivesPosition: null,
    assignment: null,
    resources: [],
    links: [],
    images: [],
    embeds: [],
    wordCount: 0,
    readingMinutes: 0
  }
}
