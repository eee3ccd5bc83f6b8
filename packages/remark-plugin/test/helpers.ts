/** Run a preset over markdown the way remark does, and describe its findings. */
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Preset} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

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
