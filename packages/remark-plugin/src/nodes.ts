/**
 * The shared node index lives in core, so that the model and the rules read
 * one walk of the tree.
 */
export {indexOf, nodesOfType} from '@coursemark/core'
export type {NodeIndex} from '@coursemark/core'
