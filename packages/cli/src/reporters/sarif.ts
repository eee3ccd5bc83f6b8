/**
 * SARIF 2.1.0, for GitHub code scanning, built with `node-sarif-builder`.
 */
import {registry} from '@coursemark/remark-plugin'
import {SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder} from 'node-sarif-builder'
import type {Severity} from '@coursemark/core'
import type {FileResult} from '../types.js'
import type {ReportContext} from './report-context.js'

/** Format results as a SARIF log. */
export function sarif(results: FileResult[], context: ReportContext): string {
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: 'coursemark',
    toolDriverVersion: context.version,
    url: 'https://github.com/coursemark/coursemark'
  })

  const described = new Map<string, {description: string; url: string}>()
  for (const meta of registry) {
    described.set(meta.id, {description: meta.description, url: meta.url})
  }

  // The rules of the results, in order of first appearance (the log stays small and stable).
  const used = new Set<string>()
  for (const result of results) for (const message of result.messages) used.add(message.ruleId)
  for (const id of used) {
    const meta = described.get(id)
    run.addRule(
      new SarifRuleBuilder().initSimple({
        ruleId: id,
        shortDescriptionText: meta?.description ?? id,
        ...(meta ? {helpUri: meta.url} : {})
      })
    )
  }

  for (const result of results) {
    for (const message of result.messages) {
      const init: Parameters<SarifResultBuilder['initSimple']>[0] = {
        level: sarifLevel(message.severity),
        messageText: message.reason,
        ruleId: message.ruleId,
        // A URI reference: spaces and the like percent-encoded.
        fileUri: encodeURI(result.path)
      }
      if (message.place) {
        init.startLine = message.place.start.line
        init.startColumn = message.place.start.column
        init.endLine = message.place.end.line
        init.endColumn = message.place.end.column
      }

      run.addResult(new SarifResultBuilder().initSimple(init))
    }
  }

  const builder = new SarifBuilder()
  builder.addRun(run)
  return builder.buildSarifJsonString({indent: true}) + '\n'
}

/** SARIF's `level` of a severity: `note` for info, else the same word. */
function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity
}
