/**
 * The JSON format (documented, stable): an array, one item per file,
 * `{path, messages: [{ruleId, severity, message, line, column, endLine,
 * endColumn, url}]}`.
 */
import type {FileResult} from '../types.js'

/** One message of the JSON report. */
export interface JsonMessage {
  ruleId: string
  severity: 'error' | 'warning' | 'info'
  message: string
  line: number | null
  column: number | null
  endLine: number | null
  endColumn: number | null
  url: string | null
}

/** One file of the JSON report. */
export interface JsonFile {
  path: string
  messages: JsonMessage[]
}

/** The results as the JSON report's data. */
export function toJsonReport(results: FileResult[]): JsonFile[] {
  return results.map((result) => ({
    path: result.path,
    messages: result.messages.map((message) => ({
      ruleId: message.ruleId,
      severity: message.severity,
      message: message.reason,
      line: message.place?.start.line ?? null,
      column: message.place?.start.column ?? null,
      endLine: message.place?.end.line ?? null,
      endColumn: message.place?.end.column ?? null,
      url: message.url
    }))
  }))
}

/** Format results as JSON. */
export function json(results: FileResult[]): string {
  return JSON.stringify(toJsonReport(results), null, 2) + '\n'
}
