/**
 * Text of the prose: the `text` nodes of a tree (never code, inline code,
 * HTML or frontmatter, which are other node types), mapped back to offsets in
 * the file.
 */
import type {Position} from '@coursemark/core'
import type {Root, Text} from 'mdast'
import type {VFile} from 'vfile'
import {nodesOfType} from './node-index.js'
import {positionAt, sourceOf} from './position.js'

/** A text node and where its value is written. */
export interface ProseText {
  node: Text
  value: string
  /** Offset of `value[0]` in the file when the value is written verbatim, else `undefined`. */
  start: number | undefined
  /** The written source of the node. */
  source: string
  /** Offset of `source[0]`. */
  sourceStart: number
}

const cache = new WeakMap<VFile, ProseText[]>()

/** Every text node of `tree`, in order (computed once per file). */
export function proseTexts(tree: Root, file: VFile): ProseText[] {
  const cached = cache.get(file)
  if (cached) return cached
  const value = sourceOf(file)
  const texts: ProseText[] = []
  for (const node of nodesOfType(tree, 'text')) {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) continue
    const source = value.slice(start, end)
    texts.push({
      node,
      value: node.value,
      start: source === node.value ? start : undefined,
      source,
      sourceStart: start
    })
  }

  cache.set(file, texts)
  return texts
}

/**
 * The position of `value.slice(index, index + length)` of a text in the file,
 * or `undefined` when that snippet is not written verbatim (it was escaped,
 * for instance: an escaped snippet is intended).
 */
export function snippetPosition(
  file: VFile,
  text: ProseText,
  index: number,
  length: number
): Position | undefined {
  if (text.start !== undefined) return positionAt(file, text.start + index, text.start + index + length)
  const snippet = text.value.slice(index, index + length)
  const found = text.source.indexOf(snippet)
  if (found === -1 || text.source.charAt(found - 1) === '\\') return undefined
  return positionAt(file, text.sourceStart + found, text.sourceStart + found + length)
}
