/** Helpers shared by the rules. */
import type {Position} from '@coursemark/core'

/** `line:column-line:column`, for messages that name a second place. */
export function formatPlace(position: Position): string {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}
