/**
 * Rules that report the model's own diagnostics (YAML and frontmatter
 * problems found while building the Checkpoint) instead of finding their own.
 * Core gives each of those diagnostics its final rule id, so a rule reports
 * exactly the model's messages with its id.
 */
import {getModel} from './file-model.js'
import type {RuleContext} from './rule.js'

/** Report the diagnostics of the model whose rule id is the running rule's. */
export function reportModelMessages(context: RuleContext<unknown, unknown>): void {
  for (const message of getModel(context.tree, context.file).messages) {
    if (message.ruleId === context.id) context.adopt(message)
  }
}
