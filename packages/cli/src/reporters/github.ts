/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message`
 * line per message, which GitHub shows as annotations on the pull request.
 */
import type {FileResult} from '../types.js'
import {escapeData, escapeProperty} from './escape.js'

/** Format results as workflow commands. */
export function github(results: FileResult[]): string {
  let output = ''
  for (const result of results) {
    for (const message of result.messages) {
      const command = message.severity === 'error' ? 'error' : message.severity === 'warning' ? 'warning' : 'notice'
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
