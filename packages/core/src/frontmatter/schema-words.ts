/**
 * Schema errors in words: what a schema expects ("a non-empty string",
 * "a date (`2024-05-31`)"), what was found, paths and lists as our messages
 * write them.
 */
import type {JsonValue} from '../model/checkpoint.js'
import {isRecord, type SchemaContext} from './schema-resolve.js'
import type {DataPath} from './yaml-source.js'

/** What the `duration` keyword expects. */
export const durationExpected = 'minutes (`90`) or a duration (`1.5 hours`)'

/** A JSON pointer from ajv as a data path; indices of arrays become numbers. */
export function toDataPath(instancePath: string, data: unknown): DataPath {
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

export function valueAt(data: unknown, path: DataPath): unknown {
  let current = data
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment]
    else if (isRecord(current) && Object.hasOwn(current, String(segment))) current = current[String(segment)]
    else return undefined
  }

  return current
}

/** `time`, `tags[1]`, `links.home`. */
export function pathText(path: DataPath): string {
  let result = ''
  for (const segment of path) {
    result += typeof segment === 'number' ? `[${segment}]` : result === '' ? segment : `.${segment}`
  }

  return result
}

/** What was found, as the subject of "Unexpected …". */
export function found(path: DataPath, value: unknown): string {
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
export function show(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return 'list'
  if (isRecord(value)) return 'mapping'
  return code(text(value))
}

export function text(value: unknown): string {
  if (typeof value === 'string') {
    const line = value.replace(/\s+/g, ' ')
    return line.length > 60 ? line.slice(0, 59) + '…' : line
  }

  return value === undefined ? 'undefined' : JSON.stringify(value)
}

export function code(value: string): string {
  return value.includes('`') ? '`` ' + value + ' ``' : '`' + value + '`'
}

export function listOr(items: string[]): string {
  return joinList(items, 'or')
}

export function listAnd(items: string[]): string {
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
export function expectedOf(schema: unknown, context: SchemaContext, depth = 0): string {
  if (schema === true) return 'any value'
  if (schema === false) return 'no value here'
  if (!isRecord(schema) || depth > 8) return 'a value that matches the schema'
  if (schema.duration === true) return durationExpected
  if (Object.hasOwn(schema, 'const')) return code(JSON.stringify(schema.const))
  if (Array.isArray(schema.enum)) {
    return listOr(schema.enum.map((item) => code(typeof item === 'string' ? item : JSON.stringify(item))))
  }

  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined
  if (branches) return branches.map((branch) => expectedOf(branch, context, depth + 1)).join(' or ')
  if (typeof schema.$ref === 'string' && schema.type === undefined) {
    return expectedOf(context.resolveRef(schema.$ref), context, depth + 1)
  }

  const types: string[] = Array.isArray(schema.type)
    ? schema.type.filter((item): item is string => typeof item === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : []
  const phrases = types.map((type) => typePhrase(type, schema, context, depth))
  return phrases.length > 0 ? phrases.join(' or ') : 'a value that matches the schema'
}

function typePhrase(type: string, schema: Record<string, unknown>, context: SchemaContext, depth: number): string {
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
      return arrayPhrase(schema, context, depth)
    }

    case 'object': {
      return 'a mapping (`key: value` lines)'
    }

    default: {
      return `a ${type}`
    }
  }
}

function arrayPhrase(schema: Record<string, unknown>, context: SchemaContext, depth: number): string {
  let phrase = 'a list'
  const items = schema.items
  if (isRecord(items) && typeof items.type === 'string' && plurals[items.type]) {
    const nonEmpty = items.type === 'string' && typeof items.minLength === 'number' && items.minLength >= 1
    const simple = Object.keys(items).every((key) =>
      ['type', 'description', 'title', 'minLength', 'examples'].includes(key)
    )
    phrase = simple
      ? `a list of ${nonEmpty ? 'non-empty ' : ''}${plurals[items.type]}`
      : `a list, each item ${expectedOf(items, context, depth + 1)}`
  } else if (isRecord(items)) {
    phrase = `a list, each item ${expectedOf(items, context, depth + 1)}`
  }

  if (typeof schema.minItems === 'number' && schema.minItems > 0) {
    phrase += ` (at least ${schema.minItems} ${schema.minItems === 1 ? 'item' : 'items'})`
  }

  if (typeof schema.maxItems === 'number') {
    phrase += ` (at most ${schema.maxItems} ${schema.maxItems === 1 ? 'item' : 'items'})`
  }

  return phrase
}
