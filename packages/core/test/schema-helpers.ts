/** Test helpers: the Checkpoint schema validator and a position walker. */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import type {Checkpoint, Position} from '../src/index.js'

const schemaPath = fileURLToPath(new URL('../../../schemas/checkpoint.schema.json', import.meta.url))

/** Validate a checkpoint against `schemas/checkpoint.schema.json`; returns ajv's errors or `[]`. */
export const validateCheckpoint = (() => {
  const ajv = new Ajv2020({allErrors: true, strict: true, allowUnionTypes: true})
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object)
  return (checkpoint: Checkpoint) => {
    // What `coursemark parse` prints: the JSON text, read back.
    const ok = validate(JSON.parse(JSON.stringify(checkpoint)))
    return ok ? [] : (validate.errors ?? [])
  }
})()

/** Every position in a value (objects with `start` and `end` points). */
export function positionsOf(value: unknown): Position[] {
  const found: Position[] = []
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const current = stack.pop()
    if (Array.isArray(current)) {
      stack.push(...(current as unknown[]))
    } else if (current && typeof current === 'object') {
      const record = current as Record<string, unknown>
      if (isPoint(record.start) && isPoint(record.end)) {
        found.push(record as unknown as Position)
      } else {
        for (const key of Object.keys(record)) {
          if (key !== 'frontmatter') stack.push(record[key])
        }
      }
    }
  }

  return found
}

function isPoint(value: unknown): boolean {
  return Boolean(value && typeof value === 'object' && 'line' in value && 'offset' in value)
}

/**
 * Problems with `position` in `text`: offsets outside the text, start after
 * end, or line/column that disagree with the offset.
 */
export function checkPosition(text: string, position: Position): string | undefined {
  for (const point of [position.start, position.end]) {
    if (point.offset < 0 || point.offset > text.length) return `offset ${point.offset} outside 0..${text.length}`
    // Line endings are `\r\n`, `\n` or a lone `\r`, as in CommonMark and editors.
    const before = text.slice(0, point.offset)
    const lines = before.split(/\r\n|\r|\n/)
    const line = lines.length
    const column = (lines.at(-1) ?? '').length + 1
    if (line !== point.line || column !== point.column) {
      return `point ${point.line}:${point.column} does not match offset ${point.offset} (${line}:${column})`
    }
  }

  if (position.start.offset > position.end.offset) return 'start after end'
  return undefined
}
