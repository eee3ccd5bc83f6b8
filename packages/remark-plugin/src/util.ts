/** Helpers shared by the rules. */
import type {Position} from '@coursemark/core'

/** Documentation URL of a rule. */
export function ruleUrl(id: string): string {
  return 'https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md#' + id
}

/** `line:column-line:column`, for messages that name a second place. */
export function formatPlace(position: Position): string {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}
