/**
 * One walk of the tree per file, shared by the model and every rule: the nodes in document
 * order, and by type. `unist-util-visit` in each rule walked the whole tree
 * again for every rule (with ancestor arrays and visitor calls), and those
 * walks together cost a large part of what the parse itself costs.
 */
import type {Nodes, Root} from 'mdast'

/** The nodes of a tree, in document order (pre-order), all and by type. */
export interface NodeIndex {
  all: Nodes[]
  byType: Map<string, Nodes[]>
}

const cache = new WeakMap<Root, NodeIndex>()

/** The index of `tree`, built on first use. */
export function indexOf(tree: Root): NodeIndex {
  const cached = cache.get(tree)
  if (cached) return cached
  const all: Nodes[] = []
  const byType = new Map<string, Nodes[]>()
  const stack: Nodes[] = [tree]

  while (stack.length > 0) {
    const node = stack.pop()
    if (!node) continue
    all.push(node)
    let list = byType.get(node.type)
    if (!list) {
      list = []
      byType.set(node.type, list)
    }

    list.push(node)
    if ('children' in node) {
      for (let index = node.children.length - 1; index >= 0; index--) {
        const child = node.children[index]
        if (child) stack.push(child)
      }
    }
  }

  const index = {all, byType}
  cache.set(tree, index)
  return index
}

/** The nodes of one type in `tree`, in document order. */
export function nodesOfType<Type extends Nodes['type']>(
  tree: Root,
  type: Type
): Array<Extract<Nodes, {type: Type}>> {
  return (indexOf(tree).byType.get(type) ?? []) as Array<Extract<Nodes, {type: Type}>>
}
