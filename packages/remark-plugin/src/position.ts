/**
 * Positions of offsets into a file, for rules that point inside a node: core's
 * locator (`createLocator`, which never points between a CR and its LF) over
 * the text remark parsed, made once per file.
 */
import type {Position} from '@coursemark/core'
import {createLocator, type Locator} from '@coursemark/core/internal'
import type {VFile} from 'vfile'

interface Source {
  value: string
  locator: Locator
}

const cache = new WeakMap<VFile, Source>()

/** The text of a file as remark counts offsets (a byte order mark dropped). */
export function sourceOf(file: VFile): string {
  return source(file).value
}

/** The position from offset `start` to offset `end` in `file` (offsets clamp to the file). */
export function positionAt(file: VFile, start: number, end: number): Position {
  return source(file).locator.toPosition(start, end)
}

function source(file: VFile): Source {
  let found = cache.get(file)
  if (!found) {
    let value = String(file.value ?? '')
    if (value.charCodeAt(0) === 0xfe_ff) value = value.slice(1)
    found = {value, locator: createLocator(value)}
    cache.set(file, found)
  }

  return found
}
