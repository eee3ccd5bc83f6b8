/**
 * The shared node index lives in core, so that the model and the rules read
 * one walk of the tree.
 */
import {nodesOfType} from '@coursemark/core/internal'
import type {Nodes, Root} from 'mdast'

export {indexOf, nodesOfType} from '@coursemark/core/internal'
export type {NodeIndex} from '@coursemark/core/internal'

/**
 * The nodes of several types in `tree`, in document order (by start offset;
 * a parent before a child that starts with it, when its type is listed
 * first).
 */
export function nodesOfTypes<Type extends Nodes['type']>(
  tree: Root,
  types: readonly Type[]
): Array<Extract<Nodes, {type: Type}>> {
  const lists = types.map((type) => nodesOfType(tree, type)).filter((list) => list.length > 0)
  if (lists.length < 2) return lists[0] ?? []
  return lists.flat().sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))
}
