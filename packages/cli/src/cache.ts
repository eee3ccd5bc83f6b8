/**
 * The lint cache: results keyed by file content hash, settings hash and tool
 * version, so an unchanged file is not linted again. One file (by default
 * `node_modules/.cache/coursemark/lint.json`: a header line, then the results
 * and the external links as JSON, see `cacheVersion`), written atomically; a
 * corrupt cache is discarded with a warning. It also keeps the config last
 * read, with a hash of each file it was read from, so a rerun that lints
 * nothing does not load the config checks either.
 */
import {createHash, randomBytes} from 'node:crypto'
import {readFileSync, type Stats} from 'node:fs'
import {mkdir, open, type FileHandle} from 'node:fs/promises'
import {dirname} from 'node:path'
import type {Config} from './config-data.js'
import type {ConfigMemo, ConfigSource} from './config.js'
import {describeFsError} from './errors.js'
import type {Facts, FileResult, Located} from './types.js'
import {writeAtomic} from './write-file.js'

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

/** A stamp as the cache keeps it: size, modification time, change time, inode. */
type StoredStamp = [number, number, number, number]

interface Entry {
  hash: string
  /** The file's stamp when `hash` was taken: while it holds, the file is not read again. */
  stamp?: StoredStamp
  settings: string
  /** `targetsSignature` of the file's local targets when it was linted. */
  targets: string
  result: StoredResult
}

/**
 * The facts of a result as the cache keeps them: each located value packed
 * (`packLocated`; `uuid` and `title` as lists of at most one), the external
 * links apart (`Links`). Every object the cache holds is one more for the
 * parse to make and for the young generation's collections to copy while
 * the run lasts: packed, the results of 2,000 lessons are 2.4 MB instead of
 * 3.0 MB, and a rerun's collections take about a third less (measured on the
 * parse alone).
 */
interface StoredFacts {
  uuid: PackedLocated
  title: PackedLocated
  relative: PackedLocated
}

/** A result as the cache keeps it. */
interface StoredResult extends Omit<FileResult, 'facts'> {
  facts: StoredFacts
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
  return isPackedLocated(packed) ? unpackChecked(packed as PackedLocated) : undefined
}

/** Unpack located values whose shape was checked (`isPackedLocated`). */
function unpackChecked(items: PackedLocated): Located[] {
  const list: Located[] = []
  let index = 0
  while (index < items.length) {
    list.push(locatedAt(items, index))
    index += items[index + 1] === null ? 2 : 7
  }

  return list
}

/** The located value that starts at `index` of checked packed values. */
function locatedAt(items: PackedLocated, index: number): Located {
  const value = items[index] as string
  if (items[index + 1] === null) return {value, position: null}
  const at = (offset: number) => items[index + offset] as number
  return {value, position: {start: {line: at(1), column: at(2), offset: at(3)}, end: {line: at(4), column: at(5), offset: at(6)}}}
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

/**
 * The facts of a cached result, unpacked when they are first read (the
 * shapes were checked when the cache was read, `isPackedLocated`): a rerun
 * reads each file's `uuid`, `title` and local targets, and only a link check
 * its external links.
 */
class CachedFacts implements Facts {
  readonly #stored: StoredFacts
  readonly #packed: () => PackedLocated
  #uuid: Located | null | undefined
  #title: Located | null | undefined
  #external: Located[] | undefined

  constructor(stored: StoredFacts, packed: () => PackedLocated) {
    this.#stored = stored
    this.#packed = packed
  }

  get uuid(): Located | null {
    this.#uuid ??= this.#stored.uuid.length === 0 ? null : locatedAt(this.#stored.uuid, 0)
    return this.#uuid
  }

  get title(): Located | null {
    this.#title ??= this.#stored.title.length === 0 ? null : locatedAt(this.#stored.title, 0)
    return this.#title
  }

  get relative(): Located[] {
    return unpackChecked(this.#stored.relative)
  }

  get external(): Located[] {
    this.#external ??= unpackLocated(this.#packed()) ?? []
    return this.#external
  }
}

/** The config last read, and the hash of each file it was read from. */
interface ConfigEntry {
  path: string
  sources: Array<{path: string; hash: string}>
  config: Config
}

/**
 * The cache's format: 3 since the external links are kept apart from the
 * results, so that a run that checks no links does not read them.
 *
 * The file is a header line, then the results, then the links:
 *
 *     {"version":3,"tool":"…","id":"…","results":123456}
 *     {"entries":{…},"config":{…}}{"id":"…","links":{"lessons/a.md":[…],…}}
 *
 * `results` is the byte length of the results part, so a run reads the header
 * and the results and stops there. The external links were two fifths of the
 * file at 2,000 lessons (2 of 5 MB), and reading and parsing them took a
 * cached rerun about 40 ms. The links part repeats the header's `id`, so links
 * read later (to be written again with new results) are known to be of the
 * same file.
 */
const cacheVersion = 3

/** The first line of the file. */
interface Header {
  version: typeof cacheVersion
  tool: string
  /** Written with each save; the links part repeats it. */
  id: string
  /** Byte length of the results part, which follows the header line. */
  results: number
}

interface Results {
  entries: {[path: string]: Entry}
  config?: ConfigEntry
}

interface Links {
  id: string
  links: {[path: string]: PackedLocated}
}

/** The header line is at most this long (the tool string is a few package versions). */
const maxHeaderBytes = 4096

/** What the cache file holds, as far as it was read. */
type CacheFile =
  | {kind: 'current'; header: Header; results: Results; links: Map<string, PackedLocated> | undefined}
  | {kind: 'other format'}
  | {kind: 'corrupt'}

/** Hash content or settings. */
export function hash(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex')
}

/** Options of `LintCache.load`. */
export interface CacheLoadOptions {
  /** Whether the run checks links: then the links are read too, and an entry without them is not used. */
  links?: boolean
}

/** A loaded lint cache. */
export class LintCache implements ConfigMemo {
  readonly path: string
  private readonly tool: string
  private entries = new Map<string, Entry>()
  /** The external links of each entry: of the file when they were read (or are wanted), and of every entry set by this run. */
  private links = new Map<string, PackedLocated>()
  /** Whether `links` holds the file's links (read, or there were none to read). */
  private linksRead = true
  /** The `id` of the file read, to read its links later. */
  private fileId: string | undefined
  private readonly withLinks: boolean
  private configEntry: ConfigEntry | undefined
  private dirty = false

  private constructor(path: string, tool: string, withLinks: boolean) {
    this.path = path
    this.tool = tool
    this.withLinks = withLinks
  }

  /**
   * Load the cache at `path`; a missing file is an empty cache; a corrupt one
   * (or one from another tool version or cache format) is discarded, calling `warn` for a
   * corrupt one.
   */
  static async load(path: string, tool: string, warn: (message: string) => void, display = path, options: CacheLoadOptions = {}): Promise<LintCache> {
    const withLinks = options.links ?? false
    const cache = new LintCache(path, tool, withLinks)
    let file: CacheFile
    try {
      file = await readCacheFile(path, withLinks)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        warn(`cannot read cache \`${display}\` (${describeFsError(error)}), linting every file`)
      }

      return cache
    }

    // A cache of another format (an earlier or later coursemark) or tool version is replaced quietly.
    if (file.kind === 'corrupt') warn(`discarding corrupt cache \`${display}\``)
    if (file.kind !== 'current' || file.header.tool !== tool) {
      cache.dirty = true
      return cache
    }

    for (const [key, entry] of Object.entries(file.results.entries)) cache.entries.set(key, entry)
    cache.fileId = file.header.id
    if (file.links) cache.links = file.links
    else cache.linksRead = false
    // A config entry of another shape is only not used (and replaced).
    if (isConfigEntry(file.results.config)) cache.configEntry = file.results.config
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
    entry.stamp = storedStamp(stamp)
    this.dirty = true
  }

  /**
   * The cached result of a file, when its content and settings are
   * unchanged and `targets` (given the cached result) still gives the same
   * signature. In a run that checks links, also only when its links were kept.
   */
  get(path: string, contentHash: string, settingsHash: string, targets: (result: FileResult) => string): FileResult | undefined {
    const entry = this.entries.get(path)
    if (!entry || entry.hash !== contentHash || entry.settings !== settingsHash) return undefined
    if (this.withLinks && !this.links.has(path)) return undefined
    const facts = new CachedFacts(entry.result.facts, () => this.packedLinks(path))
    const result: FileResult = {path: entry.result.path, messages: entry.result.messages, facts}
    return targets(result) === entry.targets ? result : undefined
  }

  /** Remember the result of a file (and its stamp when the content was taken). */
  set(path: string, contentHash: string, settingsHash: string, targets: string, result: FileResult, stamp?: FileStamp): void {
    const {facts} = result
    const stored: StoredResult = {
      path: result.path,
      messages: result.messages,
      facts: {uuid: packLocated(facts.uuid ? [facts.uuid] : []), title: packLocated(facts.title ? [facts.title] : []), relative: packLocated(facts.relative)}
    }
    const entry: Entry = {hash: contentHash, settings: settingsHash, targets, result: stored}
    if (stamp) entry.stamp = storedStamp(stamp)
    this.entries.set(path, entry)
    this.links.set(path, packLocated(facts.external))
    this.dirty = true
  }

  /** Forget a file (it was changed by `--fix`). */
  delete(path: string): void {
    this.links.delete(path)
    if (this.entries.delete(path)) this.dirty = true
  }

  /**
   * Write the cache (atomically) when it changed. The links of the entries
   * taken from the file are read now when the run did not read them; an
   * entry whose links cannot be read (the file was replaced meanwhile) is
   * dropped, to be linted again.
   */
  async save(): Promise<void> {
    if (!this.dirty) return
    if (!this.linksRead) {
      const read = await readLinks(this.path, this.fileId).catch(() => undefined)
      for (const path of this.entries.keys()) {
        if (this.links.has(path)) continue
        const packed = read?.get(path)
        if (packed) this.links.set(path, packed)
        else this.entries.delete(path)
      }

      this.linksRead = true
    }

    const id = randomBytes(8).toString('hex')
    const results: Results = {entries: Object.fromEntries(this.entries)}
    if (this.configEntry) results.config = this.configEntry
    const links: Links = {id, links: {}}
    for (const path of this.entries.keys()) links.links[path] = this.links.get(path) ?? []
    const resultsText = JSON.stringify(results)
    const header: Header = {version: cacheVersion, tool: this.tool, id, results: Buffer.byteLength(resultsText)}
    // A failure here shows as the write's error (ENOTDIR, EACCES) just below.
    await mkdir(dirname(this.path), {recursive: true}).catch(() => undefined)
    await writeAtomic(this.path, JSON.stringify(header) + '\n' + resultsText + JSON.stringify(links))
    this.fileId = id
    this.dirty = false
  }

  /**
   * The packed external links of a cached entry. Only a run that checks
   * links reads them, and it loads them with the cache (`withLinks`).
   */
  private packedLinks(path: string): PackedLocated {
    const packed = this.links.get(path)
    if (packed) return packed
    throw new Error(`external links of \`${path}\` read from a cache loaded without them`)
  }
}

/**
 * Read the cache file: the header, the results and (`withLinks`) the links.
 * A file that does not start with a header of this format is read whole, when
 * its first line is not JSON, to tell an earlier format (replaced quietly)
 * from a corrupt file.
 */
async function readCacheFile(path: string, withLinks: boolean): Promise<CacheFile> {
  const handle = await open(path, 'r')
  try {
    const head = await readBytes(handle, 0, maxHeaderBytes)
    const newline = head.indexOf(10)
    const header = newline === -1 ? undefined : parseJson(head.subarray(0, newline).toString('utf8'))
    if (!isHeader(header)) return otherFormat(header ?? parseJson((await handle.readFile()).toString('utf8')))
    const start = newline + 1
    const results = parseJson((await readBytes(handle, start, header.results)).toString('utf8'))
    if (!isResults(results)) return {kind: 'corrupt'}
    if (!withLinks) return {kind: 'current', header, results, links: undefined}
    const links = linksOf(parseJson(await readRest(handle, start + header.results)), header.id)
    return links ? {kind: 'current', header, results, links} : {kind: 'corrupt'}
  } finally {
    await handle.close()
  }
}

/** The links of the cache file at `path`, when its header still has `id`. */
async function readLinks(path: string, id: string | undefined): Promise<Map<string, PackedLocated> | undefined> {
  if (id === undefined) return undefined
  const handle = await open(path, 'r')
  try {
    const head = await readBytes(handle, 0, maxHeaderBytes)
    const newline = head.indexOf(10)
    const header = newline === -1 ? undefined : parseJson(head.subarray(0, newline).toString('utf8'))
    if (!isHeader(header) || header.id !== id) return undefined
    return linksOf(parseJson(await readRest(handle, newline + 1 + header.results)), id)
  } finally {
    await handle.close()
  }
}
/** Up to `length` bytes from `position` (fewer at the end of the file). */
async function readBytes(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length)
  let filled = 0
  while (filled < length) {
    const {bytesRead} = await handle.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }

  return buffer.subarray(0, filled)
}

/** The text from `position` to the end of the file. */
async function readRest(handle: FileHandle, position: number): Promise<string> {
  const {size} = await handle.stat()
  return (await readBytes(handle, position, Math.max(0, size - position))).toString('utf8')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/**
 * A file without a header of this format: of an earlier (or later) format
 * when its first line, or the whole file (earlier formats are one line of
 * JSON), is an object with another `version`; else corrupt.
 */
function otherFormat(value: unknown): CacheFile {
  const version = (value as {version?: unknown} | null | undefined)?.version
  return typeof version === 'number' && version !== cacheVersion ? {kind: 'other format'} : {kind: 'corrupt'}
}

function isHeader(value: unknown): value is Header {
  if (typeof value !== 'object' || value === null) return false
  const header = value as {[key in keyof Header]?: unknown}
  return (
    header.version === cacheVersion &&
    typeof header.tool === 'string' &&
    typeof header.id === 'string' &&
    typeof header.results === 'number' &&
    Number.isSafeInteger(header.results) &&
    header.results >= 0
  )
}

function isResults(value: unknown): value is Results {
  if (typeof value !== 'object' || value === null) return false
  const entries = (value as {entries?: unknown}).entries
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return false
  for (const entry of Object.values(entries as object)) {
    if (typeof entry !== 'object' || entry === null) return false
    const item = entry as {hash?: unknown; settings?: unknown; targets?: unknown; result?: unknown}
    if (typeof item.hash !== 'string' || typeof item.settings !== 'string' || typeof item.targets !== 'string') return false
    const result = item.result as {path?: unknown; messages?: unknown; facts?: unknown} | null
    if (typeof result !== 'object' || result === null || typeof result.path !== 'string') return false
    if (!Array.isArray(result.messages) || typeof result.facts !== 'object' || result.facts === null) return false
    const facts = result.facts as {[key in keyof StoredFacts]?: unknown}
    if (!isPacked(facts.relative) || !isPacked(facts.uuid, true) || !isPacked(facts.title, true)) return false
    const stamp = (entry as {stamp?: unknown}).stamp
    if (stamp !== undefined && !(Array.isArray(stamp) && stamp.length === 4 && stamp.every((item) => typeof item === 'number'))) return false
  }

  return true
}

/** Whether `value` is packed located values (`PackedLocated`); with `single`, at most one. */
function isPacked(value: unknown, single = false): boolean {
  if (!Array.isArray(value) || !isPackedLocated(value)) return false
  return !single || value.length === 0 || (value.length === 2 && value[1] === null) || value.length === 7
}

/** The links of a links part with `id`, or `undefined` when it is of another file or malformed. */
function linksOf(value: unknown, id: string): Map<string, PackedLocated> | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const part = value as {id?: unknown; links?: unknown}
  if (part.id !== id || typeof part.links !== 'object' || part.links === null || Array.isArray(part.links)) return undefined
  const links = new Map<string, PackedLocated>()
  for (const [path, packed] of Object.entries(part.links as object)) {
    if (!Array.isArray(packed) || !isPackedLocated(packed)) return undefined
    links.set(path, packed as PackedLocated)
  }

  return links
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

function storedStamp(stamp: FileStamp): StoredStamp {
  return [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino]
}

function sameStamp(stored: StoredStamp | undefined, stamp: FileStamp): boolean {
  return stored !== undefined && stored[0] === stamp.size && stored[1] === stamp.mtimeMs && stored[2] === stamp.ctimeMs && stored[3] === stamp.ino
}
