/**
 * Read TOML frontmatter (`+++` fences, as Hugo writes it) with smol-toml, and
 * find where each key and value is written, so that schema errors point at
 * the exact key or value, as they do for YAML (same `ParsedFrontmatter`
 * shape, same `locate(path, part)`).
 *
 * smol-toml gives values, not positions: a small scanner walks the (already
 * valid) document once and records the range of every key, value and array
 * item by its path.
 */
import {parse, TomlDate, TomlError} from 'smol-toml'
import type {VFileMessage} from 'vfile-message'
import type {DataPath, FrontmatterSource, ParsedFrontmatter} from './frontmatter.js'
import {maxFrontmatterDepth} from './frontmatter.js'
import {createMessage} from '../messages.js'
import type {JsonObject, JsonValue, Position} from '../model/checkpoint.js'
import type {Locator} from '../text.js'

/** Rule id of TOML frontmatter that cannot be read (YAML's is `frontmatter-yaml`). */
const ruleId = 'frontmatter-toml'

type Range = [number, number]

interface Place {
  key: Range
  value: Range
}

/**
 * Parse TOML frontmatter. Never throws: a TOML error is a message at its line
 * and column (a duplicate key at the key), and leaves `data` `null`.
 */
export function parseTomlFrontmatter(source: FrontmatterSource, locator: Locator): ParsedFrontmatter {
  const messages: VFileMessage[] = []
  const base = source.offset
  const start = source.position.start.offset
  const openingPosition = locator.toPosition(start, start + 3)
  const toPosition = (range: Range): Position => locator.toPosition(base + range[0], base + range[1])
  let data: JsonObject | null = null
  let places: Map<string, Place> | undefined

  try {
    data = toJson(parse(source.value, {maxDepth: maxFrontmatterDepth})) as JsonObject
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    messages.push(tomlMessage(error, source, toPosition))
  }

  return {
    data,
    messages,
    position: source.position,
    openingPosition,
    locate(path: DataPath, part: 'key' | 'value') {
      if (!data) return undefined
      places ??= scanToml(source.value)
      const place = places.get(pathKey(path))
      if (!place) return undefined
      return toPosition(part === 'key' && path.length > 0 ? place.key : place.value)
    }
  }
}

function tomlMessage(
  error: TomlError,
  source: FrontmatterSource,
  toPosition: (range: Range) => Position
): VFileMessage {
  const offset = offsetOf(source.value, error.line, error.column)
  const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '')
  if (/redefine/.test(reason)) {
    const key = /^(?:[\w-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')/.exec(source.value.slice(offset))
    if (key) {
      const name = key[0].replace(/^["']|["']$/g, '')
      return createMessage(`Unexpected duplicate frontmatter key \`${name}\`, expected each key once`, {
        ruleId,
        place: toPosition([offset, offset + key[0].length]),
        file: source.file,
        actual: name
      })
    }
  }

  return createMessage(`Unexpected frontmatter that cannot be read as TOML (${reason}), expected valid TOML`, {
    ruleId,
    // One character, or none at a line end.
    place: toPosition([offset, /[^\r\n]/.test(source.value.charAt(offset)) ? offset + 1 : offset]),
    file: source.file
  })
}

/** Offset of a 1-based line and column in `value`. */
function offsetOf(value: string, line: number, column: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = value.indexOf('\n', offset)
    if (next === -1) return value.length
    offset = next + 1
  }

  return Math.min(value.length, offset + Math.max(0, column - 1))
}

/** smol-toml values -> JSON: dates as ISO strings, non-finite floats as strings. */
function toJson(value: unknown): JsonValue {
  if (value instanceof TomlDate) return value.toISOString()
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((item) => toJson(item))
  if (value && typeof value === 'object') {
    const result: JsonObject = {}
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(result, key, {
        value: toJson(item),
        enumerable: true,
        writable: true,
        configurable: true
      })
    }

    return result
  }

  return null
}

function pathKey(path: DataPath): string {
  return JSON.stringify(path)
}

/** Where every key and value of a valid TOML document is written, by path. */
export function scanToml(text: string): Map<string, Place> {
  const scanner = new Scanner(text)
  scanner.document()
  return scanner.places
}

class Scanner {
  readonly places = new Map<string, Place>()
  private index = 0
  private table: Array<string | number> = []
  private readonly arrayTables = new Map<string, number>()

  constructor(private readonly text: string) {}

  document() {
    const {text} = this
    while (this.index < text.length) {
      this.skip(true)
      if (this.index >= text.length) break
      const from = this.index
      if (text.startsWith('[[', this.index)) this.header(true)
      else if (text.charAt(this.index) === '[') this.header(false)
      else this.pair(this.table)
      if (this.index === from) this.index++
    }
  }

  private header(array: boolean) {
    const from = this.index
    this.index += array ? 2 : 1
    const keys = this.keys()
    this.index += array ? 2 : 1
    let path: Array<string | number> = keys.map((key) => key.name)
    const range: Range = [from, this.index]
    if (array) {
      const id = pathKey(path)
      const count = this.arrayTables.get(id) ?? 0
      this.arrayTables.set(id, count + 1)
      this.record(path, range, range)
      path = [...path, count]
    }

    this.record(path, keys.at(-1)?.range ?? range, range)
    this.table = path
  }

  private pair(prefix: Array<string | number>) {
    const keys = this.keys()
    this.skip(false)
    if (this.text.charAt(this.index) === '=') this.index++
    this.skip(false)
    const path = [...prefix, ...keys.map((key) => key.name)]
    const keyRange = keys.at(-1)?.range ?? [this.index, this.index]
    const value = this.value(path)
    this.record(path, keyRange, value)
  }

  private keys(): Array<{name: string; range: Range}> {
    const keys: Array<{name: string; range: Range}> = []
    const {text} = this
    for (;;) {
      this.skip(false)
      const from = this.index
      const quote = text.charAt(from)
      if (quote === '"' || quote === "'") {
        this.index = this.stringEnd(from, quote, false)
        const raw = text.slice(from + 1, this.index - 1)
        keys.push({name: quote === '"' ? unescape(raw) : raw, range: [from, this.index]})
      } else {
        while (this.index < text.length && /[\w-]/.test(text.charAt(this.index))) this.index++
        keys.push({name: text.slice(from, this.index), range: [from, this.index]})
      }

      this.skip(false)
      if (text.charAt(this.index) !== '.' || this.index === from) return keys
      this.index++
    }
  }

  private value(path: Array<string | number>): Range {
    const {text} = this
    const from = this.index
    const char = text.charAt(from)
    if (char === '"' || char === "'") {
      const triple = text.startsWith(char.repeat(3), from)
      this.index = this.stringEnd(from, char, triple)
    } else if (char === '[') {
      this.array(path)
    } else if (char === '{') {
      this.inlineTable(path)
    } else {
      const date = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:/.test(text.slice(from, from + 14))
      this.index = from + (date ? 11 : 0)
      while (this.index < text.length && !/[\s,\]}#]/.test(text.charAt(this.index))) this.index++
    }

    return [from, this.index]
  }

  private array(path: Array<string | number>) {
    this.index++
    let item = 0
    for (;;) {
      this.skip(true)
      if (this.index >= this.text.length || this.text.charAt(this.index) === ']') break
      const itemPath = [...path, item]
      const range = this.value(itemPath)
      this.record(itemPath, range, range)
      item++
      this.skip(true)
      // Always move on, even over what a valid document cannot hold here.
      if (this.text.charAt(this.index) === ',' || range[0] === range[1]) this.index++
    }

    this.index++
  }

  private inlineTable(path: Array<string | number>) {
    this.index++
    for (;;) {
      this.skip(true)
      const char = this.text.charAt(this.index)
      if (this.index >= this.text.length || char === '}') break
      const from = this.index
      if (char !== ',') this.pair(path)
      if (this.index === from) this.index++
    }

    this.index++
  }

  /** Offset after the closing quote(s) of the string starting at `from`. */
  private stringEnd(from: number, quote: string, triple: boolean): number {
    const {text} = this
    const width = triple ? 3 : 1
    let index = from + width
    while (index < text.length) {
      const char = text.charAt(index)
      if (char === '\\' && quote === '"') {
        index += 2
        continue
      }

      if (triple ? text.startsWith(quote.repeat(3), index) : char === quote) {
        let end = index + width
        // `""""` closes with the extra quotes inside the string.
        while (triple && end < text.length && text.charAt(end) === quote && end - index < 5) end++
        return end
      }

      index++
    }

    return text.length
  }

  /** Skip spaces and comments (and line breaks when `lines`). */
  private skip(lines: boolean) {
    const {text} = this
    while (this.index < text.length) {
      const char = text.charAt(this.index)
      if (char === ' ' || char === '\t' || (lines && (char === '\n' || char === '\r'))) {
        this.index++
      } else if (char === '#') {
        while (this.index < text.length && text.charAt(this.index) !== '\n') this.index++
      } else {
        return
      }
    }
  }

  private record(path: Array<string | number>, key: Range, value: Range) {
    this.places.set(pathKey(path), {key, value})
  }
}

function unescape(raw: string): string {
  return raw.replace(/\\(u[\da-fA-F]{4}|U[\da-fA-F]{8}|.)/g, (_, code: string) => {
    if (code.length > 1) return String.fromCodePoint(Number.parseInt(code.slice(1), 16))
    return ({b: '\b', t: '\t', n: '\n', f: '\f', r: '\r'} as Record<string, string>)[code] ?? code
  })
}
