/**
 * Frontmatter validation against a JSON Schema (2020-12), every error mapped
 * to the exact YAML key or value it is about:
 *
 * - a wrong type or format: the value (`time: about an hour`)
 * - an unknown key: the key, with "did you mean `title`?" when one is close
 * - a missing required key: the opening `---`, naming the key
 * - a list item: that item
 *
 * Our schemas run precompiled; a project's own is compiled once per
 * distinct schema object (`frontmatter/schema-compile.ts`). Errors are worded by
 * `frontmatter/schema-errors.ts`. Checks JSON Schema cannot express run after the
 * schema: `timeHours` must agree with `time`, and `team` must be one of the
 * project's `teams`.
 */
import type {VFileMessage} from 'vfile-message'
import {durationOf, type ReadAlready} from './duration.js'
import type {ParsedFrontmatter} from './frontmatter/frontmatter.js'
import {createMessage} from './messages.js'
import type {JsonObject, JsonValue, Position} from './model/checkpoint.js'
import {compileFrontmatterSchema, type CompiledSchema, type Validate} from './frontmatter/schema-compile.js'
import {frontmatterIssues, type SchemaIssue, type UnknownKeys} from './frontmatter/schema-errors.js'
import {isRecord} from './frontmatter/schema-resolve.js'
import {code, found, listAnd, listOr, show} from './frontmatter/schema-words.js'
import {checkpointFrontmatterSchema} from './schemas.generated.js'
import {closestMatch} from './suggest.js'

export type {UnknownKeys} from './frontmatter/schema-errors.js'

/** One problem with frontmatter data, before it is given a position. */
export type FrontmatterIssue = SchemaIssue

/** Options for `validateFrontmatter` and `createFrontmatterValidator`. */
export interface ValidateOptions {
  /** Path of the file, for messages. */
  file?: string | undefined
  /**
   * A JSON Schema (2020-12) for the frontmatter, already loaded (default:
   * `checkpointFrontmatterSchema`). It may extend ours with
   * `"$ref": "https://coursemark.dev/schemas/checkpoint-frontmatter.schema.json"`.
   * Ours run precompiled; another is compiled once per distinct object:
   * pass the same object for every file.
   */
  schema?: JsonObject | undefined
  /** Allowed values of `team`; any string when absent or empty. */
  teams?: readonly string[] | undefined
  /** Keys the schema does not declare: `'warning'` (default; `'warn'` too), `'error'`, `'info'` or `'off'`. */
  unknownKeys?: UnknownKeys | undefined
}

/** A compiled frontmatter schema with the options it runs with. */
export interface FrontmatterValidator {
  /** The schema in use. */
  readonly schema: JsonObject
  /** `true` when `data` has no issue at all: the fast path, no messages built. */
  check(data: unknown): boolean
  /** The issues of `data`, without positions (`read`: what the model read of it already, its `time`). */
  issues(data: unknown, read?: ReadAlready): FrontmatterIssue[]
  /**
   * Validate parsed frontmatter (`null`: the file has none): one message per
   * issue, at the exact key or value, sorted by position.
   */
  validate(frontmatter: ParsedFrontmatter | null, file?: string, read?: ReadAlready): VFileMessage[]
}

const ruleId = 'frontmatter-schema'
const atStart: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

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
  const compiled = compileFrontmatterSchema(schema)
  const mode: UnknownKeys = options.unknownKeys ?? 'warning'
  const teams = options.teams && options.teams.length > 0 ? options.teams : undefined
  let validateData: Validate
  try {
    validateData = compiled.validator(mode !== 'off')
  } catch (error) {
    throw new Error(
      `Unexpected frontmatter schema that cannot be compiled (${String(error instanceof Error ? error.message : error)}), expected a JSON Schema (draft 2020-12)`
    )
  }

  function issues(data: unknown, read?: ReadAlready): FrontmatterIssue[] {
    const errors = validateData.call(read, data) ? [] : (validateData.errors ?? [])
    const found = frontmatterIssues(errors, data, compiled.context, mode)
    found.push(...extraIssues(data, found, teams, read))
    return found
  }

  return {
    schema,
    check: (data) => validateData.call(undefined, data) && extraIssues(data, [], teams, undefined).length === 0,
    issues,
    validate(frontmatter, file, read) {
      if (!frontmatter) return missingFrontmatter(issues({}).length > 0, compiled, file)
      if (!frontmatter.data) return []
      return toMessages(issues(frontmatter.data, read), frontmatter, file)
    }
  }
}

/** The message for a file without frontmatter, when the schema needs some. */
function missingFrontmatter(needed: boolean, compiled: CompiledSchema, file: string | undefined): VFileMessage[] {
  if (!needed) return []
  const required = compiled.context.required()
  return [
    createMessage(
      required.length > 0
        ? `Unexpected missing frontmatter, expected a \`---\` block with ${listAnd(required.map((key) => code(key)))}`
        : 'Unexpected missing frontmatter, expected a `---` block',
      {ruleId, place: atStart, file}
    )
  ]
}

/**
 * Validate parsed frontmatter; `null` means the file has none.
 * Returns one message per problem, at the key or value (ruleId
 * `frontmatter-schema`). Never throws: a schema that cannot be compiled is
 * one message at 1:1.
 *
 * @param read
 *   What the model read of the file already (its `time`), so that it is not
 *   read again.
 */
export function validateFrontmatter(
  frontmatter: ParsedFrontmatter | null,
  options: ValidateOptions = {},
  read?: ReadAlready
): VFileMessage[] {
  let validator: FrontmatterValidator
  try {
    validator = createFrontmatterValidator(options)
  } catch (error) {
    return [
      createMessage(String(error instanceof Error ? error.message : error), {
        ruleId,
        place: atStart,
        file: options.file
      })
    ]
  }

  return validator.validate(frontmatter, options.file, read)
}

/** Checks after ajv: `team` in `teams`, `timeHours` agreeing with `time`. */
function extraIssues(
  data: unknown,
  issues: SchemaIssue[],
  teams: readonly string[] | undefined,
  read: ReadAlready | undefined
): SchemaIssue[] {
  if (!isRecord(data)) return []
  const extra: SchemaIssue[] = []
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
    const duration = durationOf(data.time, read)
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
  issues: SchemaIssue[],
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
