/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message`
 * line per message, which GitHub shows as annotations on the pull request.
 */
import type {Severity} from '@coursemark/core'
import type {FileResult} from '../types.js'
import {escapeData, escapeProperty} from './escape.js'

/** Format results as workflow commands. */
export function github(results: FileResult[]): string {
  let output = ''
  for (const result of results) {
    for (const message of result.messages) {
      const command = annotationCommand(message.severity)
      const properties = [`file=${escapeProperty(result.path)}`]
      if (message.place) {
        properties.push(
          `line=${message.place.start.line}`,
          `col=${message.place.start.column}`,
          `endLine=${message.place.end.line}`,
          `endColumn=${message.place.end.column}`
        )
      }

      properties.push(`title=${escapeProperty(`${message.source}:${message.ruleId}`)}`)
      output += `::${command} ${properties.join(',')}::${escapeData(message.reason)}\n`
    }
  }

  return output
}

/** The workflow command of a severity: GitHub calls info a `notice`. */
function annotationCommand(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'info' ? 'notice' : severity
}
