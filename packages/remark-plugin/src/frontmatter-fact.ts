/**
 * The fact a rule comparing files records: a frontmatter value of the
 * Checkpoint (`uuid`, `title`) and where it is written.
 */
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {getModel} from './file-model.js'
import type {SetFact} from './rule.js'

/** The value of `key` with the place of its YAML value, or `undefined` when it is missing or blank. */
export function frontmatterFact(tree: Root, file: VFile, key: 'uuid' | 'title'): SetFact | undefined {
  const {checkpoint, frontmatter} = getModel(tree, file)
  const value = checkpoint[key]
  if (value === null || value.trim() === '') return undefined
  return {value, place: frontmatter?.locate([key], 'value') ?? null}
}
