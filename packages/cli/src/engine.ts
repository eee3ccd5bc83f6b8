/**
 * Lint one file: read it, check the input limits, run one unified pipeline
 * (core's parser for the format, the configured coursemark preset) on it,
 * and return plain data: messages with fix edits, and the few model fields
 * the cross-file checks need. Used by the main thread and by the workers.
 */
import {readFile, stat} from 'node:fs/promises'
import {
  createMessage,
  createParser,
  defaultLimits,
  linkKind,
  parseCheckpoint,
  scanLimits,
  severityOf,
  type Checkpoint,
  type ParseOptions,
  type Position,
  type ValidateOptions
} from '@coursemark/core'
import {
  createPreset,
  getFix,
  getModel,
  registry,
  remarkCoursemarkSettings,
  type CoursemarkSettings
} from '@coursemark/remark-plugin'
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {EffectiveSettings, FrontmatterSettings} from './config.js'
import {crossFileRuleIds} from './cross-file.js'
import {describeFsError} from './errors.js'
import type {Edit, Facts, FileOutcome, LintMessage, Located} from './types.js'

/** One file to lint. */
export interface LintTask {
  /** Absolute path. */
  path: string
  /** Path shown in reports (relative to `cwd`). */
  display: string
  /** Working directory (the VFile's `cwd`). */
  cwd: string
  settings: EffectiveSettings
  /** Apply fixes (in memory; the caller writes the file). */
  fix: boolean
  /** With `fix`: report the messages of the file as it is, not as fixed. */
  dryRun?: boolean
  /** Build the model only, run no rule (`coursemark links` needs the links, not the findings). */
  modelOnly?: boolean
}

/** At most this many fix passes per file. */
export const maxFixPasses = 5

const ruleIds = new Set(registry.map((meta) => meta.id))
const processors = new Map<string, Processor<Root, Root, Root>>()

/** The model options the settings give. */
export function parseOptionsOf(settings: EffectiveSettings, path?: string): ParseOptions {
  const options: ParseOptions = {}
  if (path !== undefined) options.path = path
  if (settings.headings) options.headings = settings.headings
  if (settings.limits) options.limits = settings.limits
  if (settings.wordsPerMinute !== undefined) options.wordsPerMinute = settings.wordsPerMinute
  if (settings.frontmatter) options.validate = validateOptionsOf(settings.frontmatter)
  return options
}

/** Frontmatter settings of the config -> `ParseOptions.validate`. */
function validateOptionsOf(frontmatter: FrontmatterSettings): ValidateOptions {
  const options: ValidateOptions = {}
  if (frontmatter.schema) options.schema = frontmatter.schema
  if (frontmatter.teams) options.teams = frontmatter.teams
  if (frontmatter.unknownKeys) options.unknownKeys = frontmatter.unknownKeys
  return options
}

const processorsByObject = new WeakMap<EffectiveSettings, Processor<Root, Root, Root>>()

function processorFor(settings: EffectiveSettings, modelOnly = false): Processor<Root, Root, Root> {
  const known = modelOnly ? undefined : processorsByObject.get(settings)
  if (known) return known
  // Workers receive a copy of the settings with every task: key by content too.
  const key = (modelOnly ? 'model:' : '') + JSON.stringify(settings)
  let processor = processors.get(key)
  if (!processor) {
    const options = parseOptionsOf(settings)
    const coursemark: CoursemarkSettings = {root: settings.root}
    if (options.headings) coursemark.headings = options.headings
    if (options.limits) coursemark.limits = options.limits
    if (options.wordsPerMinute !== undefined) coursemark.wordsPerMinute = options.wordsPerMinute
    if (options.validate !== undefined) coursemark.validate = options.validate
    if (options.format !== undefined) coursemark.format = options.format
    processor = (
      modelOnly
        ? createParser(options.format).use(remarkCoursemarkSettings, coursemark)
        : createParser(options.format).use(
            createPreset({preset: settings.preset, rules: pluginRules(settings.rules), settings: coursemark})
          )
    ).freeze() as unknown as Processor<Root, Root, Root>
    processors.set(key, processor)
  }

  if (!modelOnly) processorsByObject.set(settings, processor)
  return processor
}

/** The rules the remark plugin runs (cross-file rules run later, in the main thread). */
function pluginRules(rules: EffectiveSettings['rules']): EffectiveSettings['rules'] {
  const result: EffectiveSettings['rules'] = {}
  for (const [id, value] of Object.entries(rules)) {
    if (!crossFileRuleIds.has(id)) result[id] = value
  }

  return result
}

const strictDecoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
const lenientDecoder = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true})

/** Read and lint one file. Never throws: a file that cannot be read is an `ok: false` outcome. */
export async function lintFile(task: LintTask): Promise<FileOutcome> {
  let bytes: Uint8Array
  try {
    // A file over three bytes a character of `maxSize` is too large whatever
    // its encoding: say so without reading it into memory.
    const limits = {...defaultLimits, ...task.settings.limits}
    const {size} = await stat(task.path)
    if (size > limits.maxSize * 3) {
      const message = createMessage(
        `Unexpected file of ${size} bytes, expected at most ${limits.maxSize} characters (option \`maxSize\`)`,
        {ruleId: 'input-too-large', place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}, file: task.display}
      )
      return {ok: true, result: {path: task.display, messages: [toLintMessage(message)], facts: emptyFacts()}}
    }

    bytes = await readFile(task.path)
  } catch (error) {
    return {ok: false, path: task.display, error: `cannot read \`${task.display}\`: ${describeFsError(error)}`}
  }

  return lintBytes(bytes, task)
}

/** Lint the content of one file. */
export async function lintBytes(bytes: Uint8Array, task: LintTask): Promise<FileOutcome> {
  const messages: LintMessage[] = []
  let text: string
  try {
    text = strictDecoder.decode(bytes)
  } catch {
    text = lenientDecoder.decode(bytes)
    // The parser words the encoding message; it parses only this rare file twice.
    for (const message of parseCheckpoint(bytes, {path: task.display, validate: false}).messages) {
      if (message.ruleId === 'input-encoding') messages.push(toLintMessage(message))
    }
  }

  const bom = text.charCodeAt(0) === 0xfe_ff ? '\uFEFF' : ''
  if (bom) text = text.slice(1)

  const limits = {...defaultLimits, ...task.settings.limits}
  if (text.length > limits.maxSize || scanLimits(text, limits)) {
    // The parser reports the limit without parsing.
    const result = parseCheckpoint(text, {path: task.display, limits, validate: false})
    messages.push(...result.messages.map((message) => toLintMessage(message)))
    return {ok: true, result: {path: task.display, messages, facts: emptyFacts()}}
  }

  const processor = processorFor(task.settings, task.modelOnly)
  let pass: {messages: LintMessage[]; facts: Facts}
  let first: {messages: LintMessage[]; facts: Facts}
  const original = text

  try {
    pass = await runOnce(processor, text, task)
    first = pass

    if (task.fix) {
      for (let round = 0; round < maxFixPasses; round++) {
        const edits = pass.messages.flatMap((message) => message.fix ?? [])
        if (edits.length === 0) break
        const next = applyEdits(text, edits)
        if (next === text) break
        text = next
        pass = await runOnce(processor, text, task)
      }
    }
  } catch (error) {
    // A fault in a rule or the parser on this file: report it on the file and
    // go on with the others, never lose the run.
    messages.push(
      toLintMessage(
        createMessage(
          `Unexpected internal error while linting this file: ${error instanceof Error ? error.message : String(error)}, expected to lint it (please report this file)`,
          {ruleId: 'internal-error', place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}, file: task.display}
        )
      )
    )
    return {ok: true, result: {path: task.display, messages, facts: emptyFacts()}}
  }

  return {
    ok: true,
    result: {path: task.display, messages: [...messages, ...(task.dryRun ? first : pass).messages], facts: pass.facts},
    ...(text === original ? {} : {fixed: bom + text})
  }
}

async function runOnce(
  processor: Processor<Root, Root, Root>,
  value: string,
  task: LintTask
): Promise<{messages: LintMessage[]; facts: Facts}> {
  const file = new VFile({value, path: task.display, cwd: task.cwd})
  const tree = processor.parse(file)
  await processor.run(tree, file)
  const model = getModel(tree, file)
  const messages = file.messages.map((message) => toLintMessage(message))
  // Model diagnostics (YAML, frontmatter schema) that no rule of the registry reports.
  for (const message of model.messages) {
    if (!ruleIds.has(message.ruleId ?? '') && !file.messages.some((other) => other.ruleId === message.ruleId)) {
      messages.push(toLintMessage(message))
    }
  }

  sortMessages(messages)
  return {messages, facts: factsOf(model.checkpoint, model.frontmatter?.locate)}
}

/**
 * Apply edits that do not overlap (the first of overlapping edits wins; the
 * others are left for the next pass).
 */
export function applyEdits(value: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let result = ''
  let cursor = 0
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > value.length) continue
    result += value.slice(cursor, edit.start) + edit.text
    cursor = edit.end
  }

  return result + value.slice(cursor)
}

/** A VFileMessage as plain data. */
export function toLintMessage(message: VFileMessage): LintMessage {
  const result: LintMessage = {
    ruleId: message.ruleId ?? 'unknown',
    source: message.source ?? 'coursemark',
    reason: message.reason,
    severity: severityOf(message),
    place: toPosition(message.place),
    url: message.url ?? null
  }
  if (typeof message.actual === 'string') result.actual = message.actual
  if (Array.isArray(message.expected)) result.expected = [...message.expected]
  const fix = getFix(message)
  if (fix && fix.length > 0) result.fix = fix.map((edit) => ({start: edit.start, end: edit.end, text: edit.text}))
  return result
}

function toPosition(place: VFileMessage['place']): Position | null {
  if (!place) return null
  if ('start' in place) {
    return {
      start: {line: place.start.line, column: place.start.column, offset: place.start.offset ?? 0},
      end: {line: place.end.line, column: place.end.column, offset: place.end.offset ?? 0}
    }
  }

  const point = {line: place.line, column: place.column, offset: place.offset ?? 0}
  return {start: point, end: {...point}}
}

/** Sort by position, then rule id, so output is stable. */
export function sortMessages(messages: LintMessage[]): void {
  messages.sort((a, b) => {
    const al = a.place?.start.line ?? 0
    const bl = b.place?.start.line ?? 0
    if (al !== bl) return al - bl
    const ac = a.place?.start.column ?? 0
    const bc = b.place?.start.column ?? 0
    if (ac !== bc) return ac - bc
    return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0
  })
}

function factsOf(
  checkpoint: Checkpoint,
  locate: ((path: ReadonlyArray<string | number>, part: 'key' | 'value') => Position | undefined) | undefined
): Facts {
  const located = (key: 'uuid' | 'title'): Located | null => {
    const value = checkpoint[key]
    if (value === null || value.trim() === '') return null
    return {value, position: locate?.([key], 'value') ?? null}
  }

  const relative: Located[] = []
  for (const link of checkpoint.links) {
    if (link.kind === 'relative') relative.push({value: link.url, position: link.position})
  }

  for (const image of checkpoint.images) {
    if (linkKind(image.src) === 'relative') relative.push({value: image.src, position: image.position})
  }

  const external: Located[] = []
  for (const link of checkpoint.links) {
    if (link.kind === 'external') external.push({value: link.url, position: link.position})
  }

  for (const image of checkpoint.images) {
    if (/^(?:https?:)?\/\//i.test(image.src.trim())) external.push({value: image.src, position: image.position})
  }

  external.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))
  return {uuid: located('uuid'), title: located('title'), relative, external}
}

function emptyFacts(): Facts {
  return {uuid: null, title: null, relative: [], external: []}
}
