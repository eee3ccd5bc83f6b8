/**
 * Frontmatter validation against a JSON Schema (2020-12) with ajv, every
 * error mapped to the exact YAML key or value it is about:
 *
 * - a wrong type or format: the value (`time: about an hour`)
 * - an unknown key: the key, with "did you mean `title`?" when one is close
 * - a missing required key: the opening `---`, naming the key
 * - a list item: that item
 *
 * ajv is compiled once per distinct schema object and reused for every file.
 * Checks JSON Schema cannot express run after ajv: `timeHours` must agree
 * with `time`, and `team` must be one of the project's `teams`.
 */
import {
  Ajv2020,
  type AnySchemaObject,
  type ErrorObject,
  type ValidateFunction
} from 'ajv/dist/2020.js'
// Under NodeNext the default import of this CommonJS module is `module.exports`, whose `default` is the plugin.
import ajvFormats from 'ajv-formats'
import type {VFileMessage} from 'vfile-message'
import {parseDuration} from './duration.js'
import type {DataPath, ParsedFrontmatter} from './frontmatter.js'
import {createMessage} from './messages.js'
import type {JsonObject, JsonValue, Position} from './model.js'
import {checkpointFrontmatterSchema} from './schemas.generated.js'

/** How to report frontmatter keys that the schema does not declare. */
export type UnknownKeys = 'warn' | 'error' | 'off'

/** Options for `validateFrontmatter` and `createFrontmatterValidator`. */
export interface ValidateOptions {
  /** Path of the file, for messages. */
  file?: string | undefined
  /**
   * A JSON Schema (2020-12) for the frontmatter, already loaded (default:
   * `checkpointFrontmatterSchema`). It may extend ours with
   * `"$ref": "https://coursemark.dev/schemas/checkpoint-frontmatter.schema.json"`.
   * Compiled once per distinct object: pass the same object for every file.
   */
  schema?: JsonObject | undefined
  /** Allowed values of `team`; any string when absent or empty. */
  teams?: readonly string[] | undefined
  /** Keys the schema does not declare: `'warn'` (default), `'error'` or `'off'`. */
  unknownKeys?: UnknownKeys | undefined
}

/** One problem with frontmatter data, before it is given a position. */
export interface FrontmatterIssue {
  /** Path to the key or value the issue is about (`[]`: the whole frontmatter). */
  path: DataPath
  /** Whether the issue is about the key at `path`, its value, or the frontmatter block (a missing key). */
  part: 'key' | 'value' | 'block'
  /** "Unexpected …, expected …". */
  reason: string
  severity: 'error' | 'warning'
  /** The rule that reports it, when not `frontmatter-schema` (a `timeHours` that disagrees with `time`: `time-hours-consistent`). */
  ruleId?: string
  /** The key or value found, as text. */
  actual?: string
  /** Replacements for the span, when there are good ones (for editors' quick fixes). */
  expected?: string[]
  /** A second place: the first of two equal list items. */
  cause?: {path: DataPath; reason: string}
}

/** A compiled frontmatter schema with the options it runs with. */
export interface FrontmatterValidator {
  /** The schema in use. */
  readonly schema: JsonObject
  /** `true` when `data` has no issue at all: the fast path, no messages built. */
  check(data: unknown): boolean
  /** The issues of `data`, without positions. */
  issues(data: unknown): FrontmatterIssue[]
  /**
   * Validate parsed frontmatter (`null`: the file has none): one message per
   * issue, at the exact key or value, sorted by position.
   */
  validate(frontmatter: ParsedFrontmatter | null, file?: string): VFileMessage[]
}

const ruleId = 'frontmatter-schema'
const ownId = String(checkpointFrontmatterSchema.$id)
const durationExpected = 'minutes (`90`) or a duration (`1.5 hours`)'

interface Compiled {
  ajv: Ajv2020
  rootId: string
  root: AnySchemaObject
  /** Without the unknown-key check. */
  open?: ValidateFunction
  /** Closed with `unevaluatedProperties: false`. */
  closed?: ValidateFunction
  /** Top-level properties the schema declares, following `$ref` and `allOf`. */
  properties?: Map<string, unknown>
  /** Keys the schema requires at the top level. */
  required?: string[]
}

/** Compiled schemas by object, then by JSON text (a schema sent to a worker arrives as a new object). */
const cache = new WeakMap<object, Compiled | Error>()
const cacheByText = new Map<string, Compiled | Error>()
const maxCachedTexts = 32

/**
 * Compile a frontmatter schema (cached per schema object) and bind options.
 *
 * Throws when the schema is not a valid JSON Schema (2020-12): call it when
 * reading configuration, so that a bad schema fails loudly, once.
 */
export function createFrontmatterValidator(
  options: Omit<ValidateOptions, 'file'> = {}
): FrontmatterValidator {
  const schema = options.schema ?? checkpointFrontmatterSchema
  const compiled = compile(schema)
  const mode: UnknownKeys = options.unknownKeys ?? 'warn'
  const teams = options.teams && options.teams.length > 0 ? options.teams : undefined
  let validateData: ValidateFunction
  try {
    validateData = functionFor(compiled, mode)
  } catch (error) {
    throw new Error(
      `Unexpected frontmatter schema that cannot be compiled (${schemaProblem(schema, error)}), expected a JSON Schema (draft 2020-12)`
    )
  }

  function issues(data: unknown): FrontmatterIssue[] {
    const errors = validateData(data) ? [] : (validateData.errors ?? [])
    const found = mapErrors(errors, data, compiled, mode)
    found.push(...extraIssues(data, found, teams))
    return found
  }

  return {
    schema,
    check(data) {
      return validateData(data) && extraIssues(data, [], teams).length === 0
    },
    issues,
    validate(frontmatter, file) {
      if (!frontmatter) {
        if (issues({}).length === 0) return []
        const required = requiredOf(compiled)
        return [
          createMessage(
            required.length > 0
              ? `Unexpected missing frontmatter, expected a \`---\` block with ${listAnd(required.map((key) => code(key)))}`
              : 'Unexpected missing frontmatter, expected a `---` block',
            {
              ruleId,
              place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}},
              file
            }
          )
        ]
      }

      if (!frontmatter.data) return []
      return toMessages(issues(frontmatter.data), frontmatter, file)
    }
  }
}

/**
 * Validate parsed frontmatter; `null` means the file has none.
 * Returns one message per problem, at the key or value (ruleId
 * `frontmatter-schema`). Never throws: a schema that cannot be compiled is
 * one message at 1:1.
 */
export function validateFrontmatter(
  frontmatter: ParsedFrontmatter | null,
  options: ValidateOptions = {}
): VFileMessage[] {
  let validator: FrontmatterValidator
  try {
    validator = createFrontmatterValidator(options)
  } catch (error) {
    return [
      createMessage(String(error instanceof Error ? error.message : error), {
        ruleId,
        place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}},
        file: options.file
      })
    ]
  }

  return validator.validate(frontmatter, options.file)
}

/**
 * The candidate closest to `value` by edit distance (case-insensitive,
 * transpositions count once), or `undefined` when none is close: at most one
 * edit, or one per three characters for longer words, and fewer edits than
 * either word has characters.
 *
 * @example
 *   closestMatch('titel', ['title', 'time']) // 'title'
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const lower = value.toLowerCase()
  const limit = Math.max(1, Math.floor(value.length / 3))
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of candidates) {
    if (candidate === value) continue
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance)
    // Replacing every character of a short word is not a typo.
    if (distance < bestDistance && distance < Math.min(value.length, candidate.length)) {
      best = candidate
      bestDistance = distance
    }
  }

  return best
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits), cut off past `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap
  let before: number[] = []
  let previous: number[] = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i]
    let rowMinimum = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let distance = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      )
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        distance = Math.min(distance, (before[j - 2] ?? 0) + 1)
      }

      current[j] = distance
      if (distance < rowMinimum) rowMinimum = distance
    }

    if (rowMinimum >= cap) return cap
    before = previous
    previous = current
  }

  return previous[b.length] ?? cap
}

function compile(schema: JsonObject): Compiled {
  let cached = cache.get(schema)
  let text: string | undefined
  if (!cached && schema !== checkpointFrontmatterSchema) {
    text = JSON.stringify(schema)
    cached = cacheByText.get(text)
    if (cached) cache.set(schema, cached)
  }

  if (cached instanceof Error) throw cached
  if (cached) return cached
  const remember = (value: Compiled | Error) => {
    cache.set(schema, value)
    if (text !== undefined) {
      if (cacheByText.size >= maxCachedTexts) {
        const oldest = cacheByText.keys().next()
        if (!oldest.done) cacheByText.delete(oldest.value)
      }

      cacheByText.set(text, value)
    }
  }

  try {
    const ajv = createAjv()
    let root: AnySchemaObject = schema
    let rootId = typeof schema.$id === 'string' ? schema.$id : undefined
    if (rootId === undefined) {
      rootId = 'urn:coursemark:frontmatter-schema'
      root = {...schema, $id: rootId}
    }

    // A project schema may `$ref` ours, unless it replaces it.
    if (rootId !== ownId) ajv.addSchema(checkpointFrontmatterSchema)
    ajv.addSchema(root)
    const compiled: Compiled = {ajv, rootId, root}
    // Compile now, so that a bad schema fails here and not on the first file.
    compiled.open = ajv.compile({$ref: rootId})
    remember(compiled)
    return compiled
  } catch (error) {
    const failure = new Error(
      `Unexpected frontmatter schema that cannot be compiled (${schemaProblem(schema, error)}), expected a JSON Schema (draft 2020-12)`
    )
    remember(failure)
    throw failure
  }
}

/** What is wrong with a schema that does not compile, in ajv's words (our instance builds no messages). */
function schemaProblem(schema: JsonObject, error: unknown): string {
  const checker = new Ajv2020({allErrors: true, strict: false})
  if (!checker.validateSchema(schema)) {
    return checker.errorsText(checker.errors, {dataVar: 'schema'})
  }

  return String(error instanceof Error ? error.message : error)
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    // Project schemas often carry editor keywords (`markdownDescription`).
    strict: false,
    allowUnionTypes: true,
    // Messages are ours (see `mapErrors`), so ajv need not build its own.
    messages: false
  })
  ajvFormats.default(ajv)
  ajv.addKeyword({
    keyword: 'duration',
    type: ['number', 'string'],
    schemaType: 'boolean',
    metaSchema: {type: 'boolean'},
    // What `parseDuration` reads, so that the schema and `timeMinutes` never disagree.
    validate: (enabled: boolean, data: unknown) => !enabled || parseDuration(data).ok
  })
  return ajv
}

function functionFor(compiled: Compiled, mode: UnknownKeys): ValidateFunction {
  if (mode === 'off') {
    compiled.open ??= compiled.ajv.compile({$ref: compiled.rootId})
    return compiled.open
  }

  // `unevaluatedProperties` (not `additionalProperties`) sees the keys declared
  // through `$ref` and `allOf`, so a project can extend the schema and close it here.
  compiled.closed ??= compiled.ajv.compile({
    type: 'object',
    $ref: compiled.rootId,
    unevaluatedProperties: false
  })
  return compiled.closed
}

/** Resolve a `$ref` against the root schema or the schemas ajv knows (`undefined` when it cannot). */
function resolveRef(compiled: Compiled, ref: string): unknown {
  try {
    if (ref.startsWith('#')) return pointer(compiled.root, ref.slice(1))
    const hash = ref.indexOf('#')
    const id = hash === -1 ? ref : ref.slice(0, hash)
    const target = id === compiled.rootId ? compiled.root : compiled.ajv.getSchema(id)?.schema
    return hash === -1 ? target : pointer(target, ref.slice(hash + 1))
  } catch {
    // Only used for wording: a reference ajv cannot resolve here gives no words.
    return undefined
  }
}

function pointer(value: unknown, path: string): unknown {
  let current = value
  for (const raw of path.split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~')
    if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined
    current = current[segment]
  }

  return current
}

/** Properties declared at the top of a schema, following `$ref`, `allOf`, `anyOf`, `oneOf`, `then`, `else`. */
function collectProperties(
  compiled: Compiled,
  schema: unknown,
  into: Map<string, unknown>,
  required: string[],
  seen: Set<unknown>
) {
  if (!isRecord(schema) || seen.has(schema) || seen.size > 1000) return
  seen.add(schema)
  if (isRecord(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) {
      if (!into.has(key)) into.set(key, value)
    }
  }

  if (Array.isArray(schema.required)) {
    for (const key of schema.required) {
      if (typeof key === 'string' && !required.includes(key)) required.push(key)
    }
  }

  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword]
    if (Array.isArray(list)) {
      for (const item of list) {
        // Only `allOf` makes its `required` keys required.
        collectProperties(compiled, item, into, keyword === 'allOf' ? required : [], seen)
      }
    }
  }

  for (const keyword of ['then', 'else']) collectProperties(compiled, schema[keyword], into, [], seen)
  if (typeof schema.$ref === 'string') {
    collectProperties(compiled, resolveRef(compiled, schema.$ref), into, required, seen)
  }
}

function propertiesOf(compiled: Compiled): Map<string, unknown> {
  if (!compiled.properties) {
    compiled.properties = new Map()
    compiled.required = []
    collectProperties(compiled, compiled.root, compiled.properties, compiled.required, new Set())
  }

  return compiled.properties
}

function requiredOf(compiled: Compiled): string[] {
  propertiesOf(compiled)
  return compiled.required ?? []
}

/** Turn ajv's errors into issues in our wording, one per key or value. */
function mapErrors(
  errors: ErrorObject[],
  data: unknown,
  compiled: Compiled,
  mode: UnknownKeys
): FrontmatterIssue[] {
  const issues: FrontmatterIssue[] = []
  const valueErrors = new Map<string, ErrorObject>()
  const unknownKeys = new Map<string, FrontmatterIssue>()

  for (const error of errors) {
    // A key that fails `propertyNames` is reported once, by the `propertyNames` error.
    if (error.propertyName !== undefined) continue
    const path = toDataPath(error.instancePath, data)
    const params: Record<string, unknown> = error.params

    switch (error.keyword) {
      case 'required': {
        const key = String(params.missingProperty)
        const propertySchema =
          path.length === 0
            ? propertiesOf(compiled).get(key)
            : isRecord(error.parentSchema) &&
                isRecord(error.parentSchema.properties) &&
                Object.hasOwn(error.parentSchema.properties, key)
              ? error.parentSchema.properties[key]
              : undefined
        const where = path.length === 0 ? 'frontmatter' : code(pathText(path))
        issues.push({
          path,
          part: path.length === 0 ? 'block' : 'value',
          reason: `Unexpected missing ${code(key)} in ${where}, expected ${propertySchema === undefined ? `a ${code(key)} key` : expectedOf(propertySchema, compiled)}`,
          severity: 'error',
          actual: key
        })
        break
      }

      case 'dependentRequired': {
        const key = String(params.missingProperty)
        const property = String(params.property)
        issues.push({
          path: [...path, property],
          part: 'key',
          reason: `Unexpected ${code(property)} without ${code(key)}, expected ${code(key)} too`,
          severity: 'error',
          actual: property
        })
        break
      }

      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const key = String(params.additionalProperty ?? params.unevaluatedProperty)
        const ours = error.schemaPath === '#/unevaluatedProperties' && path.length === 0
        const candidates =
          path.length === 0
            ? [...propertiesOf(compiled).keys()]
            : isRecord(error.parentSchema) && isRecord(error.parentSchema.properties)
              ? Object.keys(error.parentSchema.properties)
              : []
        const suggestion = closestMatch(key, candidates)
        const what =
          path.length === 0
            ? `frontmatter key ${code(key)}`
            : `key ${code(key)} in ${code(pathText(path))}`
        const issue: FrontmatterIssue = {
          path: [...path, key],
          part: 'key',
          reason: suggestion
            ? `Unexpected unknown ${what}, did you mean ${code(suggestion)}?`
            : candidates.length > 0
              ? `Unexpected unknown ${what}, expected ${listOr(candidates.map((item) => code(item)))}`
              : `Unexpected unknown ${what}, expected no other keys`,
          severity: ours && mode === 'warn' ? 'warning' : 'error',
          actual: key,
          ...(suggestion ? {expected: [suggestion]} : {})
        }
        const id = JSON.stringify(issue.path)
        const existing = unknownKeys.get(id)
        // The project's own `additionalProperties: false` wins over our warning.
        if (!existing || (existing.severity === 'warning' && issue.severity === 'error')) {
          unknownKeys.set(id, issue)
        }

        break
      }

      case 'uniqueItems': {
        const later = Math.max(Number(params.i), Number(params.j))
        const earlier = Math.min(Number(params.i), Number(params.j))
        const items = valueAt(data, path)
        const item = Array.isArray(items) ? (items[later] as JsonValue) : null
        issues.push({
          path: [...path, later],
          part: 'value',
          reason: `Unexpected duplicate ${code(pathText(path))} item ${show(item)}, expected each item once`,
          severity: 'error',
          actual: text(item),
          cause: {path: [...path, earlier], reason: `First ${show(item)} is here`}
        })
        break
      }

      case 'propertyNames': {
        const key = String(params.propertyName)
        const names = isRecord(error.parentSchema) ? error.parentSchema.propertyNames : undefined
        issues.push({
          path: [...path, key],
          part: 'key',
          reason: `Unexpected key ${code(key)}${path.length === 0 ? ' in frontmatter' : ` in ${code(pathText(path))}`}, expected keys that are ${expectedOf(isRecord(names) ? {type: 'string', ...names} : names, compiled)}`,
          severity: 'error',
          actual: key
        })
        break
      }

      // `then`/`else` report what is wrong; `if` only says which applied.
      case 'if': {
        break
      }

      default: {
        // One issue per value: a combinator beats its branches, a type beats the rest.
        const existing = valueErrors.get(error.instancePath)
        if (!existing || rank(error.keyword) < rank(existing.keyword)) {
          valueErrors.set(error.instancePath, error)
        }
      }
    }
  }

  for (const [instancePath, error] of valueErrors) {
    const path = toDataPath(instancePath, data)
    const value = valueAt(data, path)
    const schema = error.keyword === 'false schema' ? false : error.parentSchema
    let expected = error.keyword === 'not' ? 'a different value' : expectedOf(schema, compiled)
    let suggestion: string | undefined
    if (
      typeof value === 'string' &&
      isRecord(schema) &&
      Array.isArray(schema.enum) &&
      (error.keyword === 'enum' || error.keyword === 'type')
    ) {
      suggestion = closestMatch(
        value,
        schema.enum.filter((item): item is string => typeof item === 'string')
      )
      if (suggestion) expected += ` (did you mean ${code(suggestion)}?)`
    }

    issues.push({
      path,
      part: 'value',
      reason: `Unexpected ${found(path, value)}, expected ${expected}`,
      severity: 'error',
      actual: text(value),
      ...(suggestion ? {expected: [suggestion]} : {})
    })
  }

  issues.push(...unknownKeys.values())
  return issues
}

function rank(keyword: string): number {
  if (keyword === 'anyOf' || keyword === 'oneOf') return 0
  if (keyword === 'type') return 1
  return 2
}

/** Checks after ajv: `team` in `teams`, `timeHours` agreeing with `time`. */
function extraIssues(
  data: unknown,
  issues: FrontmatterIssue[],
  teams: readonly string[] | undefined
): FrontmatterIssue[] {
  if (!isRecord(data)) return []
  const extra: FrontmatterIssue[] = []
  const flagged = (key: string) =>
    issues.some((issue) => issue.path[0] === key && issue.part !== 'block')

  if (teams && typeof data.team === 'string' && !teams.includes(data.team) && !flagged('team')) {
    const suggestion = closestMatch(data.team, teams)
    extra.push({
      path: ['team'],
      part: 'value',
      reason: `Unexpected ${found(['team'], data.team)}, expected ${listOr(teams.map((team) => code(team)))}${suggestion ? ` (did you mean ${code(suggestion)}?)` : ''}`,
      severity: 'error',
      actual: data.team,
      ...(suggestion ? {expected: [suggestion]} : {})
    })
  }

  const hours = data.timeHours
  if (
    Object.hasOwn(data, 'time') &&
    typeof hours === 'number' &&
    Number.isFinite(hours) &&
    !flagged('time') &&
    !flagged('timeHours')
  ) {
    const duration = parseDuration(data.time)
    if (duration.ok) {
      const exact = duration.minutes / 60
      // Agree within the rounding of the number written: `1.7` for 100 minutes, `2` for 110.
      const decimals = /\.(\d+)$/.exec(String(hours))?.[1]?.length ?? 0
      const tolerance = 0.5 * 10 ** -decimals + 1e-9
      if (Math.abs(exact - hours) > tolerance) {
        const rounded = String(Math.round(exact * 100) / 100)
        extra.push({
          path: ['timeHours'],
          part: 'value',
          ruleId: 'time-hours-consistent',
          reason: `Unexpected ${found(['timeHours'], hours)}, expected ${code(rounded)} to agree with \`time\` (${show(data.time as JsonValue)})`,
          severity: 'error',
          actual: String(hours),
          expected: [rounded]
        })
      }
    }
  }

  return extra
}

function toMessages(
  issues: FrontmatterIssue[],
  frontmatter: ParsedFrontmatter,
  file: string | undefined
): VFileMessage[] {
  const placed = issues.map((issue) => {
    const place: Position =
      (issue.part === 'block'
        ? frontmatter.openingPosition
        : (frontmatter.locate(issue.path, issue.part) ??
          frontmatter.locate(issue.path, 'key'))) ?? frontmatter.position
    const cause = issue.cause
      ? createMessage(issue.cause.reason, {
          ruleId,
          place: frontmatter.locate(issue.cause.path, 'value'),
          file,
          severity: 'info'
        })
      : undefined
    return {
      place,
      message: createMessage(issue.reason, {
        ruleId: issue.ruleId ?? ruleId,
        place,
        file,
        severity: issue.severity,
        ...(issue.actual === undefined ? {} : {actual: issue.actual}),
        ...(issue.expected === undefined ? {} : {expected: issue.expected}),
        ...(cause ? {cause} : {})
      })
    }
  })

  placed.sort(
    (a, b) =>
      a.place.start.offset - b.place.start.offset || a.place.end.offset - b.place.end.offset
  )
  return placed.map((item) => item.message)
}

/** A JSON pointer from ajv as a data path; indices of arrays become numbers. */
function toDataPath(instancePath: string, data: unknown): DataPath {
  if (instancePath === '') return []
  const path: Array<string | number> = []
  let current = data
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (Array.isArray(current)) {
      const index = Number(segment)
      path.push(index)
      current = current[index]
    } else {
      path.push(segment)
      current = isRecord(current) && Object.hasOwn(current, segment) ? current[segment] : undefined
    }
  }

  return path
}

function valueAt(data: unknown, path: DataPath): unknown {
  let current = data
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment]
    else if (isRecord(current) && Object.hasOwn(current, String(segment))) current = current[String(segment)]
    else return undefined
  }

  return current
}

/** `time`, `tags[1]`, `links.home`. */
function pathText(path: DataPath): string {
  let result = ''
  for (const segment of path) {
    result += typeof segment === 'number' ? `[${segment}]` : result === '' ? segment : `.${segment}`
  }

  return result
}

/** What was found, as the subject of "Unexpected …". */
function found(path: DataPath, value: unknown): string {
  const last = path.at(-1)
  const subject =
    path.length === 0
      ? 'frontmatter'
      : typeof last === 'number'
        ? `${code(pathText(path.slice(0, -1)))} item`
        : `${code(pathText(path))} value`
  if (Array.isArray(value)) return `list as ${subject}`
  if (isRecord(value)) return `mapping as ${subject}`
  if (typeof value === 'string' && value.trim() === '') return `empty ${subject}`
  return `${subject} ${show(value as JsonValue)}`
}

/** A scalar in backticks, shortened. */
function show(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return 'list'
  if (isRecord(value)) return 'mapping'
  return code(text(value))
}

function text(value: unknown): string {
  if (typeof value === 'string') {
    const line = value.replace(/\s+/g, ' ')
    return line.length > 60 ? line.slice(0, 59) + '…' : line
  }

  return value === undefined ? 'undefined' : JSON.stringify(value)
}

function code(value: string): string {
  return value.includes('`') ? '`` ' + value + ' ``' : '`' + value + '`'
}

function listOr(items: string[]): string {
  return joinList(items, 'or')
}

function listAnd(items: string[]): string {
  return joinList(items, 'and')
}

function joinList(items: string[], word: string): string {
  if (items.length <= 1) return items.join('')
  if (items.length === 2) return `${items[0]} ${word} ${items[1]}`
  return `${items.slice(0, -1).join(', ')}, ${word} ${items.at(-1)}`
}

const formats: Record<string, string> = {
  date: 'a date (`2024-05-31`)',
  'date-time': 'a date and time (`2024-05-31T09:30:00Z`)',
  time: 'a time (`09:30:00Z`)',
  duration: 'an ISO 8601 duration (`PT1H30M`)',
  uuid: 'a UUID (`123e4567-e89b-42d3-a456-426614174000`)',
  uri: 'an absolute URL (`https://example.com/page`)',
  'uri-reference': 'a URL or a relative path',
  url: 'an absolute URL (`https://example.com/page`)',
  email: 'an email address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  regex: 'a regular expression'
}

const plurals: Record<string, string> = {
  string: 'strings',
  number: 'numbers',
  integer: 'whole numbers',
  boolean: '`true` or `false` values',
  object: 'mappings',
  array: 'lists'
}

/** What a schema expects, in words: "a non-empty string", "a date (`2024-05-31`)". */
function expectedOf(schema: unknown, compiled: Compiled, depth = 0): string {
  if (schema === true) return 'any value'
  if (schema === false) return 'no value here'
  if (!isRecord(schema) || depth > 8) return 'a value that matches the schema'
  if (schema.duration === true) return durationExpected
  if (Object.hasOwn(schema, 'const')) return code(JSON.stringify(schema.const))
  if (Array.isArray(schema.enum)) {
    return listOr(schema.enum.map((item) => code(typeof item === 'string' ? item : JSON.stringify(item))))
  }

  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined
  if (branches) return branches.map((branch) => expectedOf(branch, compiled, depth + 1)).join(' or ')
  if (typeof schema.$ref === 'string' && schema.type === undefined) {
    return expectedOf(resolveRef(compiled, schema.$ref), compiled, depth + 1)
  }

  const types: string[] = Array.isArray(schema.type)
    ? schema.type.filter((item): item is string => typeof item === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : []
  const phrases = types.map((type) => typePhrase(type, schema, compiled, depth))
  return phrases.length > 0 ? phrases.join(' or ') : 'a value that matches the schema'
}

function typePhrase(type: string, schema: Record<string, unknown>, compiled: Compiled, depth: number): string {
  switch (type) {
    case 'string': {
      if (typeof schema.format === 'string') {
        return formats[schema.format] ?? `a string in the \`${schema.format}\` format`
      }

      const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0
      const nonEmpty = minLength >= 1 || schema.pattern === '\\S'
      let phrase = nonEmpty ? 'a non-empty string' : 'a string'
      if (minLength > 1) phrase += ` of at least ${minLength} characters`
      if (typeof schema.maxLength === 'number') phrase += ` of at most ${schema.maxLength} characters`
      if (typeof schema.pattern === 'string' && schema.pattern !== '\\S') {
        phrase += ` matching ${code(schema.pattern)}`
      }

      return phrase
    }

    case 'number':
    case 'integer': {
      const noun = type === 'integer' ? 'whole number' : 'number'
      const {minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf} = schema
      let phrase = `a ${noun}`
      if (exclusiveMinimum === 0 && maximum === undefined && exclusiveMaximum === undefined) {
        phrase = `a positive ${noun}`
      } else if (typeof minimum === 'number' && typeof maximum === 'number') {
        phrase += ` from ${minimum} to ${maximum}`
      } else {
        if (typeof minimum === 'number') phrase += ` of at least ${minimum}`
        if (typeof exclusiveMinimum === 'number') phrase += ` greater than ${exclusiveMinimum}`
        if (typeof maximum === 'number') phrase += ` of at most ${maximum}`
        if (typeof exclusiveMaximum === 'number') phrase += ` less than ${exclusiveMaximum}`
      }

      if (typeof multipleOf === 'number') phrase += ` that is a multiple of ${multipleOf}`
      return phrase
    }

    case 'boolean': {
      return '`true` or `false`'
    }

    case 'null': {
      return '`null`'
    }

    case 'array': {
      let phrase = 'a list'
      const items = schema.items
      if (isRecord(items) && typeof items.type === 'string' && plurals[items.type]) {
        const nonEmpty = items.type === 'string' && typeof items.minLength === 'number' && items.minLength >= 1
        const simple = Object.keys(items).every((key) =>
          ['type', 'description', 'title', 'minLength', 'examples'].includes(key)
        )
        phrase = simple
          ? `a list of ${nonEmpty ? 'non-empty ' : ''}${plurals[items.type]}`
          : `a list, each item ${expectedOf(items, compiled, depth + 1)}`
      } else if (isRecord(items)) {
        phrase = `a list, each item ${expectedOf(items, compiled, depth + 1)}`
      }

      if (typeof schema.minItems === 'number' && schema.minItems > 0) {
        phrase += ` (at least ${schema.minItems} ${schema.minItems === 1 ? 'item' : 'items'})`
      }

      if (typeof schema.maxItems === 'number') {
        phrase += ` (at most ${schema.maxItems} ${schema.maxItems === 1 ? 'item' : 'items'})`
      }

      return phrase
    }

    case 'object': {
      return 'a mapping (`key: value` lines)'
    }

    default: {
      return `a ${type}`
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
