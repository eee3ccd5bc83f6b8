/** Run a preset over markdown the way remark does, and describe its findings. */
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Preset} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {getFix} from '../src/fix.js'
import type {Rule} from '../src/rule.js'

/** `line:col-line:col severity rule-id: reason`. */
export function describe(message: VFileMessage): string {
  const place = message.place && 'start' in message.place ? message.place : undefined
  const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
  return `${place?.start.line}:${place?.start.column}-${place?.end.line}:${place?.end.column} ${severity} ${message.ruleId}: ${message.reason}`
}

/** Lint `value` with `preset`; returns the file with its messages. */
export async function lint(value: string, preset: Preset, path = 'lesson.md'): Promise<VFile> {
  const file = new VFile({path, value})
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(preset)
  await processor.run(processor.parse(file), file)
  return file
}

/** The findings of `value` under `preset`, described. */
export async function findings(value: string, preset: Preset): Promise<string[]> {
  const file = await lint(value, preset)
  return file.messages.map((message) => describe(message))
}

/**
 * Run one rule on `value` (remark-parse and remark-frontmatter first) and apply
 * the fixes its messages carry; returns the fixed text and the messages
 * (`line:col-line:col: reason`, without the file name).
 */
export async function applyRuleFixes(
  value: string,
  rule: Rule
): Promise<{output: string; messages: string[]}> {
  const file = new VFile({path: 'x.md', value})
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(rule.plugin)
  await processor.run(processor.parse(file), file)
  const edits = file.messages.flatMap((message) => getFix(message) ?? [])
  let output = value
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end)
  }

  return {output, messages: file.messages.map((message) => String(message).slice(file.path.length + 1))}
}
