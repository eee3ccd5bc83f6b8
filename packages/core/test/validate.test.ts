import {Ajv2020} from 'ajv/dist/2020.js'
import fc from 'fast-check'
import {describe, expect, it, vi} from 'vitest'
import {
  checkpointFrontmatterSchema,
  createFrontmatterValidator,
  parseCheckpoint,
  readFrontmatter,
  validateFrontmatter,
  type JsonObject,
  type ValidateOptions
} from '../src/index.js'
import {closestMatch} from '../src/internal.js'

/** Validate the frontmatter of `markdown`; messages as `line:col-endLine:endCol: reason`. */
function lint(markdown: string, options: ValidateOptions = {}): string[] {
  const {messages} = parseCheckpoint(markdown, {validate: options})
  return messages.map((message) => String(message))
}

function severities(markdown: string, options: ValidateOptions = {}): string[] {
  const {messages} = parseCheckpoint(markdown, {validate: options})
  return messages.map((message) => (message.fatal ? 'error' : 'warning'))
}

const fm = (...lines: string[]) => ['---', ...lines, '---', '', '# Body', ''].join('\n')

describe('validateFrontmatter with the checkpoint schema', () => {
  it('accepts a complete checkpoint frontmatter', () => {
    const markdown = fm(
      'title: Loops',
      'author: Ada',
      'team: engineering',
      'time: 1.5 hours',
      'timeHours: 1.5',
      'uuid: 123e4567-e89b-42d3-a456-426614174000',
      'type: checkpoint',
      'prerequisites: [variables]',
      'tags: [python, loops]',
      'updated: 2025-01-31',
      'reviewed: 2025-02-01'
    )
    expect(lint(markdown)).toEqual([])
  })

  it.each([
    ['120', 120],
    ['"80 minutes"', 80],
    ['1 hour', 60],
    ['1.5 hours', 90],
    ['90 mins', 90],
    ['1h 30m', 90],
    ['"1:30"', 90]
  ])('accepts `time: %s`, as `timeMinutes` reads it', (time, minutes) => {
    const {checkpoint, messages} = parseCheckpoint(fm('title: T', `time: ${time}`))
    expect(messages.map(String)).toEqual([])
    expect(checkpoint.timeMinutes).toBe(minutes)
  })

  it('reports a `time` that is not a duration at its value, in our words', () => {
    expect(lint(fm('title: T', 'time: about an hour'))).toEqual([
      '3:7-3:20: Unexpected `time` value `about an hour`, expected minutes (`90`) or a duration (`1.5 hours`)'
    ])
  })

  it.each([
    ['time: -5', '3:7-3:9: Unexpected `time` value `-5`, expected minutes (`90`) or a duration (`1.5 hours`)'],
    ['time: true', '3:7-3:11: Unexpected `time` value `true`, expected minutes (`90`) or a duration (`1.5 hours`)'],
    ['time: {minutes: 5}', '3:7-3:19: Unexpected mapping as `time` value, expected minutes (`90`) or a duration (`1.5 hours`)']
  ])('reports `%s`', (line, expected) => {
    expect(lint(fm('title: T', line))).toEqual([expected])
  })

  it('reports missing required keys at the opening fence, one message per key', () => {
    expect(lint(fm('author: Ada'))).toEqual([
      '1:1-1:4: Unexpected missing `title` in frontmatter, expected a non-empty string',
      '1:1-1:4: Unexpected missing `time` in frontmatter, expected minutes (`90`) or a duration (`1.5 hours`)'
    ])
  })

  it('reports a missing frontmatter once at 1:1', () => {
    expect(lint('# Loops\n\nText.\n')).toEqual([
      '1:1-1:1: Unexpected missing frontmatter, expected a `---` block with `title` and `time`'
    ])
  })

  it('reports a title of white space only', () => {
    expect(lint(fm('title: "  "', 'time: 5'))).toEqual([
      '2:8-2:12: Unexpected empty `title` value, expected a non-empty string'
    ])
  })

  it('warns about an unknown key at the key, suggesting a close one', () => {
    const markdown = fm('titel: Loops', 'title: Loops', 'time: 5', 'timehours: 0.1')
    expect(lint(markdown)).toEqual([
      '2:1-2:6: Unexpected unknown frontmatter key `titel`, did you mean `title`?',
      '5:1-5:10: Unexpected unknown frontmatter key `timehours`, did you mean `timeHours`?'
    ])
    expect(severities(markdown)).toEqual(['warning', 'warning'])
    const {messages} = parseCheckpoint(markdown)
    expect(messages[0]?.actual).toBe('titel')
    expect(messages[0]?.expected).toEqual(['title'])
  })

  it('lists the known keys when no key is close', () => {
    expect(lint(fm('title: T', 'time: 5', 'level: 3'))).toEqual([
      '4:1-4:6: Unexpected unknown frontmatter key `level`, expected `title`, `author`, `team`, `time`, `uuid`, `timeHours`, `type`, `prerequisites`, `tags`, `updated`, or `reviewed`'
    ])
  })

  it('makes unknown keys errors with `unknownKeys: error`, and ignores them with `off`', () => {
    const markdown = fm('title: T', 'time: 5', 'autor: Ada')
    expect(severities(markdown, {unknownKeys: 'error'})).toEqual(['error'])
    expect(lint(markdown, {unknownKeys: 'off'})).toEqual([])
  })

  it('points at the list item that is wrong, and at the later of two equal items', () => {
    const {messages} = parseCheckpoint(fm('title: T', 'time: 5', 'tags:', '  - loops', '  - 7', '  - loops'))
    expect(messages.map(String)).toEqual([
      '6:5-6:6: Unexpected `tags` item `7`, expected a non-empty string',
      '7:5-7:10: Unexpected duplicate `tags` item `loops`, expected each item once'
    ])
    expect(String(messages[1]?.cause)).toBe('5:5-5:10: First `loops` is here')
  })

  it('reports formats in words with an example', () => {
    expect(lint(fm('title: T', 'time: 5', 'uuid: 42', 'updated: 31/01/2025'))).toEqual([
      '4:7-4:9: Unexpected `uuid` value `42`, expected a UUID (`123e4567-e89b-42d3-a456-426614174000`)',
      '5:10-5:20: Unexpected `updated` value `31/01/2025`, expected a date (`2024-05-31`)'
    ])
  })

  it('shortens long values in messages', () => {
    const long = 'x'.repeat(100)
    expect(lint(fm('title: T', `time: ${long}`))).toEqual([
      `3:7-3:107: Unexpected \`time\` value \`${'x'.repeat(59)}…\`, expected minutes (\`90\`) or a duration (\`1.5 hours\`)`
    ])
  })
})

describe('timeHours', () => {
  it.each([
    ['90', '1.5'],
    ['100', '1.7'],
    ['100', '1.67'],
    ['100', '2'],
    ['2 hours', '2'],
    ['45 minutes', '0.75'],
    ['45 minutes', '0.8']
  ])('agrees with `time: %s` as `timeHours: %s`', (time, hours) => {
    expect(lint(fm('title: T', `time: ${time}`, `timeHours: ${hours}`))).toEqual([])
  })

  it('reports a `timeHours` that disagrees with `time` at its value', () => {
    const {messages} = parseCheckpoint(fm('title: T', 'time: 100', 'timeHours: 1.5'))
    expect(messages.map(String)).toEqual([
      '4:12-4:15: Unexpected `timeHours` value `1.5`, expected `1.67` to agree with `time` (`100`)'
    ])
    expect(messages[0]?.ruleId).toBe('time-hours-consistent')
    expect(messages[0]?.url).toBe(
      'https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md#time-hours-consistent'
    )
    expect(messages[0]?.expected).toEqual(['1.67'])
  })

  it('does not compare when `time` itself is wrong', () => {
    expect(lint(fm('title: T', 'time: soon', 'timeHours: 3'))).toEqual([
      '3:7-3:11: Unexpected `time` value `soon`, expected minutes (`90`) or a duration (`1.5 hours`)'
    ])
  })
})

describe('`time`, read once by the model', () => {
  it('carries the duration of `time` in the model, and the `timeHours` check agrees with it at the `timeHours` value', () => {
    const {checkpoint, messages} = parseCheckpoint(fm('title: T', 'time: 1h 40m', 'timeHours: 1.5'))
    expect(checkpoint.timeMinutes).toBe(100)
    expect(messages.map(String)).toEqual([
      '4:12-4:15: Unexpected `timeHours` value `1.5`, expected `1.67` to agree with `time` (`1h 40m`)'
    ])
  })

  it('validates `time` and `timeHours` with the reading it is given, not a second one', () => {
    const frontmatter = readFrontmatter(fm('title: T', 'time: an hour and a bit', 'timeHours: 1.5'))
    // Unread, `time` is not a duration: one schema message at its value.
    expect(validateFrontmatter(frontmatter).map(String)).toEqual([
      '3:7-3:24: Unexpected `time` value `an hour and a bit`, expected minutes (`90`) or a duration (`1.5 hours`)'
    ])
    const time = {value: 'an hour and a bit', duration: {ok: true as const, minutes: 80}}
    // The schema keyword takes the reading; the `timeHours` check compares with its 80 minutes.
    expect(validateFrontmatter(frontmatter, {}, {time}).map(String)).toEqual([
      '4:12-4:15: Unexpected `timeHours` value `1.5`, expected `1.33` to agree with `time` (`an hour and a bit`)'
    ])
    // A reading of another value is not this file's `time`: read again.
    expect(validateFrontmatter(frontmatter, {}, {time: {...time, value: '80'}}).map(String)).toHaveLength(1)
  })

  it('gives a project schema that extends ours the same reading of `time`', () => {
    const schema: JsonObject = {$schema: 'https://json-schema.org/draft/2020-12/schema', $ref: 'https://coursemark.dev/schemas/checkpoint-frontmatter.schema.json', required: ['module'], properties: {module: {type: 'string'}}}
    const frontmatter = readFrontmatter(fm('title: T', 'time: a while', 'module: web'))
    const time = {value: 'a while', duration: {ok: true as const, minutes: 30}}
    expect(validateFrontmatter(frontmatter, {schema}).map(String)).toHaveLength(1)
    expect(validateFrontmatter(frontmatter, {schema}, {time}).map(String)).toEqual([])
  })
})

describe('teams', () => {
  const teams = ['careers', 'engineering', 'grading']

  it('accepts a listed team and any team when no list is given', () => {
    expect(lint(fm('title: T', 'time: 5', 'team: grading'), {teams})).toEqual([])
    expect(lint(fm('title: T', 'time: 5', 'team: anything'))).toEqual([])
  })

  it('reports a team outside the list, suggesting a close one', () => {
    const {messages} = parseCheckpoint(fm('title: T', 'time: 5', 'team: carrers'), {validate: {teams}})
    expect(messages.map(String)).toEqual([
      '4:7-4:14: Unexpected `team` value `carrers`, expected `careers`, `engineering`, or `grading` (did you mean `careers`?)'
    ])
    expect(messages[0]?.expected).toEqual(['careers'])
  })
})

describe('a project schema', () => {
  const extended: JsonObject = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://example.com/lesson.schema.json',
    $ref: 'https://coursemark.dev/schemas/checkpoint-frontmatter.schema.json',
    required: ['module'],
    properties: {
      module: {type: 'string', enum: ['web', 'data']},
      level: {type: 'integer', minimum: 1, maximum: 5}
    }
  }

  it('extends ours with `$ref`: its keys are known, ours still checked', () => {
    expect(lint(fm('title: T', 'time: 5', 'module: web', 'level: 2'), {schema: extended})).toEqual([])
    expect(lint(fm('title: T', 'time: never', 'modul: web', 'level: 9'), {schema: extended})).toEqual([
      '1:1-1:4: Unexpected missing `module` in frontmatter, expected `web` or `data`',
      '3:7-3:12: Unexpected `time` value `never`, expected minutes (`90`) or a duration (`1.5 hours`)',
      '4:1-4:6: Unexpected unknown frontmatter key `modul`, did you mean `module`?',
      '5:8-5:9: Unexpected `level` value `9`, expected a whole number from 1 to 5'
    ])
  })

  it('suggests a close allowed value', () => {
    expect(lint(fm('title: T', 'time: 5', 'module: dta'), {schema: extended})).toEqual([
      '4:9-4:12: Unexpected `module` value `dta`, expected `web` or `data` (did you mean `data`?)'
    ])
  })

  it('may have no `$id` and replace ours entirely', () => {
    const schema: JsonObject = {
      type: 'object',
      required: ['name'],
      properties: {name: {type: 'string'}, hours: {anyOf: [{type: 'number'}, {type: 'null'}]}}
    }
    expect(lint(fm('name: Loops', 'hours: null'), {schema})).toEqual([])
    expect(lint(fm('title: Loops', 'hours: many'), {schema})).toEqual([
      '1:1-1:4: Unexpected missing `name` in frontmatter, expected a string',
      '2:1-2:6: Unexpected unknown frontmatter key `title`, expected `name` or `hours`',
      '3:8-3:12: Unexpected `hours` value `many`, expected a number or `null`'
    ])
  })

  it('does not ask for frontmatter when its schema requires nothing', () => {
    expect(lint('# Loops\n', {schema: {type: 'object'}})).toEqual([])
  })

  it.each(['additionalProperties', 'unevaluatedProperties'])('keeps its own `%s: false` an error, reported once', (keyword) => {
    const schema: JsonObject = {type: 'object', properties: {title: {type: 'string'}}, [keyword]: false}
    const markdown = fm('title: T', 'tilte: T')
    expect(lint(markdown, {schema})).toEqual([
      '3:1-3:6: Unexpected unknown frontmatter key `tilte`, did you mean `title`?'
    ])
    expect(severities(markdown, {schema})).toEqual(['error'])
  })

  it('reports nested keys and items by their path', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        links: {
          type: 'object',
          required: ['home'],
          properties: {home: {type: 'string', format: 'uri'}, mirrors: {type: 'array', items: {type: 'string', format: 'uri'}}},
          additionalProperties: false
        }
      }
    }
    expect(lint(fm('links:', '  mirrors:', '    - https://example.com', '    - not a url', '  homme: x'), {schema})).toEqual([
      '3:3-6:11: Unexpected missing `home` in `links`, expected an absolute URL (`https://example.com/page`)',
      '5:7-5:16: Unexpected `links.mirrors` item `not a url`, expected an absolute URL (`https://example.com/page`)',
      '6:3-6:8: Unexpected unknown key `homme` in `links`, did you mean `home`?'
    ])
  })

  it('reports a key that fails `propertyNames` at the key', () => {
    const schema: JsonObject = {type: 'object', propertyNames: {pattern: '^[a-z]+$'}}
    expect(lint(fm('title: T', 'Bad_Key: 1'), {schema, unknownKeys: 'off'})).toEqual([
      '3:1-3:8: Unexpected key `Bad_Key` in frontmatter, expected keys that are a string matching `^[a-z]+$`'
    ])
  })

  it('fails loudly, once, when it is not a valid schema', () => {
    const schema: JsonObject = {type: 'object', properties: {title: {type: 'text'}}}
    expect(() => createFrontmatterValidator({schema})).toThrow(
      'Unexpected frontmatter schema that cannot be compiled (schema/properties/title/type must be equal to one of the allowed values, schema/properties/title/type must be array, schema/properties/title/type must match a schema in anyOf), expected a JSON Schema (draft 2020-12)'
    )
    // `parseCheckpoint` never throws: the problem is a message.
    const {messages} = parseCheckpoint(fm('title: T'), {validate: {schema}})
    expect(messages.map((message) => message.ruleId)).toEqual(['frontmatter-schema'])
    expect(String(messages[0])).toMatch(/^1:1-1:1: Unexpected frontmatter schema that cannot be compiled/)
  })
})

describe('createFrontmatterValidator', () => {
  it('compiles once per schema object and validates many blocks', () => {
    const validator = createFrontmatterValidator()
    expect(validator.schema).toBe(checkpointFrontmatterSchema)
    const blocks = Array.from({length: 500}, (_, index) => fm(`title: Lesson ${index}`, `time: ${index + 1}`))
    for (const block of blocks) expect(validator.validate(readFrontmatter(block))).toEqual([])
    expect(validator.check({title: 'T', time: 5})).toBe(true)
    expect(validator.check({title: 'T', time: 'later'})).toBe(false)
    expect(validator.check({title: 'T', time: 5, extra: 1})).toBe(false)
  })

  it('compiles a project schema once, even when each file gets a copy of it (workers)', () => {
    const compile = vi.spyOn(Ajv2020.prototype, 'compile')
    const schema: JsonObject = {type: 'object', required: ['name'], properties: {name: {type: 'string'}}}
    for (let index = 0; index < 50; index++) {
      const copy = structuredClone(schema)
      expect(lint(fm('name: N'), {schema: copy})).toEqual([])
    }

    // Once each: the `duration` keyword's meta-schema, the schema, the schema with the unknown-key check.
    expect(compile).toHaveBeenCalledTimes(3)
    compile.mockRestore()
  })

  it('gives issues without positions', () => {
    expect(createFrontmatterValidator({teams: ['a']}).issues({title: 5, time: 5, team: 'b'})).toEqual([
      {
        path: ['title'],
        part: 'value',
        reason: 'Unexpected `title` value `5`, expected a non-empty string',
        severity: 'error',
        actual: '5'
      },
      {
        path: ['team'],
        part: 'value',
        reason: 'Unexpected `team` value `b`, expected `a`',
        severity: 'error',
        actual: 'b'
      }
    ])
  })

  it('reports YAML problems, not schema problems, when the YAML cannot be read', () => {
    expect(validateFrontmatter(readFrontmatter(fm('title: [', 'time: 5')))).toEqual([])
  })
})

describe('closestMatch', () => {
  it.each([
    ['titel', 'title'],
    ['Title', 'title'],
    ['autor', 'author'],
    ['time_hours', 'timeHours'],
    ['tag', 'tags'],
    ['prerequisite', 'prerequisites']
  ])('matches %s to %s', (value, expected) => {
    expect(closestMatch(value, Object.keys(checkpointFrontmatterSchema.properties as object))).toBe(expected)
  })

  it.each(['level', 'x', 'ti', 'description'])('finds nothing close to %s', (value) => {
    expect(closestMatch(value, Object.keys(checkpointFrontmatterSchema.properties as object))).toBeUndefined()
  })
})

describe('any data', () => {
  const keys = ['title', 'time', 'timeHours', 'team', 'tags', 'uuid', 'updated', 'prerequisites', '__proto__', 'titel', 'x']

  it('gives issues in our wording, each at a path into the data, and never throws', () => {
    const validator = createFrontmatterValidator({teams: ['careers', 'grading']})
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({maxDepth: 2})), (data) => {
        for (const issue of validator.issues(data)) {
          expect(issue.reason).toMatch(/^Unexpected /)
          expect(issue.reason).not.toMatch(/must|undefined/)
          if (issue.part !== 'block') expect(Object.hasOwn(data, String(issue.path[0]))).toBe(true)
        }
      }),
      {numRuns: 300}
    )
  })
})
