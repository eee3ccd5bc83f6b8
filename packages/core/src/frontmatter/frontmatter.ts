/**
 * Read YAML frontmatter (through `yaml-source.ts`), keeping node ranges so
 * that every diagnostic points at the exact key or value in the file.
 *
 * Hostile YAML is refused with a message, never an exception (see
 * `yaml-source.ts`). Keys such as `__proto__` become own data properties and
 * never touch a prototype.
 */
import type {VFileMessage} from 'vfile-message'
import {createMessage} from '../messages.js'
import type {JsonObject, Position} from '../model/checkpoint.js'
import {createLocator, type Locator} from '../text.js'
import {
  maxYamlDepth,
  maxYamlNodes,
  readYamlSource,
  type DataPath,
  type YamlProblem,
  type YamlRange,
  type YamlReadOptions
} from './yaml-source.js'

export type {DataPath} from './yaml-source.js'

/** At most this many nodes are built from frontmatter, aliases expanded (no "billion laughs"). */
export const maxFrontmatterNodes = maxYamlNodes

/** Deepest nesting of lists and mappings read from frontmatter, aliases expanded. */
export const maxFrontmatterDepth = maxYamlDepth

/** Frontmatter read from a file. */
export interface ParsedFrontmatter {
  /** The data as written, or `null` when unparsable or not a mapping. */
  data: JsonObject | null
  /** YAML diagnostics (syntax, duplicate keys, tabs, not a mapping, too many aliases, not portable YAML). */
  messages: VFileMessage[]
  /** The frontmatter block, fences included. */
  position: Position
  /** The opening `---` line. */
  openingPosition: Position
  /**
   * Find where a key or value at `path` is written.
   * `part: 'key'` gives the key of the last path segment (for an array
   * index, the item); `'value'` gives the value (for a key with no value,
   * such as `title:`, the key).
   * With duplicate keys, the last one is found: it is the one whose value
   * the data holds.
   */
  locate(path: DataPath, part: 'key' | 'value'): Position | undefined
}

/** Where the YAML sits in the file. */
export interface FrontmatterSource {
  /** YAML text between the fences. */
  value: string
  /** Offset of the first character of `value` in the file. */
  offset: number
  /** The block, fences included. */
  position: Position
  /** Path of the file, for messages. */
  file?: string | undefined
}

const ruleId = 'frontmatter-yaml'

/**
 * Parse frontmatter YAML.
 * Never throws: YAML problems become messages with positions.
 *
 * A duplicate key is reported (with `cause` at the first one) but does not
 * discard the data: the last value wins, as in most YAML readers. YAML that
 * only Jekyll's and Hugo's readers accept is read as they read it, with a
 * warning. Any other YAML error leaves `data` `null`.
 */
export function parseFrontmatter(
  source: FrontmatterSource,
  locator: Locator,
  options: YamlReadOptions = {}
): ParsedFrontmatter {
  const file = source.file
  const yaml = readYamlSource(source.value, 'frontmatter', options)
  const toPosition = (range: YamlRange | undefined) =>
    range ? locator.toPosition(source.offset + range[0], source.offset + range[1]) : undefined
  const toMessage = (problem: YamlProblem) =>
    createMessage(problem.reason, {
      ruleId,
      place: toPosition(problem.range) ?? source.position,
      file,
      ...(problem.severity === 'warning' ? {severity: 'warning' as const} : {}),
      ...(problem.actual === undefined ? {} : {actual: problem.actual}),
      ...(problem.cause
        ? {
            cause: createMessage(problem.cause.reason, {
              ruleId,
              place: toPosition(problem.cause.range),
              file,
              severity: 'info'
            })
          }
        : {})
    })

  const messages = yaml.problems.map((problem) => toMessage(problem))
  let data: JsonObject | null = null
  if (yaml.readable) {
    messages.push(...yaml.duplicates().map((problem) => toMessage(problem)))
    const kind = yaml.kindAt([])
    if (kind === 'null' || kind === 'absent' || kind === 'mapping') {
      const read = yaml.toData()
      if (read.ok) data = read.value as JsonObject
      else messages.push(toMessage(read.problem))
    } else {
      messages.push(
        toMessage({
          reason: `Unexpected frontmatter that is ${kind === 'list' ? 'a list' : 'a single value'}, expected a mapping of keys to values (\`title: …\`)`,
          range: yaml.contentsRange() ?? [0, 0],
          severity: 'error'
        })
      )
    }
  }

  return {
    data,
    messages,
    position: source.position,
    openingPosition: locator.toPosition(source.position.start.offset, source.position.start.offset + 3),
    locate: (path, part) => toPosition(yaml.locate(path, part))
  }
}

/**
 * Find the frontmatter of a markdown document the way `remark-frontmatter`
 * does (a `---` line first, up to the next `---` line) and parse it, without
 * parsing the markdown. Positions are in `value` (a leading byte order mark
 * is dropped first, as remark does).
 *
 * Returns `null` when the document has no frontmatter or it is not closed.
 * Use it to validate many frontmatter blocks fast, for instance with
 * `createFrontmatterValidator(...).validate(readFrontmatter(text))`.
 */
export function readFrontmatter(
  value: string,
  options: {file?: string | undefined} = {}
): ParsedFrontmatter | null {
  const text = value.charCodeAt(0) === 0xfe_ff ? value.slice(1) : value
  const opening = /^---[ \t]*(?:\r\n|\r|\n)/.exec(text)
  if (!opening) return null
  const start = opening[0].length
  const fence = /^---[ \t]*$/gm
  let contentEnd = -1
  let blockEnd = -1

  fence.lastIndex = start
  let match: RegExpExecArray | null
  while ((match = fence.exec(text))) {
    // The fence must start a line (`^` also matches after U+2028).
    const before = text.charCodeAt(match.index - 1)
    if (before === 10 || before === 13) {
      contentEnd = match.index - (before === 10 && text.charCodeAt(match.index - 2) === 13 ? 2 : 1)
      blockEnd = match.index + match[0].length
      break
    }
  }

  if (contentEnd === -1) return null
  const locator = createLocator(text)
  return parseFrontmatter(
    {
      value: text.slice(start, Math.max(start, contentEnd)),
      offset: start,
      position: locator.toPosition(0, blockEnd),
      file: options.file
    },
    locator
  )
}

