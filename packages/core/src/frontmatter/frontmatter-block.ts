/**
 * A frontmatter block of a file (YAML `---` or TOML `+++`), as the parser
 * found it, read into data with the place of every key and value. Shared by
 * the model (`model/parse-checkpoint.ts`) and the link reader (`link-uses.ts`), so both read
 * the same `uuid` and `title`.
 */
import {parseFrontmatter, type ParsedFrontmatter} from './frontmatter.js'
import type {FrontmatterSyntax} from '../profiles.js'
import type {Locator} from '../text.js'
import {parseTomlFrontmatter} from './toml.js'
import type {YamlReadOptions} from './yaml-source.js'

/** A frontmatter block as the parser found it. */
export interface FrontmatterBlock {
  syntax: FrontmatterSyntax
  /** The text between the fences (the node's `value`). */
  value: string
  /** Offsets of the block in the file, fences included. */
  start: number
  end: number
}

/** Read a frontmatter block of `text` (the whole file, for offsets). */
export function readFrontmatterBlock(
  block: FrontmatterBlock,
  text: string,
  locator: Locator,
  path: string | undefined,
  options: YamlReadOptions = {}
): ParsedFrontmatter {
  const {start, end} = block
  // The data starts after the line ending of the opening fence (`\n`, `\r\n` or a lone `\r`).
  const fence = /\r\n|\r|\n/g
  fence.lastIndex = start
  const newline = fence.exec(text)
  const offset = !newline || newline.index > end ? end : newline.index + newline[0].length
  const source = {value: block.value, offset, position: locator.toPosition(start, end), file: path}
  return block.syntax === 'toml' ? parseTomlFrontmatter(source, locator) : parseFrontmatter(source, locator, options)
}
