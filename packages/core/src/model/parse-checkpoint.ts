/**
 * Checkpoint markdown -> `Checkpoint`. Pure: no `node:` imports, so it runs in
 * a browser too. Never throws: problems with the input are messages.
 */
import type {Root} from 'mdast'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {durationOf, parseDuration, type ReadAlready} from '../duration.js'
import {defaultWordsPerMinute, extract, type Extracted, type HeadingAliases} from './extract.js'
import type {ParsedFrontmatter} from '../frontmatter/frontmatter.js'
import {readFrontmatterBlock} from '../frontmatter/frontmatter-block.js'
import {readInput, type InputResult} from '../input.js'
import type {Limits} from '../limits.js'
import {createMessage} from '../messages.js'
import type {Checkpoint, JsonObject, JsonValue, Section} from './checkpoint.js'
import {getProfile, type FormatName, type FrontmatterSyntax, type Profile} from '../profiles.js'
import {schemas} from '../schemas.generated.js'
import {parserFor} from '../markdown/syntax.js'
import {createLocator, type Locator} from '../text.js'
import {validateFrontmatter, type ValidateOptions} from '../validate.js'

/** Options of `parseCheckpoint` and `checkpointFromTree`. */
export interface ParseOptions {
  /** Path of the file, kept in the model and the messages. */
  path?: string | undefined
  /** The curriculum format (profile) to read the file as (default `checkpoint`). */
  format?: FormatName | undefined
  /** Headings that name objectives, assignment and resources sections (replace the defaults per kind). */
  headings?: Partial<HeadingAliases> | undefined
  /** Reading speed for `readingMinutes` (default 200). */
  wordsPerMinute?: number | undefined
  /** Input limits (see `defaultLimits`). */
  limits?: Partial<Limits> | undefined
  /** Validate the frontmatter (default `true`), or options for the validation. */
  validate?: boolean | ValidateOptions | undefined
  /**
   * Hugo shortcodes whose body is raw text (read as preformatted text), added
   * to `output`, `highlight` and `code`: the config's `site.rawShortcodes`.
   */
  rawShortcodes?: readonly string[] | undefined
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

export {readInput}
export type {InputResult}

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
  const path = options.path
  const {text, messages, blocked} = readInput(value, {path, limits: options.limits})
  if (blocked) return {checkpoint: emptyCheckpoint(path, options.format), messages, tree: null, frontmatter: null}

  const file = new VFile({value: text, ...(path === undefined ? {} : {path})})
  const tree = parserFor(options.format, options.rawShortcodes).parse(file)
  const result = checkpointFromTree(tree, file, options)
  return {
    checkpoint: result.checkpoint,
    messages: [...messages, ...result.messages],
    tree,
    frontmatter: result.frontmatter
  }
}

/**
 * Build the `Checkpoint` from a tree made by the format's parser
 * (`createParser(format)`: remark-parse with `remarkCoursemarkSyntax`), as the
 * remark plugin does: no second parse.
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
  const profile = getProfile(options.format)
  const locator = createLocator(value)
  const messages: VFileMessage[] = []
  const read = readFrontmatterOf(tree, value, locator, profile, path)
  const frontmatter = read.frontmatter
  messages.push(...read.messages)

  const data: JsonObject | null = frontmatter?.data ?? null
  // `time` is read once, here: the schema's `duration` keyword, the
  // `timeHours` check and `timeMinutes` all take this reading.
  const readAlready: ReadAlready = {time: data && Object.hasOwn(data, 'time') ? {value: data.time, duration: parseDuration(data.time)} : undefined}
  if (options.validate !== false && !read.unclosed && (frontmatter || profile.frontmatter.required)) {
    messages.push(...validateFrontmatter(frontmatter, validateOptionsFor(profile, path, options.validate), readAlready))
  }

  const body: Extracted = extract(tree, {
    value,
    locator,
    aliases: {...profile.headings, ...options.headings},
    wordsPerMinute: options.wordsPerMinute ?? defaultWordsPerMinute,
    profile
  })

  // A curriculum that lists objectives in the frontmatter (the Carpentries, Hugo sites).
  if (body.objectives.length === 0 && frontmatter) {
    Object.assign(body, frontmatterObjectives(frontmatter, profile))
  }

  const time = data ? data.time : undefined
  const checkpoint: Checkpoint = {
    path: path ?? null,
    format: profile.name,
    frontmatterSyntax: read.syntax,
    frontmatter: data,
    frontmatterPosition: frontmatter?.position ?? null,
    title: stringField(data, 'title') ?? (profile.plain?.titleFromHeading ? firstTitle(body.sections) : null),
    author: stringField(data, 'author'),
    team: stringField(data, 'team'),
    uuid: stringField(data, 'uuid'),
    time: typeof time === 'string' || typeof time === 'number' ? time : null,
    timeMinutes: minutesOf(data, profile, readAlready),
    timeHours: data && typeof data.timeHours === 'number' ? data.timeHours : null,
    ...body
  }

  return {checkpoint, messages, frontmatter}
}

interface ReadFrontmatter {
  frontmatter: ParsedFrontmatter | null
  syntax: FrontmatterSyntax | null
  messages: VFileMessage[]
  /** An opening fence with no closing one. */
  unclosed: boolean
}

const fences: Record<FrontmatterSyntax, {fence: string; opening: RegExp}> = {
  yaml: {fence: '---', opening: /^---[ \t]*\r?\n/},
  toml: {fence: '+++', opening: /^\+\+\+[ \t]*\r?\n/}
}

/** Read the frontmatter node of the tree (YAML or TOML), or report an unclosed block. */
function readFrontmatterOf(
  tree: Root,
  value: string,
  locator: Locator,
  profile: Profile,
  path: string | undefined
): ReadFrontmatter {
  const first = tree.children[0]
  if ((first?.type === 'yaml' || first?.type === 'toml') && first.position) {
    const start = first.position.start.offset ?? 0
    const end = first.position.end.offset ?? start
    const frontmatter = readFrontmatterBlock({syntax: first.type, value: first.value, start, end}, value, locator, path, {
      yaml11: profile.frontmatter.yaml11
    })
    return {frontmatter, syntax: first.type, messages: frontmatter.messages, unclosed: false}
  }

  for (const syntax of profile.frontmatter.syntaxes) {
    const {fence, opening} = fences[syntax]
    if (!opening.test(value)) continue
    const message = createMessage(
      `Unexpected unclosed frontmatter, expected a \`${fence}\` line to close it`,
      {ruleId: syntax === 'toml' ? 'frontmatter-toml' : 'frontmatter-yaml', place: locator.toPosition(0, 3), file: path}
    )
    return {frontmatter: null, syntax: null, messages: [message], unclosed: true}
  }

  return {frontmatter: null, syntax: null, messages: [], unclosed: false}
}

/** Validation options: the caller's, with the profile's schema unless a schema is given. */
function validateOptionsFor(
  profile: Profile,
  path: string | undefined,
  validate: ParseOptions['validate']
): ValidateOptions {
  const given = typeof validate === 'object' ? validate : {}
  const options: ValidateOptions = {file: path, ...given}
  if (!given.schema) {
    const schema = schemaById(profile.frontmatter.schema)
    if (schema) options.schema = schema
  }

  return options
}

const schemasById = new Map<string, JsonObject>()

/** A schema of core's `schemas` by its `$id`. */
function schemaById(id: string): JsonObject | undefined {
  if (schemasById.size === 0) {
    for (const schema of Object.values(schemas) as JsonObject[]) {
      if (typeof schema.$id === 'string') schemasById.set(schema.$id, schema)
    }
  }

  return schemasById.get(id)
}

/** Objectives listed in the frontmatter: a list (`objectives: [...]`) or a TOML table (`[objectives]`). */
function frontmatterObjectives(
  frontmatter: ParsedFrontmatter,
  profile: Profile
): Partial<Extracted> | undefined {
  const data = frontmatter.data
  if (!data) return undefined
  for (const key of profile.frontmatter.objectives) {
    const list = data[key]
    if (!list || typeof list !== 'object') continue
    const entries: Array<[string | number, JsonValue]> = Array.isArray(list)
      ? list.map((item, index) => [index, item])
      : Object.entries(list)
    const objectives = entries.flatMap(([index, item]) => {
      const position = frontmatter.locate([key, index], 'value')
      return typeof item === 'string' && position ? [{text: item, position}] : []
    })
    if (objectives.length > 0) {
      return {
        objectives,
        objectivesSource: 'frontmatter',
        objectivesPosition: frontmatter.locate([key], 'key') ?? null
      }
    }
  }

  return undefined
}

/** The minutes the frontmatter gives, by the profile's time keys. */
function minutesOf(data: JsonObject | null, profile: Profile, read: ReadAlready): number | null {
  if (!data) return null
  for (const keys of profile.time.keys) {
    if (keys.length === 1) {
      const value = data[keys[0] ?? '']
      if (value === undefined || value === null) continue
      const duration = durationOf(value, read)
      return duration.ok ? duration.minutes : null
    }

    // Several keys are minutes added up (the Carpentries' `teaching` +
    // `exercises` + `break?`); `key?` may be absent, and a break may give only its own.
    const required = keys.filter((key) => !key.endsWith('?'))
    const optional = keys.filter((key) => key.endsWith('?')).map((key) => key.slice(0, -1))
    const isMinutes = (value: unknown): value is number => typeof value === 'number'
    const given = optional.filter((key) => isMinutes(data[key]))
    const complete = required.every((key) => isMinutes(data[key]))
    const absent = required.every((key) => data[key] === undefined || data[key] === null)
    if (!complete && !(absent && given.length > 0)) continue
    let minutes = 0
    for (const key of [...required, ...given]) {
      const value = data[key]
      if (isMinutes(value)) minutes += value
    }

    if (Number.isFinite(minutes) && minutes > 0) return minutes
  }

  return null
}

/** The text of the first `# heading` (not a malformed one), or `null`. */
function firstTitle(sections: readonly Section[]): string | null {
  const heading = sections.find((section) => section.depth === 1 && !section.malformed && section.text !== '')
  return heading?.text ?? null
}

function stringField(data: JsonObject | null, key: string): string | null {
  if (!data || !Object.hasOwn(data, key)) return null
  const value = data[key]
  return typeof value === 'string' ? value : null
}

/** The model of a file that could not be parsed. */
function emptyCheckpoint(path: string | undefined, format: FormatName | undefined): Checkpoint {
  return {
    path: path ?? null,
    format: getProfile(format).name,
    frontmatterSyntax: null,
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
    readingMinutes: 0,
    overview: null,
    anchors: [],
    divs: [],
    templates: [],
    footnotes: [],
    tasks: [],
    tables: []
  }
}
