/**
 * The unified pipeline of a file's settings: core's parser for the format and
 * the configured coursemark preset (or the model only), built once per
 * distinct settings and reused.
 */
import {createParser} from '@coursemark/core'
import {createPreset, remarkCoursemarkSettings} from '@coursemark/remark-plugin'
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {Settings} from '../config/config.js'

/** A frozen pipeline: parse, then run the rules. */
export type LintProcessor = Processor<Root, Root, Root>

const processors = new Map<string, LintProcessor>()
let processorsByObject = new WeakMap<Settings, LintProcessor>()

/**
 * Forget the pipelines: a pipeline keeps what it read of other files (the
 * folders and headings `no-missing-local-target` looks at), which holds for
 * one run only. Workers live for one run; the main thread calls this when a
 * run starts.
 */
export function forgetProcessors(): void {
  processors.clear()
  processorsByObject = new WeakMap()
}

/** The pipeline of `settings` (without `withRules`: build the model, run no rule). */
export function processorFor(settings: Settings, withRules = true): LintProcessor {
  const known = withRules ? processorsByObject.get(settings) : undefined
  if (known) return known
  // Workers receive a copy of the settings with every task: key by content too.
  const key = (withRules ? '' : 'model:') + JSON.stringify(settings)
  let processor = processors.get(key)
  if (!processor) {
    processor = createProcessor(settings, withRules)
    processors.set(key, processor)
  }

  if (withRules) processorsByObject.set(settings, processor)
  return processor
}

function createProcessor(settings: Settings, withRules: boolean): LintProcessor {
  const parser = () => createParser(settings.format, {rawShortcodes: settings.rawShortcodes})
  const processor = withRules
    ? parser().use(createPreset({preset: settings.preset, rules: settings.rules, settings}))
    : parser().use(remarkCoursemarkSettings, settings)
  return processor.freeze() as unknown as LintProcessor
}
