/**
 * ajv's errors -> issues in our wording, each at a data path (the caller
 * turns the path into a position with the YAML source's `locate`). Two
 * voices: frontmatter (`frontmatterIssues`, the expected value worded from
 * the schema) and the config file (`configIssues`).
 */
import type {ErrorObject} from 'ajv/dist/2020.js'
import type {JsonValue} from '../model/checkpoint.js'
import {isRecord, type SchemaContext} from './schema-resolve.js'
import {
  code,
  expectedOf,
  found,
  listOr,
  pathText,
  text,
  show,
  toDataPath,
  valueAt
} from './schema-words.js'
import {closestMatch} from '../suggest.js'
import type {DataPath} from './yaml-source.js'
import type {Severity} from '../severity.js'

/**
 * How to report keys that the schema does not declare: a severity, or `off`
 * (`warn` is read as `warning`, as in a config).
 */
export type UnknownKeys = 'off' | Severity | 'warn'

/** One problem with data, before it is given a position. */
export interface SchemaIssue {
  /** Path to the key or value the issue is about (`[]`: the whole document). */
  path: DataPath
  /** Whether the issue is about the key at `path`, its value, or the block (a missing key). */
  part: 'key' | 'value' | 'block'
  /** "Unexpected …, expected …". */
  reason: string
  severity: Severity
  /** The rule that reports it, when not `frontmatter-schema` (a `timeHours` that disagrees with `time`: `time-hours-consistent`). */
  ruleId?: string
  /** The key or value found, as text. */
  actual?: string
  /** Replacements for the span, when there are good ones (for editors' quick fixes). */
  expected?: string[]
  /** A second place: the first of two equal list items. */
  cause?: {path: DataPath; reason: string}
}

/**
 * ajv's errors for frontmatter as issues in our wording, one per key or
 * value: a missing key at the block, an unknown key at the key (with
 * "did you mean"), a wrong value at the value (a combinator beats its
 * branches, a type beats the rest).
 */
export function frontmatterIssues(
  errors: ErrorObject[],
  data: unknown,
  context: SchemaContext,
  mode: UnknownKeys
): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  const valueErrors = new Map<string, ErrorObject>()
  const unknownKeys = new Map<string, SchemaIssue>()

  for (const error of errors) {
    // A key that fails `propertyNames` is reported once, by the `propertyNames` error.
    if (error.propertyName !== undefined) continue
    const path = toDataPath(error.instancePath, data)
    switch (error.keyword) {
      case 'required': {
        issues.push(requiredIssue(error, path, context))
        break
      }

      case 'dependentRequired': {
        const key = String(error.params.missingProperty)
        const property = String(error.params.property)
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
        const issue = unknownKeyIssue(error, path, context, mode)
        const id = JSON.stringify(issue.path)
        const existing = unknownKeys.get(id)
        // The project's own `additionalProperties: false` wins over our warning.
        if (!existing || (existing.severity === 'warning' && issue.severity === 'error')) unknownKeys.set(id, issue)
        break
      }

      case 'uniqueItems': {
        issues.push(duplicateItemIssue(error, path, data))
        break
      }

      case 'propertyNames': {
        issues.push(propertyNameIssue(error, path, context))
        break
      }

      // `then`/`else` report what is wrong; `if` only says which applied.
      case 'if': {
        break
      }

      default: {
        // One issue per value: a combinator beats its branches, a type beats the rest.
        const existing = valueErrors.get(error.instancePath)
        if (!existing || rank(error.keyword) < rank(existing.keyword)) valueErrors.set(error.instancePath, error)
      }
    }
  }

  for (const error of valueErrors.values()) issues.push(valueIssue(error, data, context))
  issues.push(...unknownKeys.values())
  return issues
}

function requiredIssue(error: ErrorObject, path: DataPath, context: SchemaContext): SchemaIssue {
  const key = String(error.params.missingProperty)
  const parent = error.parentSchema
  const propertySchema =
    path.length === 0
      ? context.properties().get(key)
      : isRecord(parent) && isRecord(parent.properties) && Object.hasOwn(parent.properties, key)
        ? parent.properties[key]
        : undefined
  const where = path.length === 0 ? 'frontmatter' : code(pathText(path))
  return {
    path,
    part: path.length === 0 ? 'block' : 'value',
    reason: `Unexpected missing ${code(key)} in ${where}, expected ${propertySchema === undefined ? `a ${code(key)} key` : expectedOf(propertySchema, context)}`,
    severity: 'error',
    actual: key
  }
}

/** The severity of an unknown key of our schema (`off` never gets here: no issue is made). */
function unknownKeySeverity(mode: UnknownKeys): Severity {
  return mode === 'error' || mode === 'info' ? mode : 'warning'
}

function unknownKeyIssue(error: ErrorObject, path: DataPath, context: SchemaContext, mode: UnknownKeys): SchemaIssue {
  const key = String(error.params.additionalProperty ?? error.params.unevaluatedProperty)
  const ours = error.schemaPath === '#/unevaluatedProperties' && path.length === 0
  const candidates =
    path.length === 0
      ? [...context.properties().keys()]
      : isRecord(error.parentSchema) && isRecord(error.parentSchema.properties)
        ? Object.keys(error.parentSchema.properties)
        : []
  const suggestion = closestMatch(key, candidates)
  const what = path.length === 0 ? `frontmatter key ${code(key)}` : `key ${code(key)} in ${code(pathText(path))}`
  return {
    path: [...path, key],
    part: 'key',
    reason: suggestion
      ? `Unexpected unknown ${what}, did you mean ${code(suggestion)}?`
      : candidates.length > 0
        ? `Unexpected unknown ${what}, expected ${listOr(candidates.map((item) => code(item)))}`
        : `Unexpected unknown ${what}, expected no other keys`,
    severity: ours ? unknownKeySeverity(mode) : 'error',
    actual: key,
    ...(suggestion ? {expected: [suggestion]} : {})
  }
}

function duplicateItemIssue(error: ErrorObject, path: DataPath, data: unknown): SchemaIssue {
  const later = Math.max(Number(error.params.i), Number(error.params.j))
  const earlier = Math.min(Number(error.params.i), Number(error.params.j))
  const items = valueAt(data, path)
  const item = Array.isArray(items) ? (items[later] as JsonValue) : null
  return {
    path: [...path, later],
    part: 'value',
    reason: `Unexpected duplicate ${code(pathText(path))} item ${show(item)}, expected each item once`,
    severity: 'error',
    actual: text(item),
    cause: {path: [...path, earlier], reason: `First ${show(item)} is here`}
  }
}

function propertyNameIssue(error: ErrorObject, path: DataPath, context: SchemaContext): SchemaIssue {
  const key = String(error.params.propertyName)
  const names = isRecord(error.parentSchema) ? error.parentSchema.propertyNames : undefined
  return {
    path: [...path, key],
    part: 'key',
    reason: `Unexpected key ${code(key)}${path.length === 0 ? ' in frontmatter' : ` in ${code(pathText(path))}`}, expected keys that are ${expectedOf(isRecord(names) ? {type: 'string', ...names} : names, context)}`,
    severity: 'error',
    actual: key
  }
}

function valueIssue(error: ErrorObject, data: unknown, context: SchemaContext): SchemaIssue {
  const path = toDataPath(error.instancePath, data)
  const value = valueAt(data, path)
  const schema = error.keyword === 'false schema' ? false : error.parentSchema
  let expected = error.keyword === 'not' ? 'a different value' : expectedOf(schema, context)
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

  return {
    path,
    part: 'value',
    reason: `Unexpected ${found(path, value)}, expected ${expected}`,
    severity: 'error',
    actual: text(value),
    ...(suggestion ? {expected: [suggestion]} : {})
  }
}

function rank(keyword: string): number {
  if (keyword === 'anyOf' || keyword === 'oneOf') return 0
  if (keyword === 'type') return 1
  return 2
}

/** Checks after ajv: `team` in `teams`, `timeHours` agreeing with `time`. */

/**
 * ajv's errors for the config file as issues in its voice ("Unexpected
 * value `…` for `path`, expected …"): a `oneOf` covers the errors of its
 * branches, and an issue said twice at one place is said once.
 *
 * @param oneOfExpected
 *   What a `oneOf` at `path` expects, in words.
 */
export function configIssues(
  errors: ErrorObject[],
  data: unknown,
  oneOfExpected: (path: DataPath) => string
): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  const covered: string[] = []
  // `oneOf` errors come after the errors of their branches: handle them first.
  const ordered = [
    ...errors.filter((error) => error.keyword === 'oneOf'),
    ...errors.filter((error) => error.keyword !== 'oneOf')
  ]
  const seen = new Set<string>()
  for (const error of ordered) {
    const under = (prefix: string) => error.instancePath === prefix || error.instancePath.startsWith(prefix + '/')
    if (error.keyword !== 'oneOf' && covered.some(under)) continue
    if (error.keyword === 'oneOf') covered.push(error.instancePath)
    const issue = configIssue(error, data, oneOfExpected)
    if (!issue) continue
    const key = `${issue.reason}@${JSON.stringify(issue.path)}:${issue.part}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push(issue)
  }

  return issues
}

function configIssue(
  error: ErrorObject,
  data: unknown,
  oneOfExpected: (path: DataPath) => string
): SchemaIssue | undefined {
  const path = toDataPath(error.instancePath, data)
  const name = path.length === 0 ? 'the config' : code(pathText(path))
  const value = valueAt(data, path) as JsonValue | undefined
  const params: Record<string, unknown> = error.params
  const wrong = (expected: string): SchemaIssue => ({
    path,
    part: 'value',
    reason: `Unexpected value ${showJson(value)} for ${name}, expected ${expected}`,
    severity: 'error'
  })

  switch (error.keyword) {
    case 'oneOf': {
      return wrong(oneOfExpected(path))
    }

    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const known = isRecord(error.parentSchema) && isRecord(error.parentSchema.properties)
        ? Object.keys(error.parentSchema.properties)
        : []
      return {
        path: [...path, key],
        part: 'key',
        reason: `Unexpected unknown option ${code(pathText([...path, key]))}, expected ${plainOr(known.map((item) => code(item)))}`,
        severity: 'error'
      }
    }

    case 'propertyNames': {
      const key = String(params.propertyName)
      return {path: [...path, key], part: 'key', reason: propertyNameReason(path, key), severity: 'error'}
    }

    case 'pattern': {
      // A key's pattern is reported by its `propertyNames` error.
      if ('propertyName' in error) return undefined
      return wrong(patternExpected(path, String(params.pattern)))
    }

    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : []
      return wrong(plainOr(allowed.map((item) => code(String(item)))))
    }

    case 'const': {
      return wrong(showJson(params.allowedValue as JsonValue))
    }

    case 'type': {
      const types = Array.isArray(params.type) ? params.type.map(String) : [String(params.type)]
      return wrong(types.map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or '))
    }

    case 'required': {
      const missing = String(params.missingProperty)
      return {
        path,
        part: 'value',
        reason: `Unexpected ${path.length === 0 ? 'config' : name} without ${code(missing)}, expected ${code(missing)}`,
        severity: 'error'
      }
    }

    default: {
      return wrong(limitExpected(error.keyword, Number(params.limit)) ?? `a valid value (${error.message ?? 'invalid'})`)
    }
  }
}

/** Why a key of an object whose keys are constrained (`propertyNames`) is wrong. */
function propertyNameReason(path: DataPath, key: string): string {
  const last = path.at(-1)
  if (last === 'headers') return `Unexpected host pattern ${code(key)}, expected a host name, \`*.\` and a domain, or \`*\``
  if (path.at(-2) === 'headers') return `Unexpected header name ${code(key)}, expected an HTTP header name such as \`Authorization\``
  return `Unexpected rule ${code(key)}, expected a rule id such as \`objectives-present\``
}

/** What a string that fails its `pattern` should be, from where it is. */
function patternExpected(path: DataPath, pattern: string): string {
  if (path.at(-1) === 'archiveEndpoint') return 'an `http:` or `https:` URL'
  if (path.at(-3) === 'headers') return 'a header value without line breaks or control characters'
  return `a string matching ${code(pattern)}`
}

function limitExpected(keyword: string, limit: number): string | undefined {
  switch (keyword) {
    case 'minItems': {
      return `at least ${limit} ${limit === 1 ? 'item' : 'items'}`
    }

    case 'maxItems': {
      return `at most ${limit} items`
    }

    case 'minLength': {
      return 'a non-empty string'
    }

    case 'minimum': {
      return `a number of at least ${limit}`
    }

    case 'maximum': {
      return `a number of at most ${limit}`
    }

    case 'exclusiveMinimum': {
      return `a number greater than ${limit}`
    }

    default: {
      return undefined
    }
  }
}

/** A value as JSON in backticks: `"loose"`, `[]`. */
function showJson(value: JsonValue | undefined): string {
  return code(value === undefined ? 'undefined' : JSON.stringify(value))
}

/** `a`, `b` or `c` (the config's messages have no serial comma). */
function plainOr(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}
