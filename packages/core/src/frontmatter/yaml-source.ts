/**
 * YAML text read once with the `yaml` package, keeping node ranges: what the
 * frontmatter reader and the config loader share. It gives
 *
 * - the problems of the text in our wording, each with its range;
 * - `locate(path, part)`: where a key or value at a data path is written;
 * - `toData(path)`: the value at a path as plain JSON, within limits.
 *
 * Ranges are offsets into the text given, `[start, end)`, with the trailing
 * white space of block collections trimmed. Hostile YAML is refused with a
 * problem, never an exception: aliases that expand past `maxYamlNodes`
 * values, aliases inside their own anchor, nesting deeper than
 * `maxYamlDepth`. Keys such as `__proto__` become own data properties.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Pair as YamlPair,
  parseDocument,
  Scalar,
  visit,
  YAMLMap as YamlMapNode,
  type Alias,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap
} from 'yaml'
import type {JsonObject, JsonValue, Position} from '../model/checkpoint.js'
import {createLocator, type Locator} from '../text.js'
import {repairForGenerators, type Repair} from './yaml-portable.js'

/** At most this many nodes are built from YAML, aliases expanded (no "billion laughs"). */
export const maxYamlNodes = 10_000

/** Deepest nesting of lists and mappings read from YAML, aliases expanded. */
export const maxYamlDepth = 100

/** A path into YAML data: keys and array indices. */
export type DataPath = ReadonlyArray<string | number>

/** A range of the text: `[start, end)` offsets. */
export type YamlRange = readonly [number, number]

/** What the YAML is, in messages: `frontmatter` or `config`. */
export type YamlSubject = 'frontmatter' | 'config'

/** How to read YAML text. */
export interface YamlReadOptions {
  /**
   * Read plain `yes`/`no`/`on`/`off` as booleans and sexagesimal numbers
   * (`1:30`) as numbers, as YAML 1.1 readers (libyaml) do, each with a
   * warning that it is not portable.
   */
  yaml11?: boolean | undefined
}

/** A problem of the YAML text, in our wording. */
export interface YamlProblem {
  /** "Unexpected …, expected …". */
  reason: string
  range: YamlRange
  severity: 'error' | 'warning'
  /** The text found, when there is a short one (a duplicate key). */
  actual?: string
  /** A second place: the first of two equal keys. */
  cause?: {reason: string; range: YamlRange}
}

/** The data at a path, or the problem that stopped reading it. */
export type YamlData = {ok: true; value: JsonValue} | {ok: false; problem: YamlProblem}

/** YAML text read with positions. */
export interface YamlSource {
  /** The text as given. */
  readonly text: string
  /** Syntax errors and warnings (not portable YAML included), sorted by position. */
  readonly problems: YamlProblem[]
  /** `true` when no problem is an error: `toData` gives the data. */
  readonly readable: boolean
  /** Every key written twice in one mapping, at the later key, with `cause` at the first. */
  duplicates(): YamlProblem[]
  /** Whether the node at `path` is absent, `null`, a mapping, a list or a single value. */
  kindAt(path: DataPath): 'absent' | 'null' | 'mapping' | 'list' | 'scalar'
  /** The value at `path` as plain JSON (`{}` for an empty document). */
  toData(path?: DataPath): YamlData
  /**
   * Where a key or value at `path` is written. `'key'` gives the key of the
   * last segment (for an index, the item); `'value'` the value (for a key
   * with no value, such as `title:`, the key). With duplicate keys, the last
   * one is found: it is the one whose value the data holds.
   */
  locate(path: DataPath, part: 'key' | 'value'): YamlRange | undefined
  /** The range of the whole document's contents. */
  contentsRange(): YamlRange | undefined
  /** A range as a unist position (1-based lines and columns) in the text. */
  toPosition(range: YamlRange): Position
}

/**
 * Read YAML text. Never throws. When the strict YAML 1.2 reading fails in
 * a way the site generators' readers accept (see `yaml-portable.ts`), the
 * text is read as they read it and a warning says it is not portable.
 */
export function readYamlSource(text: string, subject: YamlSubject, options: YamlReadOptions = {}): YamlSource {
  const problems: YamlProblem[] = []
  const deep = flowDepthOverflow(text)
  if (deep !== undefined) {
    problems.push({reason: tooDeep(subject), range: [deep, deep + 1], severity: 'error'})
    return createSource(text, undefined, problems, noRepair, subject)
  }

  // A lone `\r` ends a line for remark (and YAML 1.2), not for the `yaml`
  // package: make it `\n`, which keeps every offset.
  const lines = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text
  const document = simpleDocument(lines) ?? parse(lines)
  if (document.errors.length > 0) {
    const repair = repairForGenerators(lines, document.errors)
    const repaired = repair ? parse(repair.text) : undefined
    if (repair && repaired && repaired.errors.length === 0) {
      problems.push(...repair.warnings)
      if (options.yaml11) problems.push(...readYaml11(repaired, repair.text, repair.toOriginal))
      return createSource(text, repaired, problems, repair, subject)
    }
  }

  if (options.yaml11 && document.errors.length === 0) problems.push(...readYaml11(document, lines, noRepair.toOriginal))
  return createSource(text, document, problems, noRepair, subject)
}

/** Plain scalars that YAML 1.1 reads as booleans (and YAML 1.2 as strings). */
const yaml11Booleans = new Map([
  ...['yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['no', 'No', 'NO', 'off', 'Off', 'OFF'].map((word) => [word, false] as const)
])

/** A sexagesimal number of YAML 1.1 (`1:30` is 90, `1:30:00` is 5400). */
const sexagesimal = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/

const portable =
  '(not portable YAML: libyaml, which the Workbench and Jekyll use, reads YAML 1.1; YAML 1.2 readers read a string)'

/**
 * Give plain scalars the value a YAML 1.1 reader gives them, with a warning
 * at each. `text` is the text `document` was parsed from.
 */
function readYaml11(document: Document.Parsed, text: string, toOriginal: (offset: number) => number): YamlProblem[] {
  const problems: YamlProblem[] = []
  // The contents, not the document: `simpleDocument` makes a plain object around them.
  if (!document.contents) return problems
  visit(document.contents, {
    Scalar(key, node) {
      // Keys stay strings: a YAML 1.1 reader's `on:` key is a boolean no lesson means.
      if (key === 'key' || node.type !== 'PLAIN' || typeof node.value !== 'string' || !node.range) return
      const written = text.slice(node.range[0], node.range[1]).trim()
      const range: YamlRange = [toOriginal(node.range[0]), toOriginal(node.range[0] + written.length)]
      const flag = yaml11Booleans.get(written)
      if (flag !== undefined) {
        node.value = flag
        problems.push({reason: `Unexpected YAML 1.1 boolean \`${written}\`, expected \`${String(flag)}\` ${portable}`, range, severity: 'warning'})
      } else if (sexagesimal.test(written)) {
        const sign = written.startsWith('-') ? -1 : 1
        const value = sign * written.replace(/^[-+]/, '').replace(/_/g, '').split(':').reduce((sum, part) => sum * 60 + Number(part), 0)
        node.value = value
        problems.push({reason: `Unexpected YAML 1.1 sexagesimal number \`${written}\`, expected \`${String(value)}\` ${portable}`, range, severity: 'warning'})
      }
    }
  })
  return problems
}

const noRepair: Repair = {text: '', warnings: [], toOriginal: (offset) => offset}

/** How the `yaml` package reads: duplicate keys and warnings are ours to report. */
export const yamlParseOptions = {
  prettyErrors: false,
  uniqueKeys: false,
  logLevel: 'silent',
  keepSourceTokens: false
} as const

function parse(text: string): Document.Parsed {
  return parseDocument(text, yamlParseOptions)
}

/**
 * One line of the simplest frontmatter: a key of letters, digits, `_` and `-`
 * at the line's start, `: `, and a value of printable ASCII that starts and
 * ends with a non-space character, to the line's end.
 */
const simpleLine = /([A-Za-z_][\w-]*): +([!-~](?:[ -~]*[!-~])?)(?=\n|$)/y

/** Plain scalars the core schema reads as `null` or a boolean. */
const notStrings = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'])

/** Plain scalars starting with a digit that the core schema may read as a number. */
const numberLike = /^(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/

/**
 * What the `yaml` package makes of text that is only lines of `key: value`
 * (and empty lines, which mark the next key `spaceBefore`), where each value
 * is a string or a decimal integer as the core schema reads it; `undefined`
 * for any other text, which `parseDocument` reads. Most frontmatter is such
 * text, and the package's lexer, parser and composer were a large part of
 * building a lint's model. The nodes are the package's own classes with the fields and
 * ranges its composer gives them (`test/yaml-source.test.ts` compares the two
 * on generated text). Longer texts (over 4 KB) are left to the parser.
 */
export function simpleDocument(text: string): Document.Parsed | undefined {
  if (text.length > 4096) return undefined
  const map = new YamlMapNode()
  let start = 0
  let end = 0
  let blank = false
  while (start < text.length) {
    let lineEnd = text.indexOf('\n', start)
    if (lineEnd === -1) lineEnd = text.length
    if (lineEnd === start) {
      blank = true
    } else {
      simpleLine.lastIndex = start
      const match = simpleLine.exec(text)
      const key = match?.[1]
      const raw = match?.[2]
      if (key === undefined || raw === undefined || notStrings.has(key)) return undefined
      const value = simpleValue(raw)
      if (value === undefined) return undefined
      const keyEnd = start + key.length
      end = lineEnd < text.length ? lineEnd + 1 : lineEnd
      const keyNode = plainScalar(key, key, [start, keyEnd, keyEnd])
      // As the composer marks a node after an empty line.
      if (blank && map.items.length > 0) keyNode.spaceBefore = true
      blank = false
      map.items.push(new YamlPair(keyNode, plainScalar(value, raw, [lineEnd - raw.length, lineEnd, end])))
    }

    start = lineEnd + 1
  }

  const first = map.items[0]
  if (!first) return undefined
  map.range = [(first.key as Scalar).range?.[0] ?? 0, end, end]
  // The fields of a parsed document that are read here (`contents`, `errors`, `warnings`).
  return {contents: map, errors: [], warnings: []} as unknown as Document.Parsed
}

/** The value of a plain scalar when it is a string or a decimal integer; `undefined` for anything else. */
function simpleValue(raw: string): string | number | undefined {
  // A `: ` or a final `:` would start a mapping, a ` #` a comment.
  if (raw.includes(': ') || raw.includes(' #') || raw.endsWith(':')) return undefined
  const code = raw.charCodeAt(0)
  // A letter: a string, but for `null`, `true` and `false`.
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
    return notStrings.has(raw) ? undefined : raw
  }

  // A digit: a decimal integer, or a string that no number pattern matches.
  if (code >= 48 && code <= 57) {
    if (/^[0-9]{1,15}$/.test(raw)) return Number.parseInt(raw, 10)
    return numberLike.test(raw) ? undefined : raw
  }

  // Anything else (an indicator, `.`, `~`, a quote) is left to the parser.
  return undefined
}

function plainScalar(value: string | number, source: string, range: [number, number, number]): Scalar {
  const scalar = new Scalar(value)
  scalar.range = range
  scalar.source = source
  scalar.type = 'PLAIN'
  return scalar
}

function createSource(
  text: string,
  document: Document.Parsed | undefined,
  problems: YamlProblem[],
  repair: Repair,
  subject: YamlSubject
): YamlSource {
  const original = (offset: number) => repair.toOriginal(offset)

  /** A node range in `text`, without the trailing white space of block collections. */
  function rangeOf(node: unknown): YamlRange | undefined {
    const range = (node as YamlNode | null | undefined)?.range
    return range ? trim([original(range[0]), original(range[1])]) : undefined
  }

  function trim(range: YamlRange): YamlRange {
    let end = Math.max(range[0], range[1])
    let trimmed = end
    while (trimmed > range[0] && /\s/.test(text.charAt(trimmed - 1))) trimmed--
    // A range of white space only (a tab) is kept.
    if (trimmed > range[0]) end = trimmed
    return [range[0], end]
  }

  if (document) problems.push(...documentProblems(document, subject, trim, original))
  problems.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])
  const readable = !problems.some((problem) => problem.severity === 'error')

  const nodeAt = (path: DataPath) => (document ? findNode(document, path, rangeOf) : undefined)

  let locator: Locator | undefined
  return {
    text,
    problems,
    readable,
    duplicates: () => (document ? findDuplicates(document.contents, subject, rangeOf) : []),
    kindAt(path) {
      const found = nodeAt(path)
      if (!found) return 'absent'
      let node = found.node
      if (document && isAlias(node)) node = node.resolve(document)
      if (node === null || node === undefined || (isScalar(node) && node.value === null)) return 'null'
      return isMap(node) ? 'mapping' : isSeq(node) ? 'list' : 'scalar'
    },
    toData(path = []) {
      const found = nodeAt(path)
      if (!document || !found) return {ok: true, value: path.length === 0 ? {} : null}
      const node = found.node
      if (path.length === 0 && (node === null || (isScalar(node) && node.value === null))) {
        return {ok: true, value: {}}
      }

      try {
        return {ok: true, value: toJson(node, document, {nodes: 0, active: new Set(), subject}, 0)}
      } catch (error) {
        if (!(error instanceof YamlLimitError)) throw error
        const at = error.node === document.contents ? node : error.node
        return {
          ok: false,
          problem: {reason: error.message, range: rangeOf(at) ?? [0, 0], severity: 'error'}
        }
      }
    },
    locate(path, part) {
      const found = nodeAt(path)
      if (!found) return undefined
      if (part === 'key' && path.length > 0) return found.key
      const range = rangeOf(found.node)
      // `title:` with no value: point at the key.
      if ((!range || range[0] === range[1]) && found.key) return found.key
      return range
    },
    contentsRange: () => rangeOf(document?.contents),
    toPosition(range) {
      locator ??= createLocator(text)
      return locator.toPosition(range[0], range[1])
    }
  }
}

/** The node at a data path, and the range of its key (for an index, the item). */
function findNode(
  document: Document.Parsed,
  path: DataPath,
  rangeOf: (node: unknown) => YamlRange | undefined
): {node: unknown; key: YamlRange | undefined} | undefined {
  let node: unknown = document.contents
  let key: YamlRange | undefined
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document)
    if (isMap(node)) {
      const pair = lastPair(node, segment)
      if (!pair) return undefined
      key = rangeOf(pair.key)
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment]
      key = rangeOf(node)
    } else {
      return undefined
    }
  }

  return {node, key}
}

function lastPair(map: YAMLMap, segment: string | number): Pair | undefined {
  for (let index = map.items.length - 1; index >= 0; index--) {
    const item = map.items[index]
    if (item && isScalar(item.key) && String(item.key.value) === String(segment)) return item
  }

  return undefined
}

/** The errors and warnings of the `yaml` package, in our wording; one per place. */
function documentProblems(
  document: Document.Parsed,
  subject: YamlSubject,
  trim: (range: YamlRange) => YamlRange,
  original: (offset: number) => number
): YamlProblem[] {
  const problems: YamlProblem[] = []
  let previous = -1
  for (const error of document.errors) {
    // One mistake often yields several errors at one place: keep the first.
    if (error.pos[0] === previous) continue
    previous = error.pos[0]
    const range: YamlRange =
      error.code === 'MISSING_CHAR' ? openingQuote(document, error.pos[0]) : [error.pos[0], error.pos[1]]
    problems.push({
      reason: yamlReason(error.code, error.message, subject),
      range: trim([original(range[0]), original(range[1])]),
      severity: 'error'
    })
  }

  for (const warning of document.warnings) {
    problems.push({
      reason: yamlReason(warning.code, warning.message, subject),
      range: trim([original(warning.pos[0]), original(warning.pos[1])]),
      severity: 'warning'
    })
  }

  return problems
}

/** The opening quote of the quoted value that is not closed at `offset`, or `offset` itself. */
function openingQuote(document: Document.Parsed, offset: number): YamlRange {
  let found: YamlRange = [offset, offset + 1]
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

function findDuplicates(
  contents: unknown,
  subject: YamlSubject,
  rangeOf: (node: unknown) => YamlRange | undefined
): YamlProblem[] {
  const problems: YamlProblem[] = []
  const seen = new Set<unknown>()
  const what = subject === 'frontmatter' ? 'frontmatter key' : 'key'

  function walk(node: unknown) {
    if (seen.has(node) || seen.size > maxYamlNodes) return
    seen.add(node)
    if (isMap(node)) {
      const first = new Map<string, Pair>()
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value)
          const earlier = first.get(key)
          if (earlier) {
            problems.push({
              reason: `Unexpected duplicate ${what} \`${key}\`, expected each key once`,
              range: rangeOf(pair.key) ?? [0, 0],
              severity: 'error',
              actual: key,
              cause: {reason: `First \`${key}\` is here`, range: rangeOf(earlier.key) ?? [0, 0]}
            })
          } else {
            first.set(key, pair)
          }
        }

        walk(pair.value)
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item)
    }
  }

  walk(contents)
  return problems
}

function tooDeep(subject: YamlSubject): string {
  return `Unexpected ${subject} nested deeper than ${maxYamlDepth} levels, expected at most ${maxYamlDepth}`
}

/** A limit that stops reading YAML, with the node where it stopped. */
class YamlLimitError extends Error {
  node: unknown
  constructor(message: string, node: unknown) {
    super(message)
    this.node = node
  }
}

/**
 * The offset of the first `[` or `{` past `maxYamlDepth` levels of flow
 * nesting, if any. The YAML parser recurses once per level, so very deep
 * nesting would overflow the stack. Quotes and comments are not skipped: real
 * YAML never comes close to the limit.
 */
function flowDepthOverflow(value: string): number | undefined {
  let depth = 0
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 91 /* `[` */ || code === 123 /* `{` */) {
      if (++depth > maxYamlDepth) return index
    } else if ((code === 93 /* `]` */ || code === 125) /* `}` */ && depth > 0) {
      depth--
    }
  }

  return undefined
}

interface Budget {
  nodes: number
  active: Set<unknown>
  subject: YamlSubject
}

function toJson(node: unknown, document: Document.Parsed, budget: Budget, depth: number): JsonValue {
  if (++budget.nodes > maxYamlNodes) {
    throw new YamlLimitError(
      `Unexpected ${budget.subject} that expands to more than ${maxYamlNodes} values, expected plain data (are aliases repeating each other?)`,
      document.contents
    )
  }

  if (depth > maxYamlDepth) throw new YamlLimitError(tooDeep(budget.subject), node)
  if (isAlias(node)) return aliasToJson(node, document, budget, depth)
  if (isMap(node)) return mapToJson(node, document, budget, depth)
  if (isSeq(node)) {
    budget.active.add(node)
    const result = node.items.map((item) => toJson(item, document, budget, depth + 1))
    budget.active.delete(node)
    return result
  }

  if (isScalar(node)) {
    const value: unknown = node.value
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
    if (typeof value === 'number') return Number.isFinite(value) ? value : (node.source ?? String(value))
    if (typeof value === 'bigint') return Number(value)
    // Other values of tagged scalars (`!!binary`): the text as written.
    return node.source ?? String(value)
  }

  return null
}

function aliasToJson(
  node: Alias,
  document: Document.Parsed,
  budget: Budget,
  depth: number
): JsonValue {
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

function mapToJson(node: YAMLMap, document: Document.Parsed, budget: Budget, depth: number): JsonObject {
  budget.active.add(node)
  const result: JsonObject = {}
  for (const pair of node.items) {
    if (!isPair(pair)) continue
    const key = isScalar(pair.key)
      ? String(pair.key.value)
      : isAlias(pair.key)
        ? String(toJson(pair.key, document, budget, depth + 1))
        : String(pair.key)
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

    // `defineProperty` so that `__proto__` and friends are own data, never the prototype.
    Object.defineProperty(result, key, {value, enumerable: true, writable: true, configurable: true})
  }

  budget.active.delete(node)
  return result
}

/** Our wording for the `yaml` package's errors and warnings. */
function yamlReason(code: string, message: string, subject: YamlSubject): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
  const where = subject === 'frontmatter' ? 'frontmatter' : 'the config'

  switch (code) {
    case 'TAB_AS_INDENT': {
      return `Unexpected tab in ${subject} indentation, expected spaces`
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
      if (quote) return `Unexpected unclosed quoted value in ${where}, expected a closing \`${quote}\``
      break
    }

    case 'TAG_RESOLVE_FAILED': {
      const tag = /Unresolved tag: (\S+)/.exec(first)?.[1] ?? 'tag'
      return `Unexpected unknown YAML tag \`${tag}\`, expected plain values (the tag is ignored)`
    }

    default:
  }

  return subject === 'frontmatter'
    ? `Unexpected YAML in frontmatter: ${first}`
    : `Unexpected config that cannot be read as JSON or YAML: ${first}`
}
