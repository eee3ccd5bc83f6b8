/**
 * The finish phase of the rules that compare files (`duplicate-uuid`,
 * `duplicate-title`), run in the main thread once every file is linted. Each
 * rule's own `finish` runs on the facts every file returned (or the cache
 * kept), and its messages are made by the rule's `report()`, as in
 * remark-cli: same wording, places and severities. A file whose settings turn
 * a rule off takes no part in it; a fact under `<!--lint disable-->` takes
 * part but gets no message (`Facts.quiet`).
 */
import {createRequire} from 'node:module'
import {ruleSetting} from '@coursemark/remark-plugin/rule-meta'
import {finishFinds, finishRule, setRules, type SetRecord} from '@coursemark/remark-plugin/set-rules'
import type {Settings} from '../config/config.js'
import {RunError} from '../errors.js'
import type {FileResult, LintMessage} from '../types.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

/** A linted file and its settings. */
export interface FinishInput {
  settings: Settings
  result: FileResult
}

/**
 * Run the finish phase of every rule that has one; returns new messages by
 * display path. The rules first run on the facts alone: only when one finds
 * something are the files and messages made (the message library is not
 * loaded by a run that finds nothing, such as most cached reruns).
 */
export async function finishChecks(inputs: readonly FinishInput[]): Promise<Map<string, LintMessage[]>> {
  const records = inputs.map(({settings, result}) => recordsOf(settings, result))
  const output = new Map<string, LintMessage[]>()
  const found = setRules.some((rule) =>
    finishFinds(
      rule,
      inputs.flatMap(({result}, index) => {
        const record = records[index]?.[rule.id]
        return record ? [{path: result.path, record}] : []
      })
    )
  )
  if (!found) return output
  const {VFile} = require('vfile') as typeof import('vfile')
  const {toLintMessage} = require('./to-lint-message.js') as typeof import('./to-lint-message.js')
  const files = []
  for (const [index, {result}] of inputs.entries()) {
    const file = new VFile({path: result.path})
    const set = records[index]
    if (set) file.data.coursemarkSet = set
    files.push(file)
  }

  for (const rule of setRules) finishRule(rule, files)
  for (const file of files) {
    if (file.messages.length > 0) output.set(file.path, file.messages.map((message) => toLintMessage(message)))
  }

  return output
}

/** What a file records for each rule comparing files that is on for it: its fact, options, severity, and whether inline comments keep it quiet. */
function recordsOf(settings: Settings, result: FileResult): Record<string, SetRecord> | undefined {
  let records: Record<string, SetRecord> | undefined
  for (const rule of setRules) {
    const own = rule.compares ? undefined : result.facts.records?.[rule.id]
    if (own) {
      records ??= {}
      records[rule.id] = own
      continue
    }

    const fact = rule.compares ? result.facts[rule.compares] : null
    if (!fact) continue
    const configured = Object.hasOwn(settings.rules, rule.id) ? settings.rules[rule.id] : undefined
    let setting: ReturnType<typeof ruleSetting>
    try {
      setting = ruleSetting(rule, settings.preset, configured)
    } catch (error) {
      throw new RunError(error instanceof Error ? error.message : String(error))
    }

    if (setting.severity === undefined || setting.severity === 'off') continue
    records ??= {}
    records[rule.id] = {
      fact: {value: fact.value, place: fact.position},
      options: setting.options,
      severity: setting.severity,
      enabled: !result.facts.quiet?.includes(rule.id)
    }
  }

  return records
}
