/**
 * Read YAML frontmatter with the `yaml` package, keeping node ranges so that
 * every diagnostic points at the exact key or value in the file.
 *
 * Hostile YAML is refused with a message, never an exception: aliases that
 * expand past `maxFrontmatterNodes` values ("billion laughs"), aliases inside
 * their own anchor, nesting deeper than `maxFrontmatterDepth`. Keys such as
 * `__proto__` become own data properties and never touch a prototype.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap
} from 'yaml'
import type {VFileMessage} from 'vfile-message'
import {createMessage} from './messages.js'
import type {JsonObject, JsonValue, Position} from './model.js'
import {createLocator, type Locator} from './text.js'

/** At most this many nodes are built from frontmatter, aliases expanded (no "billion laughs"). */
export const maxFrontmatterNodes = 10_000

/** Deepest nesting of lists and mappings read from frontmatter, aliases expanded. */
export const maxFrontmatterDepth = 100

/** A path into frontmatter data: keys and array indices. */
export type DataPath = ReadonlyArray<string | number>

/** Frontmatter read from a file. */
export interface ParsedFrontmatter {
  /** The data as written, or `null` when unparsable or not a mapping. */
  data: JsonObject | null
  /** YAML diagnostics (syntax, duplicate keys, tabs, not a mapping, too many aliases). */
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
 * discard the data: the last value wins, as in most YAML readers. Any other
 * YAML error leaves `data` `null`.
 */
export function parseFrontmatter(
  source: FrontmatterSource,
  locator: Locator
): ParsedFrontmatter {
  const messages: VFileMessage[] = []
  const base = source.offset
  const file = source.file
  const openingPosition = locator.toPosition(
    source.position.start.offset,
    source.position.start.offset + 3
  )
  let document: Document.Parsed | undefined

  function toPosition(range: readonly [number, number] | undefined) {
    if (!range) return undefined
    let end = Math.max(range[0], range[1])
    // Block collections end after their last line break: stop at their last
    // character (a range of white space only, such as a tab, is kept).
    let trimmed = end
    while (trimmed > range[0] && /\s/.test(source.value.charAt(trimmed - 1))) trimmed--
    if (trimmed > range[0]) end = trimmed
    return locator.toPosition(base + range[0], base + end)
  }

  function rangeOf(node: unknown): [number, number] | undefined {
    const range = (node as YamlNode | null | undefined)?.range
    return range ? [range[0], range[1]] : undefined
  }

  function fail(reason: string, range: [number, number] | undefined, severity?: 'warning') {
    messages.push(
      createMessage(reason, {
        ruleId,
        place: toPosition(range) ?? source.position,
        file,
        ...(severity ? {severity} : {})
      })
    )
  }

  const deep = flowDepthOverflow(source.value)
  if (deep === undefined) {
    try {
      // A lone `\r` ends a line for remark (and YAML 1.2), not for the `yaml`
      // package: make it `\n`, which keeps every offset.
      const text = source.value.includes('\r') ? source.value.replace(/\r(?!\n)/g, '\n') : source.value
      document = parseDocument(text, {
        prettyErrors: false,
        uniqueKeys: false,
        logLevel: 'silent',
        keepSourceTokens: false
      })
    } catch (error) {
      fail(
        'Unexpected frontmatter that cannot be read as YAML: ' +
          String(error instanceof Error ? error.message : error),
        undefined
      )
    }
  } else {
    fail(tooDeep, [deep, deep + 1])
  }

  function lastPair(map: YAMLMap, segment: string | number): Pair | undefined {
    for (let index = map.items.length - 1; index >= 0; index--) {
      const item = map.items[index]
      if (item && isScalar(item.key) && String(item.key.value) === String(segment)) return item
    }

    return undefined
  }

  function locate(path: DataPath, part: 'key' | 'value') {
    if (!document) return undefined
    let node: unknown = document.contents
    let keyRange: [number, number] | undefined

    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document)
      if (isMap(node)) {
        const pair = lastPair(node, segment)
        if (!pair) return undefined
        keyRange = rangeOf(pair.key)
        node = pair.value
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment]
        keyRange = rangeOf(node)
      } else {
        return undefined
      }
    }

    if (part === 'key' && path.length > 0) return toPosition(keyRange)
    const range = rangeOf(node)
    // `title:` with no value: point at the key.
    if ((!range || range[0] === range[1]) && keyRange) return toPosition(keyRange)
    return toPosition(range)
  }

  let data: JsonObject | null = null

  if (document) {
    let previous = -1
    for (const error of document.errors) {
      // One mistake often yields several errors at one place: keep the first.
      if (error.pos[0] === previous) continue
      previous = error.pos[0]
      fail(
        yamlReason(error.code, error.message),
        error.code === 'MISSING_CHAR' ? openingQuote(error.pos[0]) : [error.pos[0], error.pos[1]]
      )
    }

    for (const warning of document.warnings) {
      fail(yamlReason(warning.code, warning.message), [warning.pos[0], warning.pos[1]], 'warning')
    }

    const contents = document.contents

    if (document.errors.length === 0) {
      reportDuplicates(contents, new Set())

      if (contents === null || (isScalar(contents) && contents.value === null)) {
        data = {}
      } else if (isMap(contents)) {
        try {
          data = toJson(contents, document, {nodes: 0, active: new Set()}, 0) as JsonObject
        } catch (error) {
          if (!(error instanceof YamlLimitError)) throw error
          fail(error.message, rangeOf(error.node) ?? rangeOf(contents))
        }
      } else {
        const kind = isSeq(contents) ? 'a list' : 'a single value'
        fail(
          `Unexpected frontmatter that is ${kind}, expected a mapping of keys to values (\`title: …\`)`,
          rangeOf(contents)
        )
      }
    }
  }

  /** The opening quote of the quoted value that is not closed at `offset`, or `offset` itself. */
  function openingQuote(offset: number): [number, number] {
    let found: [number, number] = [offset, offset + 1]
    if (!document) return found
    visit(document, (_, node) => {
      if (
        isScalar(node) &&
        (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') &&
        node.range &&
        node.range[0] < offset &&
        node.range[1] >= offset
      ) {
        found = [node.range[0], node.range[0] + 1]
      }
    })
    return found
  }

  /** Report every key written twice in one mapping, at the later key, with `cause` at the first. */
  function reportDuplicates(node: unknown, seen: Set<unknown>) {
    if (seen.has(node) || seen.size > maxFrontmatterNodes) return
    seen.add(node)
    if (isMap(node)) {
      const first = new Map<string, Pair>()
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value)
          const earlier = first.get(key)
          if (earlier) {
            const cause = createMessage(`First \`${key}\` is here`, {
              ruleId,
              place: toPosition(rangeOf(earlier.key)),
              file,
              severity: 'info'
            })
            messages.push(
              createMessage(
                `Unexpected duplicate frontmatter key \`${key}\`, expected each key once`,
                {ruleId, place: toPosition(rangeOf(pair.key)), file, cause, actual: key}
              )
            )
          } else {
            first.set(key, pair)
          }
        }

        reportDuplicates(pair.value, seen)
      }
    } else if (isSeq(node)) {
      for (const item of node.items) reportDuplicates(item, seen)
    }
  }

  return {
    data,
    messages,
    position: source.position,
    openingPosition,
    locate
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

const tooDeep = `Unexpected frontmatter nested deeper than ${maxFrontmatterDepth} levels, expected at most ${maxFrontmatterDepth}`

/** A limit that stops reading YAML, with the node where it stopped. */
class YamlLimitError extends Error {
  node: unknown
  constructor(message: string, node: unknown) {
    super(message)
    this.node = node
  }
}

/**
 * The offset of the first `[` or `{` past `maxFrontmatterDepth` levels of
 * flow nesting, if any. The YAML parser recurses once per level, so very deep
 * nesting would overflow the stack. Quotes and comments are not skipped: real
 * frontmatter never comes close to the limit.
 */
function flowDepthOverflow(value: string): number | undefined {
  let depth = 0
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 91 /* `[` */ || code === 123 /* `{` */) {
      if (++depth > maxFrontmatterDepth) return index
    } else if ((code === 93 /* `]` */ || code === 125) /* `}` */ && depth > 0) {
      depth--
    }
  }

  return undefined
}

function toJson(
  node: unknown,
  document: Document.Parsed,
  budget: {nodes: number; active: Set<unknown>},
  depth: number
): JsonValue {
  if (++budget.nodes > maxFrontmatterNodes) {
    throw new YamlLimitError(
      `Unexpected frontmatter that expands to more than ${maxFrontmatterNodes} values, expected plain data (are aliases repeating each other?)`,
      document.contents
    )
  }

  if (depth > maxFrontmatterDepth) throw new YamlLimitError(tooDeep, node)

  if (isAlias(node)) {
    const target = node.resolve(document)
    if (target === undefined) {
      throw new YamlLimitError(
        `Unexpected alias \`*${node.source}\` with no anchor, expected \`&${node.source}\` on a value before it`,
        node
      )
    }

    if (budget.active.has(target)) {
      throw new YamlLimitError(
        `Unexpected alias \`*${node.source}\` inside its own anchor, expected an alias to a value defined before it`,
        node
      )
    }

    return toJson(target, document, budget, depth)
  }

  if (isMap(node)) {
    budget.active.add(node)
    const result: JsonObject = {}
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const key = isScalar(pair.key)
        ? String(pair.key.value)
        : isAlias(pair.key)
          ? String(toJson(pair.key, document, budget, depth + 1))
          : String(pair.key)
      // `defineProperty` so that `__proto__` and friends are own data, never the prototype.
      let value: JsonValue
      try {
        value = toJson(pair.value, document, budget, depth + 1)
      } catch (error) {
        // Point a blown budget at the top-level value that blew it.
        if (depth === 0 && error instanceof YamlLimitError && error.node === document.contents) {
          error.node = pair.value
        }

        throw error
      }

      Object.defineProperty(result, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true
      })
    }

    budget.active.delete(node)
    return result
  }

  if (isSeq(node)) {
    budget.active.add(node)
    const result = node.items.map((item) => toJson(item, document, budget, depth + 1))
    budget.active.delete(node)
    return result
  }

  if (isScalar(node)) {
    const value: unknown = node.value
    if (value === null || typeof value === 'string' || typeof value === 'boolean') {
      return value
    }

    if (typeof value === 'number') {
      return Number.isFinite(value) ? value : (node.source ?? String(value))
    }

    if (typeof value === 'bigint') return Number(value)
    // Other values of tagged scalars (`!!binary`): the text as written.
    return node.source ?? String(value)
  }

  return null
}

/** Our wording for the `yaml` package's errors and warnings. */
function yamlReason(code: string, message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')

  switch (code) {
    case 'TAB_AS_INDENT': {
      return 'Unexpected tab in frontmatter indentation, expected spaces'
    }

    case 'BLOCK_AS_IMPLICIT_KEY': {
      return 'Unexpected `: ` inside an unquoted value, expected the value in quotes (`title: "Git: the basics"`)'
    }

    case 'MULTILINE_IMPLICIT_KEY': {
      return 'Unexpected key that runs over several lines, expected `key: value` on one line'
    }

    case 'BAD_SCALAR_START': {
      const character = /character (\S)$/.exec(first)?.[1]
      return character
        ? `Unexpected \`${character}\` at the start of an unquoted value, expected the value in quotes`
        : `Unexpected start of an unquoted value (${first.toLowerCase()}), expected the value in quotes`
    }

    case 'MISSING_CHAR': {
      const quote = /Missing closing (["'])quote/.exec(first)?.[1]
      if (quote) {
        return `Unexpected unclosed quoted value in frontmatter, expected a closing \`${quote}\``
      }

      break
    }

    case 'TAG_RESOLVE_FAILED': {
      const tag = /Unresolved tag: (\S+)/.exec(first)?.[1] ?? 'tag'
      return `Unexpected unknown YAML tag \`${tag}\`, expected plain values (the tag is ignored)`
    }

    default:
  }

  return `Unexpected YAML in frontmatter: ${first}`
}
