/**
 * `coursemark init`'s format detection: tell which curriculum format a
 * project is written in and why, what is not a lesson, and, when none of our
 * schemas fits, the project's own frontmatter keys. `configFor` turns that
 * into the config `init` writes.
 *
 * Two views, structure first:
 * - the site's structure: core's site model recognises a site generator by
 *   its files (a Workbench `config.yaml`, Jekyll's `_episodes/`, Hugo's
 *   `config.toml`, …) and says what each file is;
 * - the lessons' content, file by file, strongest signal first: frontmatter
 *   syntax (`+++` TOML is Hugo); frontmatter keys (`teaching`/`exercises`
 *   Carpentries, `challengeType`/`dashedName` freeCodeCamp, `title` and
 *   `time` checkpoint, Hugo's page keys `weight`, `emoji`, `build`, …); the
 *   body (fenced divs `::: objectives` Carpentries Workbench,
 *   `# --description--` sections freeCodeCamp, a `### Lesson overview`
 *   heading and no frontmatter The Odin Project).
 *
 * The structure names the format when a generator is found; the content
 * does otherwise, and gives folders in another format their override. When
 * neither says anything, the lessons are plain markdown.
 */
import {buildSite, formatNames, type FormatName, type JsonValue, type Repository, type Site, type SiteFlavour} from '@coursemark/core'
import {readYamlSource, siteBuilders} from '@coursemark/core/internal'
import {relative, sep} from 'node:path'
import {findFiles} from '../files/find-files.js'
import {ignoreEntries, notLessons, readProject, type IgnoreEntry} from './not-lessons.js'

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

/** What the lessons' content says (the format of most files). */
export interface ContentFormat {
  format: FormatName
  files: number
  reasons: string[]
}

/** What `detectProject` found. */
export interface Detection {
  /**
   * What named the format: a site generator found by the structure, the
   * lessons' content, or nothing (`markdown`, plain markdown lessons).
   */
  source: 'structure' | 'content' | 'none'
  /** The format to lint with. */
  format: FormatName
  /** The site generator, when the structure names one. */
  flavour: SiteFlavour | undefined
  /** How many files say so (content), and why. */
  files: number
  reasons: string[]
  /** What the content says when the structure named another format. */
  contentDiffers: ContentFormat | undefined
  /** Top-level folders in another format. */
  folders: FolderFormat[]
  /** Files and folders that are not lessons, as anchored ignore patterns. */
  ignores: IgnoreEntry[]
  /** A JSON Schema of the project's own frontmatter keys, when none of ours fits. */
  ownSchema: {[key: string]: JsonValue} | undefined
}

/** At most this many files are classified by their content. */
const maxFiles = 5000

/** Look at the project under `root` (`.gitignore` respected): its structure, then its lessons. */
export async function detectProject(root: string): Promise<Detection> {
  const {files} = await findFiles(['.'], {cwd: root, root, ignores: []})
  const markdown = files.map((path) => relative(root, path).split(sep).join('/'))
  const repository = readProject(root, new Set(markdown))
  const structure = structureOf(repository)
  const site = structure ?? buildSite(repository)
  const lessons = markdown.filter((path) => !notLessonKind(site, path))
  const signals = lessons.slice(0, maxFiles).map((path) => classifyFile(path, repository.read(path) ?? ''))
  const content = summarise(signals, structure?.format)

  let format: FormatName
  let source: Detection['source']
  if (structure) {
    format = structure.format
    source = 'structure'
  } else if (content.format) {
    format = content.format
    source = 'content'
  } else {
    format = 'markdown'
    source = 'none'
  }

  const plain = structure ?? buildSite(repository, {format})
  const ignores = ignoreEntries(markdown, notLessons(plain, structure !== undefined, content.format))
  const differs = structure && content.format && content.format !== structure.format ? {format: content.format, files: content.files, reasons: content.reasons} : undefined
  return {
    source,
    format,
    flavour: structure?.flavour,
    files: structure ? 0 : content.files,
    reasons: structure ? structure.reasons : content.reasons,
    contentDiffers: differs,
    folders: content.folders,
    ignores,
    ownSchema: structure ? undefined : content.ownSchema
  }
}

/** The site of the first site generator that recognises the repository, if one does. */
function structureOf(repository: Repository): Site | undefined {
  for (const builder of siteBuilders) {
    const reasons = builder.detect(repository)
    if (reasons) return builder.build(repository, {}, reasons)
  }

  return undefined
}

/** Whether the site says a file is no lesson at all (a page, template, data or included file). */
function notLessonKind(site: Site, path: string): boolean {
  const kind = site.files[path]?.kind
  return kind === 'template' || kind === 'data' || kind === 'include' || (kind === 'page' && !path.includes('/'))
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

/** What the content of the lessons says. */
interface ContentSummary {
  format: FormatName | undefined
  files: number
  reasons: string[]
  folders: FolderFormat[]
  ownSchema: {[key: string]: JsonValue} | undefined
}

/**
 * The format of most files (or `main`, the structure's), and the top-level
 * folders whose files are mostly in another.
 */
function summarise(signals: FileSignal[], main: FormatName | undefined): ContentSummary {
  const own = signals.filter((signal) => signal.data)
  const claimed = signals.filter((signal) => signal.format)
  const format = majority(claimed)
  if (!format) {
    const ownSchema = own.length > 0 && !main ? schemaOfKeys(own) : undefined
    return {format: ownSchema ? 'checkpoint' : undefined, files: own.length, reasons: ownSchema ? ['frontmatter keys of its own'] : [], folders: [], ownSchema}
  }

  const project = main ?? format
  const byFolder = new Map<string, FileSignal[]>()
  for (const signal of claimed) {
    const folder = signal.path.includes('/') ? (signal.path.split('/')[0] ?? '.') : '.'
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), signal])
  }

  const folders: FolderFormat[] = []
  for (const [folder, list] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    const local = majority(list)
    if (folder === '.' || !local || local === project) continue
    const files = list.filter((signal) => signal.format === local).length
    folders.push({folder, format: local, files, reasons: reasonsOf(list, local)})
  }

  const moved = new Set(folders.map((item) => item.folder))
  const files = claimed.filter((signal) => signal.format === format && !moved.has(signal.path.split('/')[0] ?? '')).length
  return {format, files, reasons: reasonsOf(claimed, format), folders, ownSchema: undefined}
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

/** A comment line of the config: one line, whatever the text holds. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
}

/** Why the format, in words, for the config and the output. */
function because(detection: Detection): string {
  switch (detection.source) {
    case 'structure': {
      return `a ${detection.flavour ?? detection.format} site: ${detection.reasons.join('; ')}`
    }

    case 'content': {
      return detection.reasons.join('; ')
    }

    case 'none': {
      return 'no format detected: plain markdown lessons (no frontmatter required, the title from the first heading)'
    }
  }
}

/**
 * The config `init` writes for a detection: the starter config with the
 * format, the ignores, an override per folder in another format and the
 * project's own schema (written next to it as `schemaFile`).
 */
export function configFor(detection: Detection, starter: string, schemaFile: string): string {
  const lines = [`# The curriculum format, detected by \`coursemark init\`: ${oneLine(because(detection))}.`, `format: ${detection.format}`, '']
  let text = starter.replace(/(\n# Preset to start from)/, `\n${lines.join('\n')}$1`)
  if (detection.ignores.length > 0) {
    const ignores = detection.ignores.map((item) => `  - ${JSON.stringify(item.pattern)}`)
    text = text.replace(/\n# ignores:\n(?:# {3}- .*\n)+/, `\nignores:\n${ignores.join('\n')}\n`)
  }

  if (detection.ownSchema) {
    text = text.replace(
      /# frontmatter:\n# {3}schema: .*\n/,
      `frontmatter:\n  # The keys your lessons use (none of the formats' schemas fits): edit it.\n  schema: ${schemaFile}\n`
    )
  }

  if (detection.folders.length > 0) {
    const overrides = detection.folders.flatMap((item) => [
      `  # ${item.files} ${item.files === 1 ? 'file' : 'files'} in ${oneLine(item.folder)}/: ${item.reasons.join('; ')}.`,
      `  - files: ${JSON.stringify(item.folder + '/**')}`,
      `    format: ${item.format}`
    ])
    text = text.replace(/# Settings for some files only\.\n/, `# Settings for some files only.\noverrides:\n${overrides.join('\n')}\n`)
  }

  return text
}

/** At most this many ignores are printed (the config has them all). */
const maxListed = 20

/** What `init` prints about a detection, one line each. */
export function describeDetection(detection: Detection): string[] {
  const plural = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`
  const lines: string[] = []
  if (detection.source === 'structure') {
    lines.push(`detected format ${detection.format} (${oneLine(because(detection))})`)
    const differs = detection.contentDiffers
    if (differs) {
      lines.push(`the content of ${plural(differs.files)} looks like ${differs.format} (${differs.reasons.join('; ')}): the site's structure wins`)
    }
  } else if (detection.source === 'content') {
    lines.push(`detected format ${detection.format} (${plural(detection.files)}: ${detection.reasons.join('; ')})`)
  } else {
    lines.push('no format detected: linting as plain markdown lessons (`format: markdown`: no frontmatter required, the title from the first heading)')
  }

  for (const item of detection.folders) {
    lines.push(`detected format ${item.format} in ${oneLine(item.folder)}/ (${plural(item.files)}: ${item.reasons.join('; ')})`)
  }

  if (detection.ownSchema) lines.push('none of the formats\' schemas fits the frontmatter: wrote a schema of the project\'s own keys')
  if (detection.ignores.length > 0) {
    lines.push('ignoring what is not a lesson:')
    const shown = detection.ignores.slice(0, maxListed)
    const width = Math.max(...shown.map((item) => item.pattern.length))
    for (const item of shown) lines.push(`  ${oneLine(item.pattern).padEnd(width)}  ${oneLine(item.what)}`)
    const more = detection.ignores.length - shown.length
    if (more > 0) lines.push(`  and ${more} more, all in the config's \`ignores\``)
  }

  return lines
}
