/**
 * JUnit XML, for CI systems that show test reports: one test suite per file,
 * one test case per message, one passing test case for a clean file. An error
 * is a failed test case; a warning (or info) a passing one with the message
 * in `<system-out>`, so the failures counted match the exit code (ESLint's
 * junit formatter makes every message a `<failure>`, its severity only in the
 * text, and CI then shows warnings as failed tests of a passing run).
 */
import type {FileResult} from '../types.js'
import {escapeXml} from './escape.js'

/** Format results as JUnit XML. */
export function junit(results: FileResult[]): string {
  let tests = 0
  let failures = 0
  let body = ''
  for (const result of results) {
    const path = escapeXml(result.path)
    const count = Math.max(1, result.messages.length)
    const failed = result.messages.filter((message) => message.severity === 'error').length
    tests += count
    failures += failed
    body += `  <testsuite name="${path}" tests="${count}" failures="${failed}" errors="0">\n`
    if (result.messages.length === 0) {
      body += `    <testcase name="coursemark" classname="${path}"/>\n`
    }

    for (const message of result.messages) {
      const where = message.place ? `${message.place.start.line}:${message.place.start.column}` : '1:1'
      const outcome =
        message.severity === 'error'
          ? `<failure type="${message.severity}" message="${escapeXml(message.reason)}">${escapeXml(`${result.path}:${where} ${message.reason}`)}</failure>`
          : `<system-out>${escapeXml(`${result.path}:${where} ${message.severity} ${message.reason}`)}</system-out>`
      body +=
        `    <testcase name="${escapeXml(`${message.source}:${message.ruleId} ${where}`)}" classname="${path}">\n` +
        `      ${outcome}\n` +
        '    </testcase>\n'
    }

    body += '  </testsuite>\n'
  }

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="coursemark" tests="${tests}" failures="${failures}" errors="0">\n` +
    body +
    '</testsuites>\n'
  )
}
