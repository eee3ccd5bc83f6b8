/**
 * `coursemark init`'s format detection: look at the markdown files of a
 * project and tell which curriculum format they are written in, why, which
 * files are not lessons, and, when none of our schemas fits, the project's
 * own frontmatter keys. `configFor` turns that into the config `init` writes.
 *
 * The signals, strongest first:
 * - frontmatter syntax: `+++` (TOML) is Hugo;
 * - frontmatter keys: `teaching`/`exercises` (Carpentries),
 *   `challengeType`/`dashedName` (freeCodeCamp), `title` and `time`
 *   (checkpoint), Hugo's page keys (`weight`, `emoji`, `build`, …);
 * - the body: fenced divs `::: objectives` (Carpentries Workbench),
 *   `# --description--` sections (freeCodeCamp), a `### Lesson overview`
 *   heading and no frontmatter (The Odin Project).
 */
import {open} from 'node:fs/promises'
import {relative, sep} from 'node:path'
import {formatNames, type FormatName, type JsonValue} from '@coursemark/core'
import {readYamlSource} from '@coursemark/core/internal'
import {findFiles} from '../files/find-files.js'

/** What one markdown file looks like. */
export interface FileSignal {
  /** Path relative to the project root, with `/`. */
  path: string
  /** The format it is written in, when a signal says so. */
  format: FormatName | undefined
  /** Why, in words: "frontmatter keys `teaching` and `exercises`". */
  reason: string
  /** Frontmatter data of a file no format claims (for a schema of the project's own keys). */
  data?: {[key: string]: JsonValue}
}

/** A folder whose files are in another format than the project's. */
export interface FolderFormat {
  /** Top-level folder, with `/`. */
  folder: string
  format: FormatName
  files: number
  reasons: string[]
}

/** What `detectProject` found. */
export interface Detection {
  /** The format of most lessons, or `undefined` when no file says. */
  format: FormatName | undefined
  /** How many files say so, and why. */
  files: number
  reasons: string[]
  /** Top-level folders in another format. */
  folders: FolderFormat[]
  /** Files and folders that are not lessons, as ignore patterns. */
  ignores: string[]
  /** A JSON Schema of the project's own frontmatter keys, when none of ours fits. */
  ownSchema: {[key: string]: JsonValue} | undefined
}

/** At most this many files are read, and this many bytes of each. */
const maxFiles = 5000
const maxBytes = 64 * 1024

/** Names of repository pages that are not lessons. */
const notLessonName =
  /^(?:readme|contributing|changelog|code[-_]of[-_]conduct|conduct|license|licence|security|authors|citation|governance|support)(?:[.-][\w.-]*)?\.md$/i

/** Folders that hold no lessons: site templates, scripts, repository settings. */
const notLessonFolders = ['_includes', '_layouts', 'bin', '.github']

/** Look at every markdown file under `root` (`.gitignore` respected). */
export async function detectProject(root: string): Promise<Detection> {
  const {files} = await findFiles(['.'], {cwd: root, root, ignores: []})
  const signals: FileSignal[] = []
  const ignores = new Set<string>()
  for (const path of files.slice(0, maxFiles)) {
    const rel = relative(root, path).split(sep).join('/')
    const ignore = notLessonPattern(rel)
    if (ignore) {
      ignores.add(ignore)
      continue
    }

    signals.push(classifyFile(rel, await readStart(path)))
  }

  return summarise(signals, [...ignores].sort())
}

/** The ignore pattern for a file that is not a lesson, if it is one. */
function notLessonPattern(path: string): string | undefined {
  const parts = path.split('/')
  const folder = notLessonFolders.find((name) => parts.slice(0, -1).includes(name))
  if (folder) return `${folder}/`
  const name = parts.at(-1) ?? path
  if (notLessonName.test(name) || /rubric/i.test(name)) return name
  return undefined
}

async function readStart(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(maxBytes)
    const {bytesRead} = await handle.read(buffer, 0, maxBytes, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** The format of one file, from its frontmatter and body. */
export function classifyFile(path: string, text: string): FileSignal {
  const value = text.charCodeAt(0) === 0xfe_ff ? text.slice(1) : text
  if (/^\+\+\+[ \t]*\r?\n/.test(value)) return {path, format: 'hugo', reason: 'TOML frontmatter (`+++`)'}
  const yaml = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(value)
  const body = yaml ? value.slice(yaml[0].length) : value
  const data = yaml ? frontmatterData(yaml[1] ?? '') : undefined
  const byKeys = data ? formatOfKeys(data) : undefined
  if (byKeys) return {path, ...byKeys}
  if (/^:{3,}[ \t]*\{?[ \t]*\.?(?:objectives|questions|keypoints|challenge|solution|callout)\b/m.test(body)) {
    return {path, format: 'carpentries', reason: 'fenced divs (`::: objectives`)'}
  }

  if (/^# --(?:description|instructions|hints|seed|solutions)--[ \t]*$/m.test(body)) {
    return {path, format: 'freecodecamp', reason: 'sections such as `# --description--`'}
  }

  if (!yaml && /^#{2,3}[ \t]+(?:Lesson overview|Knowledge check)[ \t]*$/im.test(body)) {
    return {path, format: 'odin', reason: 'a `### Lesson overview` heading and no frontmatter'}
  }

  return data && Object.keys(data).length > 0
    ? {path, format: undefined, reason: 'frontmatter keys of its own', data}
    : {path, format: undefined, reason: 'no frontmatter and no format markers'}
}

function frontmatterData(text: string): {[key: string]: JsonValue} | undefined {
  const source = readYamlSource(text, 'frontmatter')
  const read = source.readable ? source.toData() : undefined
  const value = read?.ok ? read.value : undefined
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined
}

// Not `layout` or `draft`: Jekyll pages use them too.
const hugoKeys = ['weight', 'emoji', 'build', 'menu', 'menu_level']

function formatOfKeys(data: {[key: string]: JsonValue}): {format: FormatName; reason: string} | undefined {
  const has = (key: string) => Object.hasOwn(data, key)
  if (has('teaching') || has('exercises')) {
    return {format: 'carpentries', reason: 'frontmatter keys `teaching` and `exercises`'}
  }

  if (has('challengeType') || has('dashedName')) {
    return {format: 'freecodecamp', reason: 'frontmatter keys `challengeType` and `dashedName`'}
  }

  const hugo = hugoKeys.filter((key) => has(key))
  if (hugo.length > 0) return {format: 'hugo', reason: `Hugo page keys (${hugo.map((key) => `\`${key}\``).join(', ')})`}
  if (has('title') && has('time')) return {format: 'checkpoint', reason: 'frontmatter keys `title` and `time`'}
  return undefined
}

/** The most common format of `signals` (ties: the order of `formatNames`). */
function majority(signals: FileSignal[]): FormatName | undefined {
  let best: FormatName | undefined
  let bestCount = 0
  for (const name of formatNames) {
    const count = signals.filter((signal) => signal.format === name).length
    if (count > bestCount) {
      best = name
      bestCount = count
    }
  }

  return best
}

function reasonsOf(signals: FileSignal[], format: FormatName): string[] {
  return [...new Set(signals.filter((signal) => signal.format === format).map((signal) => signal.reason))]
}

function summarise(signals: FileSignal[], ignores: string[]): Detection {
  const own = signals.filter((signal) => signal.data)
  const claimed = signals.filter((signal) => signal.format)
  const format = majority(claimed)
  if (!format) {
    const ownSchema = own.length > 0 ? schemaOfKeys(own) : undefined
    return {format: ownSchema ? 'checkpoint' : undefined, files: own.length, reasons: ownSchema ? ['frontmatter keys of its own'] : [], folders: [], ignores, ownSchema}
  }

  const byFolder = new Map<string, FileSignal[]>()
  for (const signal of claimed) {
    const folder = signal.path.includes('/') ? (signal.path.split('/')[0] ?? '.') : '.'
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), signal])
  }

  const folders: FolderFormat[] = []
  for (const [folder, list] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    const local = majority(list)
    if (folder === '.' || !local || local === format) continue
    const files = list.filter((signal) => signal.format === local).length
    folders.push({folder, format: local, files, reasons: reasonsOf(list, local)})
  }

  const moved = new Set(folders.map((item) => item.folder))
  const files = claimed.filter((signal) => signal.format === format && !moved.has(signal.path.split('/')[0] ?? '')).length
  return {format, files, reasons: reasonsOf(claimed, format), folders, ignores: [...ignores, ...formatIgnores(format, signals)], ownSchema: undefined}
}

/** Pages of a format that are not lessons, when the project has them. */
function formatIgnores(format: FormatName, signals: FileSignal[]): string[] {
  const candidates: Record<FormatName, string[]> = {
    checkpoint: [],
    carpentries: ['instructors/', 'learners/', 'profiles/', '_extras/', '/index.md', '/setup.md', '/reference.md'],
    hugo: ['_index.md'],
    odin: [],
    markdown: [],
    freecodecamp: []
  }
  // `dir/`: a folder at any depth; `/file`: a file at the root; `file`: a file at any depth.
  const present = (pattern: string, path: string) =>
    pattern.endsWith('/')
      ? path.split('/').slice(0, -1).includes(pattern.slice(0, -1))
      : pattern.startsWith('/')
        ? path === pattern.slice(1)
        : path.split('/').at(-1) === pattern
  return candidates[format].filter((pattern) => signals.some((signal) => present(pattern, signal.path)))
}

/** A JSON Schema of the keys the files use: types as found, required when every file has it. */
function schemaOfKeys(signals: FileSignal[]): {[key: string]: JsonValue} {
  const types = new Map<string, Set<string>>()
  for (const signal of signals) {
    for (const [key, value] of Object.entries(signal.data ?? {})) {
      const set = types.get(key) ?? new Set<string>()
      set.add(jsonType(value))
      types.set(key, set)
    }
  }

  const properties: {[key: string]: JsonValue} = {}
  for (const [key, set] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
    const list = [...set].sort()
    properties[key] = {type: list.length === 1 ? (list[0] ?? 'string') : list}
  }

  const required = [...types.keys()].filter((key) => signals.every((signal) => Object.hasOwn(signal.data ?? {}, key))).sort()
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Frontmatter of this project',
    description: 'Written by `coursemark init` from the keys the lessons use. Edit it to say what each key must hold.',
    type: 'object',
    required,
    properties
  }
}

function jsonType(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value === 'object' ? 'object' : typeof value
}

/**
 * The config `init` writes for a detection: the starter config with the
 * format, the ignores, an override per folder in another format and the
 * project's own schema (written next to it as `schemaFile`).
 */
export function configFor(detection: Detection, starter: string, schemaFile: string): string {
  if (!detection.format) return starter
  const lines = [`# The curriculum format, detected by \`coursemark init\`: ${detection.reasons.join('; ')}.`, `format: ${detection.format}`, '']
  let text = starter.replace(/(\n# Preset to start from)/, `\n${lines.join('\n')}$1`)
  const ignores = ['drafts/', ...detection.ignores]
  text = text.replace(/\nignores:\n(?: {2}- .*\n)+/, `\nignores:\n${ignores.map((item) => `  - ${JSON.stringify(item)}`).join('\n')}\n`)
  if (detection.ownSchema) {
    text = text.replace(
      /# frontmatter:\n# {3}schema: .*\n/,
      `frontmatter:\n  # The keys your lessons use (none of the formats' schemas fits): edit it.\n  schema: ${schemaFile}\n`
    )
  }

  if (detection.folders.length > 0) {
    const overrides = detection.folders.flatMap((item) => [
      `  # ${item.files} ${item.files === 1 ? 'file' : 'files'} in ${item.folder}/: ${item.reasons.join('; ')}.`,
      `  - files: ${JSON.stringify(item.folder + '/**')}`,
      `    format: ${item.format}`
    ])
    text = text.replace(/# Settings for some files only\.\n/, `# Settings for some files only.\noverrides:\n${overrides.join('\n')}\n`)
  }

  return text
}

/** What `init` prints about a detection, one line each. */
export function describeDetection(detection: Detection): string[] {
  if (!detection.format) return []
  const plural = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`
  const lines = [`detected format ${detection.format} (${plural(detection.files)}: ${detection.reasons.join('; ')})`]
  for (const item of detection.folders) {
    lines.push(`detected format ${item.format} in ${item.folder}/ (${plural(item.files)}: ${item.reasons.join('; ')})`)
  }

  if (detection.ownSchema) lines.push('none of the formats\' schemas fits the frontmatter: wrote a schema of the project\'s own keys')
  if (detection.ignores.length > 0) lines.push(`ignoring what is not a lesson: ${detection.ignores.join(', ')}`)
  return lines
}
