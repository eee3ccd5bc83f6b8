/**
 * The finish phase of the rules that compare files (`duplicate-uuid`,
 * `duplicate-title`), run in the main thread once every file is linted. Each
 * rule's own `finish` runs on the facts every file returned (or the cache
 * kept), and its messages are made by the rule's `report()`, as in
 * remark-cli: same wording, places and severities. A file whose settings turn
 * a rule off takes no part in it; a fact under `<!--lint disable-->` takes
 * part but gets no message (`Facts.quiet`).
 */
import {ruleSetting} from '@coursemark/remark-plugin/rule-meta'
import {finishRule, setRules} from '@coursemark/remark-plugin/set-rules'
import {VFile} from 'vfile'
import type {EffectiveSettings} from './config.js'
import {RunError} from './errors.js'
import {toLintMessage} from './lint-message.js'
import type {FileResult, LintMessage} from './types.js'

/** A linted file and its settings. */
export interface FinishInput {
  settings: EffectiveSettings
  result: FileResult
}

/** Run the finish phase of every rule that has one; returns new messages by display path. */
export function finishChecks(inputs: readonly FinishInput[]): Map<string, LintMessage[]> {
  const files: VFile[] = []
  for (const {settings, result} of inputs) {
    const file = new VFile({path: result.path})
    for (const rule of setRules) {
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
      file.data.coursemarkSet = {
        ...file.data.coursemarkSet,
        [rule.id]: {
          fact: {value: fact.value, place: fact.position},
          options: setting.options,
          severity: setting.severity,
          enabled: !result.facts.quiet?.includes(rule.id)
        }
      }
    }

    if (file.data.coursemarkSet) files.push(file)
  }

  for (const rule of setRules) finishRule(rule, files)
  const output = new Map<string, LintMessage[]>()
  for (const file of files) {
    if (file.messages.length > 0) output.set(file.path, file.messages.map((message) => toLintMessage(message)))
  }

  return output
}
