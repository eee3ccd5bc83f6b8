/** Turn offsets into the file into unist positions, for rules that point inside a node. */
import type {Position} from '@coursemark/core'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

interface Source {
  value: string
  place: ReturnType<typeof location>
}

const cache = new WeakMap<VFile, Source>()

/**
 * The text of a file as remark counts offsets (a byte order mark dropped).
 */
export function sourceOf(file: VFile): string {
  return source(file).value
}

/** The position from offset `start` to offset `end` in `file` (offsets clamp to the file). */
export function positionAt(file: VFile, start: number, end: number): Position {
  const {value, place} = source(file)
  return {start: pointAt(value, place, start), end: pointAt(value, place, end)}
}

function source(file: VFile): Source {
  let found = cache.get(file)
  if (!found) {
    let value = String(file.value ?? '')
    if (value.charCodeAt(0) === 0xfe_ff) value = value.slice(1)
    found = {value, place: location(value)}
    cache.set(file, found)
  }

  return found
}

function pointAt(value: string, place: Source['place'], offset: number) {
  const clamped = Math.max(0, Math.min(offset, value.length))
  const point = place.toPoint(clamped)
  if (point) return {line: point.line, column: point.column, offset: clamped}
  // `vfile-location` has no point for the end of the text.
  const before = clamped > 0 ? place.toPoint(clamped - 1) : undefined
  if (!before) return {line: 1, column: 1, offset: 0}
  return value.charCodeAt(clamped - 1) === 10
    ? {line: before.line + 1, column: 1, offset: clamped}
    : {line: before.line, column: before.column + 1, offset: clamped}
}
