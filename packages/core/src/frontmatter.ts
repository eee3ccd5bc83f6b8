/**
 * Read YAML frontmatter with the `yaml` package, keeping node ranges so that
 * every diagnostic points at the exact key or value in the file.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode
} from 'yaml'
import type {VFileMessage} from 'vfile-message'
import {createMessage} from './messages.js'
import type {JsonObject, JsonValue, Position} from './model.js'
import type {Locator} from './text.js'

/** At most this many nodes are built from frontmatter, aliases expanded (no "billion laughs"). */
export const maxFrontmatterNodes = 10_000

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
   * index, the item); `'value'` gives the value.
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

/**
 * Parse frontmatter YAML.
 * Never throws: YAML problems become messages with positions.
 */
export function parseFrontmatter(
  source: FrontmatterSource,
  locator: Locator
): ParsedFrontmatter {
  const messages: VFileMessage[] = []
  const base = source.offset
  const openingPosition = locator.toPosition(
    source.position.start.offset,
    source.position.start.offset + 3
  )
  let document: Document.Parsed | undefined

  try {
    document = parseDocument(source.value, {
      lineCounter: new LineCounter(),
      prettyErrors: false,
      uniqueKeys: true,
      logLevel: 'silent',
      keepSourceTokens: false
    })
  } catch (error) {
    messages.push(
      createMessage(
        'Unexpected frontmatter that cannot be read as YAML: ' +
          String(error instanceof Error ? error.message : error),
        {ruleId: 'frontmatter-yaml', place: source.position, file: source.file}
      )
    )
  }

  function toPosition(range: readonly [number, number] | undefined) {
    if (!range) return undefined
    return locator.toPosition(base + range[0], base + Math.max(range[0], range[1]))
  }

  function locate(path: DataPath, part: 'key' | 'value') {
    if (!document) return undefined
    let node: unknown = document.contents
    let keyRange: [number, number] | undefined

    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document)
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment)
        )
        if (!pair) return undefined
        const key = pair.key as YamlNode
        keyRange = key.range ? [key.range[0], key.range[1]] : undefined
        node = pair.value
        if (node === null && key.range) {
          // `title:` with no value: point just past the key.
          return part === 'key'
            ? toPosition(keyRange)
            : toPosition([key.range[1] + 1, key.range[1] + 1])
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment]
        const range = (node as YamlNode | undefined)?.range
        keyRange = range ? [range[0], range[1]] : undefined
      } else {
        return undefined
      }
    }

    if (part === 'key' && path.length > 0) return toPosition(keyRange)
    const range = (node as YamlNode | null | undefined)?.range
    return toPosition(range ? [range[0], range[1]] : undefined)
  }

  let data: JsonObject | null = null

  if (document) {
    for (const error of document.errors) {
      messages.push(
        createMessage(yamlReason(error.code, error.message, source.value, error.pos), {
          ruleId: 'frontmatter-yaml',
          place: toPosition(error.pos),
          file: source.file,
          actual: error.code
        })
      )
    }

    if (document.errors.length === 0) {
      const contents = document.contents
      if (contents === null || (isScalar(contents) && contents.value === null)) {
        data = {}
      } else if (isMap(contents)) {
        const budget = {nodes: 0}
        try {
          const value = toJson(contents, document, budget)
          data = value as JsonObject
        } catch (error) {
          if (error instanceof BudgetError) {
            messages.push(
              createMessage(
                `Unexpected frontmatter that expands to more than ${maxFrontmatterNodes} values, expected plain data (are aliases repeating each other?)`,
                {ruleId: 'frontmatter-yaml', place: toPosition(contents.range ? [contents.range[0], contents.range[1]] : undefined) ?? source.position, file: source.file}
              )
            )
          } else {
            throw error
          }
        }
      } else {
        const kind = isSeq(contents) ? 'a list' : 'a single value'
        messages.push(
          createMessage(
            `Unexpected frontmatter that is ${kind}, expected a mapping of keys to values (\`title: …\`)`,
            {
              ruleId: 'frontmatter-yaml',
              place: toPosition(
                contents.range ? [contents.range[0], contents.range[1]] : undefined
              ),
              file: source.file
            }
          )
        )
      }
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

class BudgetError extends Error {}

function toJson(
  node: unknown,
  document: Document.Parsed,
  budget: {nodes: number}
): JsonValue {
  if (++budget.nodes > maxFrontmatterNodes) throw new BudgetError('budget')

  if (isAlias(node)) {
    return toJson(node.resolve(document), document, budget)
  }

  if (isMap(node)) {
    const result: JsonObject = {}
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const key = isScalar(pair.key)
        ? String(pair.key.value)
        : isAlias(pair.key)
          ? String(toJson(pair.key, document, budget))
          : String(pair.key)
      // `defineProperty` so that `__proto__` and friends are own data, never the prototype.
      Object.defineProperty(result, key, {
        value: toJson(pair.value, document, budget),
        enumerable: true,
        writable: true,
        configurable: true
      })
    }

    return result
  }

  if (isSeq(node)) {
    return node.items.map((item) => toJson(item, document, budget))
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
    if (value instanceof Date) return value.toISOString()
    return node.source ?? String(value)
  }

  return null
}

function yamlReason(
  code: string,
  message: string,
  value: string,
  pos: readonly [number, number]
): string {
  if (code === 'DUPLICATE_KEY') {
    const key = value.slice(pos[0], pos[1]).trim()
    return `Unexpected duplicate frontmatter key \`${key}\`, expected each key once`
  }

  if (code === 'TAB_AS_INDENT') {
    return 'Unexpected tab in frontmatter indentation, expected spaces'
  }

  const first = message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message
  return `Unexpected YAML in frontmatter: ${first}`
}
