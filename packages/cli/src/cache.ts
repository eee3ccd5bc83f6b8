/**
 * The lint cache: results keyed by file content hash, settings hash and tool
 * version, so an unchanged file is not linted again. One JSON file (by
 * default `node_modules/.cache/coursemark/lint.json`), written atomically; a
 * corrupt cache is discarded with a warning. It also keeps the config last
 * read, with a hash of each file it was read from, so a rerun that lints
 * nothing does not load the config checks either.
 */
import {createHash} from 'node:crypto'
import {readFileSync, type Stats} from 'node:fs'
import {mkdir, readFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {writeAtomic} from '@coursemark/core/node'
import type {Config} from './config-data.js'
import type {ConfigMemo, ConfigSource} from './config.js'
import {describeFsError} from './errors.js'
import type {Facts, FileResult, Located} from './types.js'

/** Default location, relative to the project root. */
export const defaultCacheLocation = 'node_modules/.cache/coursemark/lint.json'

/**
 * What `stat` says of a file. While all of it is unchanged, so is the
 * content: the change time cannot be set back by a tool (`touch`, `rsync
 * -t` and `cp -p` set the modification time), and the inode changes when an
 * editor saves by renaming.
 */
export interface FileStamp {
  size: number
  mtimeMs: number
  ctimeMs: number
  ino: number
}

/**
 * Files changed less than this long before they were stamped are read again
 * next time: a change within the granularity of the file system's clock
 * (up to 2 s) could keep the times of the stamp (git's "racily clean").
 */
const racyMs = 3000

/** The stamp of a file to keep with its entry, or `undefined` when it was changed too recently to be trusted later. */
export function stampOf(stats: Stats, now: number): FileStamp | undefined {
  if (Math.max(stats.mtimeMs, stats.ctimeMs) > now - racyMs) return undefined
  return {size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino}
}

interface Entry {
  hash: string
  /** The file's stamp when `hash` was taken: while it holds, the file is not read again. */
  stamp?: FileStamp
  settings: string
  /** `targetsSignature` of the file's local targets when it was linted. */
  targets: string
  result: StoredResult
}

/** A result as the cache keeps it: the external links packed (`packLocated`). */
interface StoredResult extends Omit<FileResult, 'facts'> {
  facts: Omit<Facts, 'external'> & {external: PackedLocated}
}

/**
 * Located values in one flat array: each value, then its position as six
 * numbers (start line, column, offset, end line, column, offset) or `null`.
 * The positions of external links were two thirds of the cache at 2,000
 * files (7.5 MB): as objects they cost a cached rerun about 70 ms to read
 * and parse, packed they are a third of the size and only unpacked when the
 * links are checked.
 */
type PackedLocated = Array<string | number | null>

/** Pack located values (`PackedLocated`). */
export function packLocated(list: readonly Located[]): PackedLocated {
  const packed: PackedLocated = []
  for (const {value, position} of list) {
    packed.push(value)
    if (position) packed.push(position.start.line, position.start.column, position.start.offset, position.end.line, position.end.column, position.end.offset)
    else packed.push(null)
  }

  return packed
}

/** Unpack located values (`PackedLocated`); `undefined` for an array of another shape. */
export function unpackLocated(packed: readonly unknown[]): Located[] | undefined {
  if (!isPackedLocated(packed)) return undefined
  const items = packed as PackedLocated
  const list: Located[] = []
  let index = 0
  while (index < items.length) {
    const value = items[index] as string
    if (items[index + 1] === null) {
      list.push({value, position: null})
      index += 2
      continue
    }

    const at = (offset: number) => items[index + offset] as number
    list.push({value, position: {start: {line: at(1), column: at(2), offset: at(3)}, end: {line: at(4), column: at(5), offset: at(6)}}})
    index += 7
  }

  return list
}

/** Whether `packed` has the shape of `PackedLocated` (checked without unpacking it). */
function isPackedLocated(packed: readonly unknown[]): boolean {
  let index = 0
  while (index < packed.length) {
    if (typeof packed[index] !== 'string') return false
    if (packed[index + 1] === null) {
      index += 2
      continue
    }

    for (let offset = 1; offset < 7; offset++) {
      if (typeof packed[index + offset] !== 'number') return false
    }

    index += 7
  }

  return true
}

/** The facts of a cached result: its external links are unpacked on first use (only a link check uses them). */
class CachedFacts implements Facts {
  readonly uuid: Facts['uuid']
  readonly title: Facts['title']
  readonly relative: Facts['relative']
  readonly #packed: PackedLocated
  #external: Located[] | undefined

  constructor(stored: StoredResult['facts']) {
    this.uuid = stored.uuid
    this.title = stored.title
    this.relative = stored.relative
    this.#packed = stored.external
  }

  get external(): Located[] {
    // The shape was checked when the cache was loaded (`isPackedLocated`).
    this.#external ??= unpackLocated(this.#packed) ?? []
    return this.#external
  }
}

/** The config last read, and the hash of each file it was read from. */
interface ConfigEntry {
  path: string
  sources: Array<{path: string; hash: string}>
  config: Config
}

/** The cache's format: 2 since the external links are packed (`PackedLocated`). */
const cacheVersion = 2

interface CacheData {
  version: typeof cacheVersion
  tool: string
  entries: {[path: string]: Entry}
  config?: ConfigEntry
}

/** Hash content or settings. */
export function hash(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex')
}

/** A loaded lint cache. */
export class LintCache implements ConfigMemo {
  readonly path: string
  private readonly tool: string
  private entries = new Map<string, Entry>()
  private configEntry: ConfigEntry | undefined
  private dirty = false

  private constructor(path: string, tool: string) {
    this.path = path
    this.tool = tool
  }

  /**
   * Load the cache at `path`; a missing file is an empty cache; a corrupt one
   * (or one from another tool version or cache format) is discarded, calling `warn` for a
   * corrupt one.
   */
  static async load(path: string, tool: string, warn: (message: string) => void, display = path): Promise<LintCache> {
    const cache = new LintCache(path, tool)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        warn(`cannot read cache \`${display}\` (${describeFsError(error)}), linting every file`)
      }

      return cache
    }

    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      warn(`discarding corrupt cache \`${display}\``)
      cache.dirty = true
      return cache
    }

    // A cache of another format (an earlier or later coursemark) is replaced quietly.
    const version = (data as {version?: unknown} | null)?.version
    if (typeof version === 'number' && version !== cacheVersion) {
      cache.dirty = true
      return cache
    }

    if (!isCacheData(data)) {
      warn(`discarding corrupt cache \`${display}\``)
      cache.dirty = true
      return cache
    }

    if (data.tool !== tool) {
      cache.dirty = true
      return cache
    }

    for (const [key, entry] of Object.entries(data.entries)) cache.entries.set(key, entry)
    // A config entry of another shape is only not used (and replaced).
    if (isConfigEntry(data.config)) cache.configEntry = data.config
    return cache
  }

  /** The config read from `path` before, when every file it was read from is unchanged. */
  config(path: string): Config | undefined {
    const entry = this.configEntry
    if (!entry || entry.path !== path) return undefined
    for (const source of entry.sources) {
      let text: string
      try {
        text = readFileSync(source.path, 'utf8')
      } catch {
        return undefined
      }

      if (hash(text) !== source.hash) return undefined
    }

    return entry.config
  }

  /** Remember the config read from `path` and the files it was read from. */
  setConfig(path: string, sources: ConfigSource[], config: Config): void {
    this.configEntry = {path, sources: sources.map((source) => ({path: source.path, hash: hash(source.text)})), config}
    this.dirty = true
  }

  /** The content hash of a file kept with its entry, when the file's stamp is unchanged (then the file need not be read). */
  contentHash(path: string, stats: Stats): string | undefined {
    const entry = this.entries.get(path)
    return entry && sameStamp(entry.stamp, stats) ? entry.hash : undefined
  }

  /** Keep the stamp of a file whose entry held (its content was read and hashed). */
  stamp(path: string, stamp: FileStamp | undefined): void {
    const entry = this.entries.get(path)
    if (!entry || !stamp || sameStamp(entry.stamp, stamp)) return
    entry.stamp = stamp
    this.dirty = true
  }

  /**
   * The cached result of a file, when its content and settings are
   * unchanged and `targets` (given the cached result) still gives the same
   * signature.
   */
  get(path: string, contentHash: string, settingsHash: string, targets: (result: FileResult) => string): FileResult | undefined {
    const entry = this.entries.get(path)
    if (!entry || entry.hash !== contentHash || entry.settings !== settingsHash) return undefined
    const result: FileResult = {path: entry.result.path, messages: entry.result.messages, facts: new CachedFacts(entry.result.facts)}
    return targets(result) === entry.targets ? result : undefined
  }

  /** Remember the result of a file (and its stamp when the content was taken). */
  set(path: string, contentHash: string, settingsHash: string, targets: string, result: FileResult, stamp?: FileStamp): void {
    const {facts} = result
    const stored: StoredResult = {
      path: result.path,
      messages: result.messages,
      facts: {uuid: facts.uuid, title: facts.title, relative: facts.relative, external: packLocated(facts.external)}
    }
    const entry: Entry = {hash: contentHash, settings: settingsHash, targets, result: stored}
    if (stamp) entry.stamp = stamp
    this.entries.set(path, entry)
    this.dirty = true
  }

  /** Forget a file (it was changed by `--fix`). */
  delete(path: string): void {
    if (this.entries.delete(path)) this.dirty = true
  }

  /** Write the cache (atomically) when it changed. */
  async save(): Promise<void> {
    if (!this.dirty) return
    const data: CacheData = {version: cacheVersion, tool: this.tool, entries: Object.fromEntries(this.entries)}
    if (this.configEntry) data.config = this.configEntry
    // A failure here shows as the write's error (ENOTDIR, EACCES) just below.
    await mkdir(dirname(this.path), {recursive: true}).catch(() => undefined)
    await writeAtomic(this.path, JSON.stringify(data))
    this.dirty = false
  }
}

function isCacheData(value: unknown): value is CacheData {
  if (typeof value !== 'object' || value === null) return false
  const data = value as {version?: unknown; tool?: unknown; entries?: unknown}
  if (data.version !== cacheVersion || typeof data.tool !== 'string') return false
  if (typeof data.entries !== 'object' || data.entries === null || Array.isArray(data.entries)) return false
  for (const entry of Object.values(data.entries as object)) {
    if (typeof entry !== 'object' || entry === null) return false
    const item = entry as {hash?: unknown; settings?: unknown; result?: unknown}
    if (typeof item.hash !== 'string' || typeof item.settings !== 'string') return false
    const result = item.result as {path?: unknown; messages?: unknown; facts?: unknown} | null
    if (typeof result !== 'object' || result === null || typeof result.path !== 'string') return false
    if (!Array.isArray(result.messages) || typeof result.facts !== 'object' || result.facts === null) return false
    const facts = result.facts as {relative?: unknown; external?: unknown}
    if (!Array.isArray(facts.relative) || !Array.isArray(facts.external) || !isPackedLocated(facts.external)) return false
    if (typeof (entry as {targets?: unknown}).targets !== 'string') return false
  }

  return true
}

function isConfigEntry(value: unknown): value is ConfigEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as {path?: unknown; sources?: unknown; config?: unknown}
  if (typeof entry.path !== 'string' || !isConfig(entry.config)) return false
  return Array.isArray(entry.sources) && entry.sources.every((source: {path?: unknown; hash?: unknown} | null) =>
    typeof source === 'object' && source !== null && typeof source.path === 'string' && typeof source.hash === 'string')
}

function isConfig(value: unknown): value is Config {
  if (typeof value !== 'object' || value === null) return false
  const config = value as {[key in keyof Config]?: unknown}
  const isObject = (item: unknown) => typeof item === 'object' && item !== null && !Array.isArray(item)
  return (
    (typeof config.path === 'string' || config.path === null) &&
    typeof config.root === 'string' &&
    isObject(config.base) &&
    isObject(config.links) &&
    Array.isArray(config.overrides) &&
    Array.isArray(config.ignores)
  )
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino
}
