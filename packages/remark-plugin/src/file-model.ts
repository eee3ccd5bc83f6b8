/**
 * The Checkpoint model, computed once per file from the tree remark already
 * parsed and shared by every rule through `file.data`.
 */
import {checkpointFromTree, type TreeResult} from '@coursemark/core'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'

declare module 'vfile' {
  interface DataMap {
    /** The model of the file, computed by the first coursemark rule that needs it. */
    coursemark: TreeResult
  }
}

/**
 * Get the model of a file, computing it on first use.
 * Never re-parses: it reads the tree of the pipeline.
 */
export function getModel(tree: Root, file: VFile): TreeResult {
  const cached = file.data.coursemark
  if (cached) return cached
  const result = checkpointFromTree(tree, file, file.data.coursemarkSettings ?? {})
  file.data.coursemark = result
  return result
}
