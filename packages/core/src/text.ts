/** Small text helpers shared by the parser modules. */
import {location} from 'vfile-location'
import type {Point, Position} from './model/checkpoint.js'

/** Map offsets of a text to unist points. */
export interface Locator {
  toPoint(offset: number): Point
  toPosition(start: number, end: number): Position
}

/** Create a locator for `value`; offsets past the end clamp to the end. */
export function createLocator(value: string): Locator {
  const place = location(value)
  const size = value.length

  function toPoint(offset: number): Point {
    let clamped = Math.max(0, Math.min(offset, size))
    // Never point between the `\r` and `\n` of a CRLF.
    if (clamped > 0 && value.charCodeAt(clamped - 1) === 13 && value.charCodeAt(clamped) === 10) {
      clamped--
    }

    const point = place.toPoint(clamped)
    if (point) {
      return {line: point.line, column: point.column, offset: clamped}
    }

    // `vfile-location` gives no point for the end of the text.
    const before = clamped > 0 ? place.toPoint(clamped - 1) : undefined
    if (before) {
      const char = value.charCodeAt(clamped - 1)
      return char === 10 /* `\n` */
        ? {line: before.line + 1, column: 1, offset: clamped}
        : {line: before.line, column: before.column + 1, offset: clamped}
    }

    return {line: 1, column: 1, offset: 0}
  }

  return {
    toPoint,
    toPosition(start, end) {
      return {start: toPoint(start), end: toPoint(end)}
    }
  }
}

/** Collapse runs of white space and trim. */
export function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

/** Normalise a heading for matching against aliases: lower case, letters and spaces. */
export function normaliseHeading(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
