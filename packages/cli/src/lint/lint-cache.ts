/**
 * The lint cache: results keyed by file content hash, settings (`settingsKeyOf`)
 * and tool version, so an unchanged file is not linted again. One file (by default
 * `lint.json` in `defaultCacheFolder` of the project: a header line, then the results
 * and the external links as JSON, see `cacheVersion`), written atomically under
 * a lock and merged with what another run wrote meanwhile; a corrupt cache is
 * discarded with a warning, and a file that is not a cache is never replaced
 * (the run stops). It also keeps the config last
 * read, with a hash of each file it was read from, so a rerun that lints
 * nothing does not load the config checks either.
 */
import {readFileSync, type Stats} from 'node:fs'
import {mkdir, open, type FileHandle} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {dirname} from 'node:path'
import type {Config} from '../config/config-data.js'
import type {ConfigMemo, ConfigSource} from '../config/config.js'
import {describeFsError, RunError} from '../errors.js'
import type {Position} from '@coursemark/core'
import type {ExternalUse, Facts, FileResult, LintMessage, Located} from '../types.js'
import {writeAtomic} from '../files/write-file.js'

/** The file's name in the cache folder (`defaultCacheFolder` of `config/cache-folder.ts`). */
export const cacheFileName = 'lint.json'

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

/**
 * An entry as the cache keeps it, one flat array (fewer objects for the parse
 * to make and for the young generation to copy while the run lasts):
 *
 * - the content hash, the settings it was linted with (an index into the
 *   results' `strings`) and `siteDependencies` of its local links then;
 * - the file's stamp when the hash was taken (size, modification time, change
 *   time, inode: while it holds, the file is not read again), or four `null`s;
 * - the result's path, `null` when it is the entry's own;
 * - the messages (`PackedMessages`);
 * - the facts: `uuid` and `title` (lists of at most one) and the local
 *   targets, packed (`packLocated`); the external links are kept apart (`Links`,
 *   packed with the range of each URL: `PackedUses`);
 * - how many root-absolute links were not checked (the site root unknown).
 */
type Entry = [
  hash: string,
  settings: number,
  targets: string,
  size: number | null,
  mtimeMs: number | null,
  ctimeMs: number | null,
  ino: number | null,
  path: string | null,
  messages: PackedMessages,
  uuid: PackedLocated,
  title: PackedLocated,
  relative: PackedLocated,
  rootUnchecked: number
]

const entryLength = 13

/**
 * The messages of an entry, `messageSlots` items each: rule id and source
 * (indexes into `strings`), reason, severity (as the report spells it), the
 * place as six numbers (start line, column, offset, end line, column, offset)
 * or six `null`s, the URL (an index, or `null`), then `actual`, `expected`
 * and the fix (each edit's start, end and text in one array), each `null`
 * when absent. Rule ids, sources and URLs are the same in every file, so
 * packed as indexes they are kept once instead of once per message.
 */
type PackedMessages = Array<string | number | null | string[] | Array<string | number>>

const messageSlots = 14

/** The severities a cached message may have: typed by the one scale, so a new severity cannot be missed here. */
const severities: Readonly<Record<LintMessage['severity'], true>> = {error: true, warning: true, info: true}

/**
 * Located values in one flat array: each value, then its position as six
 * numbers (start line, column, offset, end line, column, offset) or `null`.
 * The positions of external links are most of the cache: as objects they
 * were slow to read and parse in a cached rerun; packed they are much
 * smaller and only unpacked when the links are checked.
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
  return {
    value,
    position: {
      start: {line: items[index + 1] as number, column: items[index + 2] as number, offset: items[index + 3] as number},
      end: {line: items[index + 4] as number, column: items[index + 5] as number, offset: items[index + 6] as number}
    }
  }
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

    if (!isPlace(packed, index + 1)) return false
    index += 7
  }

  return true
}

/**
 * External URLs in one flat array: each URL, then its position and the range
 * of the URL as written, each as six numbers (`PackedLocated`) or `null`.
 */
type PackedUses = Array<string | number | null>

/** Pack external URLs (`PackedUses`). */
export function packUses(list: readonly ExternalUse[]): PackedUses {
  const packed: PackedUses = []
  for (const {url, position, range} of list) {
    packed.push(url)
    for (const place of [position, range]) {
      if (place) packed.push(place.start.line, place.start.column, place.start.offset, place.end.line, place.end.column, place.end.offset)
      else packed.push(null)
    }
  }

  return packed
}

/** Unpack external URLs (`PackedUses`); `undefined` for an array of another shape. */
export function unpackUses(packed: readonly unknown[]): ExternalUse[] | undefined {
  if (!isPackedUses(packed)) return undefined
  const items = packed as PackedUses
  const list: ExternalUse[] = []
  let index = 0
  while (index < items.length) {
    const url = items[index] as string
    const position = placeAt(items, index + 1)
    index += position ? 7 : 2
    const range = placeAt(items, index)
    index += range ? 6 : 1
    // A URL without a position is not one the extraction makes.
    if (position) list.push({url, position, range})
  }

  return list
}

/** The six numbers of a place at `index` of checked packed values, or `undefined` for its `null`. */
function placeAt(items: PackedUses, index: number): Position | undefined {
  if (items[index] === null) return undefined
  return {
    start: {line: items[index] as number, column: items[index + 1] as number, offset: items[index + 2] as number},
    end: {line: items[index + 3] as number, column: items[index + 4] as number, offset: items[index + 5] as number}
  }
}

/** Whether `packed` has the shape of `PackedUses` (checked without unpacking it). */
function isPackedUses(packed: readonly unknown[]): boolean {
  let index = 0
  while (index < packed.length) {
    if (typeof packed[index] !== 'string') return false
    index++
    for (let place = 0; place < 2; place++) {
      if (packed[index] === null) {
        index++
      } else if (isPlace(packed, index)) {
        index += 6
      } else {
        return false
      }
    }
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
  readonly #entry: Entry
  readonly #packed: () => PackedUses
  #uuid: Located | null | undefined
  #title: Located | null | undefined
  #external: ExternalUse[] | undefined

  constructor(entry: Entry, packed: () => PackedUses) {
    this.#entry = entry
    this.#packed = packed
  }

  get uuid(): Located | null {
    const packed = this.#entry[9]
    this.#uuid ??= packed.length === 0 ? null : locatedAt(packed, 0)
    return this.#uuid
  }

  get title(): Located | null {
    const packed = this.#entry[10]
    this.#title ??= packed.length === 0 ? null : locatedAt(packed, 0)
    return this.#title
  }

  get relative(): Located[] {
    return unpackChecked(this.#entry[11])
  }

  get rootUnchecked(): number {
    return this.#entry[12]
  }

  get external(): ExternalUse[] {
    this.#external ??= unpackUses(this.#packed()) ?? []
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
 * The cache's format, raised with every change of the file's shape (a cache
 * of another format is replaced quietly). The file is a header line, then
 * the results, then the links:
 *
 *     {"version":6,"tool":"…","id":"…","results":123456}
 *     {"strings":[…],"entries":{"lessons/a.md":[…],…},"config":{…}}{"id":"…","links":{"lessons/a.md":[…],…}}
 *
 * `results` is the byte length of the results part, so a run reads the header
 * and the results and stops there: the external links are a large part of
 * the file, and a run that checks no links need not read or parse them. The
 * links part repeats the header's `id`, so links read later (to be written
 * again with new results) are known to be of the same file.
 */
const cacheVersion = 6

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
  /** What the entries' indexes refer to (`Entry`, `PackedMessages`). */
  strings: string[]
  entries: {[path: string]: Entry}
  config?: ConfigEntry
}

interface Links {
  id: string
  links: {[path: string]: PackedUses}
}

/** The header line is at most this long (the tool string is a few package versions). */
const maxHeaderBytes = 4096

/** What the cache file holds, as far as it was read. */
type CacheFile =
  | {kind: 'current'; header: Header; results: Results; links: Map<string, PackedUses> | undefined}
  | {kind: 'other format'}
  | {kind: 'corrupt'}
  | {kind: 'empty'}
  /** A file that is not a cache: never replaced. */
  | {kind: 'foreign'}

const require = createRequire(import.meta.url)

/**
 * `node:crypto`, loaded when first used: a rerun that reads no file and no
 * config file hashes nothing and does not pay for loading the module.
 */
function crypto(): typeof import('node:crypto') {
  return require('node:crypto') as typeof import('node:crypto')
}

/** Hash content. */
export function hash(value: string | Uint8Array): string {
  return crypto().createHash('sha256').update(value).digest('hex')
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
  private links = new Map<string, PackedUses>()
  /** Whether `links` holds the file's links (read, or there were none to read). */
  private linksRead = true
  /** The `id` of the file read, to read its links later. */
  private fileId: string | undefined
  private readonly withLinks: boolean
  private configEntry: ConfigEntry | undefined
  private dirty = false
  /** Paths whose entry this run set, stamped or deleted: they win over the file's when merging. */
  private readonly touched = new Set<string>()
  /** The strings the entries' indexes refer to: the file's, then those this run added. */
  private strings: string[] = []
  /** The index of each string in `strings`, made when a first entry is set. */
  private stringIndex: Map<string, number> | undefined
  /** The index of each settings key asked for, `-1` when no entry has it. */
  private readonly settingsIndex = new Map<string, number>()

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

    if (file.kind === 'foreign') {
      throw new RunError(`cannot use \`${display}\` as the cache: Unexpected file that is not a coursemark cache, expected a file written by \`coursemark lint --cache\` or no file`)
    }

    // A cache of another format (an earlier or later coursemark) or tool version is replaced quietly.
    if (file.kind === 'corrupt') warn(`discarding corrupt cache \`${display}\``)
    if (file.kind !== 'current' || file.header.tool !== tool) {
      cache.dirty = true
      return cache
    }

    for (const [key, entry] of Object.entries(file.results.entries)) cache.entries.set(key, entry)
    cache.strings = file.results.strings
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
    return entry && sameStamp(entry, stats) ? entry[0] : undefined
  }

  /** Keep the stamp of a file whose entry held (its content was read and hashed). */
  stamp(path: string, stamp: FileStamp | undefined): void {
    const entry = this.entries.get(path)
    if (!entry || !stamp || sameStamp(entry, stamp)) return
    setStamp(entry, stamp)
    this.touched.add(path)
    this.dirty = true
  }

  /**
   * The cached result of a file, when its content and settings (`settings`,
   * any string that tells them apart) are unchanged and `targets` (given the
   * cached result and the signature kept with it) says the signature still
   * holds: it gives the signature to keep (the same, or one made anew), or
   * `undefined` when the result is stale. In a run that checks links, also
   * only when its links were kept.
   */
  get(path: string, contentHash: string, settings: string, targets: (result: FileResult, stored: string) => string | undefined): FileResult | undefined {
    const entry = this.entries.get(path)
    if (!entry || entry[0] !== contentHash || entry[1] !== this.indexOfSettings(settings)) return undefined
    if (this.withLinks && !this.links.has(path)) return undefined
    const result: FileResult = {path: entry[7] ?? path, messages: [], facts: new CachedFacts(entry, () => this.packedLinks(path))}
    const signature = targets(result, entry[2])
    if (signature === undefined) return undefined
    if (signature !== entry[2]) {
      entry[2] = signature
      this.touched.add(path)
      this.dirty = true
    }

    result.messages = unpackMessages(entry[8], this.strings)
    return result
  }

  /** Remember the result of a file (and its stamp when the content was taken). */
  set(path: string, contentHash: string, settings: string, targets: string, result: FileResult, stamp?: FileStamp): void {
    const {facts} = result
    const intern = (value: string) => this.intern(value)
    const entry: Entry = [
      contentHash,
      intern(settings),
      targets,
      null,
      null,
      null,
      null,
      result.path === path ? null : result.path,
      packMessages(result.messages, intern),
      packLocated(facts.uuid ? [facts.uuid] : []),
      packLocated(facts.title ? [facts.title] : []),
      packLocated(facts.relative),
      facts.rootUnchecked ?? 0
    ]
    if (stamp) setStamp(entry, stamp)
    this.entries.set(path, entry)
    this.links.set(path, packUses(facts.external))
    this.touched.add(path)
    this.dirty = true
  }

  /** Forget a file (it was changed by `--fix`). */
  delete(path: string): void {
    this.links.delete(path)
    this.touched.add(path)
    if (this.entries.delete(path)) this.dirty = true
  }

  /**
   * Write the cache when it changed: under its lock, merged with the file as
   * it is now (another run, a job of a CI matrix or an editor, may have
   * written it since this one read it), then atomically. The file's entries
   * win for the paths this run did not touch; an entry whose links are not
   * known (not read by this run, and not in the file for the same content)
   * is dropped, to be linted again.
   *
   * @throws
   *   When the file cannot be written, is not a cache, or its lock is held
   *   too long by another run (then nothing is written).
   */
  async save(): Promise<void> {
    if (!this.dirty) return
    // A failure here shows as the write's error (ENOTDIR, EACCES) just below.
    await mkdir(dirname(this.path), {recursive: true}).catch(() => undefined)
    const {withFileLock} = require('@coursemark/core/node') as typeof import('@coursemark/core/node')
    const outcome = await withFileLock(this.path, async () => {
      await this.merge()
      await this.write()
    })
    if (!outcome.locked) throw new Error(`Unexpected lock \`${outcome.lockPath}\` held by another run, expected it released in time; results of this run are not cached`)
  }

  /** Take the entries another run wrote since this one read the file (`save`). */
  private async merge(): Promise<void> {
    let file: CacheFile | undefined
    try {
      file = await readCacheFile(this.path, true)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }

    if (file?.kind === 'foreign') throw new Error('Unexpected file that is not a coursemark cache, expected a cache or no file; it is left unchanged')
    const current = file?.kind === 'current' && file.header.tool === this.tool && file.links ? file : undefined
    const links = current?.links ?? new Map<string, PackedUses>()
    if (current && current.header.id !== this.fileId) {
      const intern = (value: string) => this.intern(value)
      for (const [path, entry] of Object.entries(current.results.entries)) {
        const packed = links.get(path)
        if (this.touched.has(path) || !packed) continue
        this.entries.set(path, rebase(entry, current.results.strings, intern))
        this.links.set(path, packed)
      }

      if (!this.configEntry && isConfigEntry(current.results.config)) this.configEntry = current.results.config
    }

    for (const [path, entry] of this.entries) {
      if (this.links.has(path)) continue
      const packed = links.get(path)
      if (packed && current?.results.entries[path]?.[0] === entry[0]) this.links.set(path, packed)
      else this.entries.delete(path)
    }

    this.linksRead = true
  }

  /** Write the file atomically. */
  private async write(): Promise<void> {
    const id = crypto().randomBytes(8).toString('hex')
    const results: Results = compact(this.entries, this.strings)
    if (this.configEntry) results.config = this.configEntry
    const links: Links = {id, links: {}}
    for (const path of this.entries.keys()) links.links[path] = this.links.get(path) ?? []
    const resultsText = JSON.stringify(results)
    const header: Header = {version: cacheVersion, tool: this.tool, id, results: Buffer.byteLength(resultsText)}
    await writeAtomic(this.path, JSON.stringify(header) + '\n' + resultsText + JSON.stringify(links))
    this.fileId = id
    this.dirty = false
    this.touched.clear()
  }

  /** The index of `value` in `strings`, added when it is not there. */
  private intern(value: string): number {
    if (!this.stringIndex) {
      this.stringIndex = new Map()
      for (const [index, item] of this.strings.entries()) if (!this.stringIndex.has(item)) this.stringIndex.set(item, index)
    }

    let index = this.stringIndex.get(value)
    if (index === undefined) {
      index = this.strings.push(value) - 1
      this.stringIndex.set(value, index)
      this.settingsIndex.delete(value)
    }

    return index
  }

  /** The index of a settings key in `strings`, looked up once per key (`-1`: no entry has it). */
  private indexOfSettings(settings: string): number {
    let index = this.settingsIndex.get(settings)
    if (index === undefined) {
      index = this.stringIndex?.get(settings) ?? this.strings.indexOf(settings)
      this.settingsIndex.set(settings, index)
    }

    return index
  }

  /**
   * The packed external links of a cached entry. Only a run that checks
   * links reads them, and it loads them with the cache (`withLinks`).
   */
  private packedLinks(path: string): PackedUses {
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
    if (head.toString('utf8').trim() === '') return {kind: 'empty'}
    const newline = head.indexOf(10)
    const header = newline === -1 ? undefined : parseJson(head.subarray(0, newline).toString('utf8'))
    const start = newline + 1
    if (!isHeader(header)) return otherFormat(header ?? parseJson((await handle.readFile()).toString('utf8')), head)
    // The byte length of the results is taken only when the file has that many bytes.
    if (header.results > (await handle.stat()).size - start) return {kind: 'corrupt'}
    const results = parseJson((await readBytes(handle, start, header.results)).toString('utf8'))
    if (!isResults(results)) return {kind: 'corrupt'}
    if (!withLinks) return {kind: 'current', header, results, links: undefined}
    const links = linksOf(parseJson(await readRest(handle, start + header.results)), header.id)
    return links ? {kind: 'current', header, results, links} : {kind: 'corrupt'}
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
 * The start of every cache file written (of every format): `JSON.stringify`
 * of an object with `version` then `tool`. A file that starts so is a cache
 * even when the rest is damaged.
 */
const cacheMarker = /^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"tool"\s*:/

/**
 * A file without a header of this format: of an earlier (or later) format
 * when its first line, or the whole file (earlier formats are one line of
 * JSON), is an object with another `version` and a `tool`; corrupt when it
 * starts as a cache does (`cacheMarker`); else not a cache.
 */
function otherFormat(value: unknown, head: Buffer): CacheFile {
  const {version, tool} = (value ?? {}) as {version?: unknown; tool?: unknown}
  if (typeof version === 'number' && typeof tool === 'string') return version === cacheVersion ? {kind: 'corrupt'} : {kind: 'other format'}
  return cacheMarker.test(head.toString('utf8')) ? {kind: 'corrupt'} : {kind: 'foreign'}
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
  const {strings, entries} = value as {strings?: unknown; entries?: unknown}
  if (!Array.isArray(strings) || !strings.every((item) => typeof item === 'string')) return false
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return false
  const count = strings.length
  for (const entry of Object.values(entries as object)) {
    if (!Array.isArray(entry) || entry.length !== entryLength) return false
    const item = entry as unknown[]
    if (typeof item[0] !== 'string' || !isIndex(item[1], count) || typeof item[2] !== 'string') return false
    if (!(isStamp(item) || isNulls(item, 3, 4)) || (item[7] !== null && typeof item[7] !== 'string')) return false
    if (!Array.isArray(item[8]) || !isPackedMessages(item[8] as unknown[], count)) return false
    if (!isPacked(item[11]) || !isPacked(item[9], true) || !isPacked(item[10], true)) return false
    if (typeof item[12] !== 'number') return false
  }

  return true
}

/** Whether `packed` has the shape of `PackedMessages`, its indexes within `count` strings. */
function isPackedMessages(packed: readonly unknown[], count: number): boolean {
  if (packed.length % messageSlots !== 0) return false
  for (let index = 0; index < packed.length; index += messageSlots) {
    if (!isIndex(packed[index], count) || !isIndex(packed[index + 1], count) || typeof packed[index + 2] !== 'string') return false
    const severity = packed[index + 3]
    if (typeof severity !== 'string' || !Object.hasOwn(severities, severity)) return false
    if (!(isPlace(packed, index + 4) || isNulls(packed, index + 4, 6))) return false
    const url = packed[index + 10]
    const actual = packed[index + 11]
    if ((url !== null && !isIndex(url, count)) || (actual !== null && typeof actual !== 'string')) return false
    const expected = packed[index + 12]
    if (expected !== null && !(Array.isArray(expected) && expected.every((item) => typeof item === 'string'))) return false
    const fix = packed[index + 13]
    if (fix === null) continue
    if (!Array.isArray(fix) || fix.length % 3 !== 0) return false
    for (let edit = 0; edit < fix.length; edit += 3) {
      const start: unknown = fix[edit]
      const end: unknown = fix[edit + 1]
      if (!isCount(start) || !isCount(end) || start > end || typeof fix[edit + 2] !== 'string') return false
    }
  }

  return true
}

function isIndex(value: unknown, count: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < count
}

/** Whether `value` is a whole number from 0 up that is exact in a double (an offset, a size, an inode). */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/** Whether the six items of `list` from `start` are a place: line, column (from 1) and offset (from 0), start then end. */
function isPlace(list: readonly unknown[], start: number): boolean {
  for (let index = start; index < start + 6; index += 3) {
    const [line, column, offset] = [list[index], list[index + 1], list[index + 2]]
    if (!isCount(line) || !isCount(column) || !isCount(offset) || line < 1 || column < 1) return false
  }

  return true
}

/** Whether items 3 to 6 of an entry are a stamp: size, modification and change times, inode. */
function isStamp(entry: readonly unknown[]): boolean {
  const [size, mtimeMs, ctimeMs, ino] = [entry[3], entry[4], entry[5], entry[6]]
  // An inode may be past the exact integers of a double on some file systems.
  return isCount(size) && Number.isFinite(mtimeMs) && Number.isFinite(ctimeMs) && typeof ino === 'number' && Number.isFinite(ino) && ino >= 0
}

/** Whether the `length` items of `list` from `start` are all `null`. */
function isNulls(list: readonly unknown[], start: number, length: number): boolean {
  for (let index = start; index < start + length; index++) if (list[index] !== null) return false
  return true
}

/** Whether `value` is packed located values (`PackedLocated`); with `single`, at most one. */
function isPacked(value: unknown, single = false): boolean {
  if (!Array.isArray(value) || !isPackedLocated(value)) return false
  return !single || value.length === 0 || (value.length === 2 && value[1] === null) || value.length === 7
}

/** The links of a links part with `id`, or `undefined` when it is of another file or malformed. */
function linksOf(value: unknown, id: string): Map<string, PackedUses> | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const part = value as {id?: unknown; links?: unknown}
  if (part.id !== id || typeof part.links !== 'object' || part.links === null || Array.isArray(part.links)) return undefined
  const links = new Map<string, PackedUses>()
  for (const [path, packed] of Object.entries(part.links as object)) {
    if (!Array.isArray(packed) || !isPackedUses(packed)) return undefined
    links.set(path, packed as PackedUses)
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

/** Set the stamp of an entry. */
function setStamp(entry: Entry, stamp: FileStamp): void {
  entry[3] = stamp.size
  entry[4] = stamp.mtimeMs
  entry[5] = stamp.ctimeMs
  entry[6] = stamp.ino
}

function sameStamp(entry: Entry, stamp: FileStamp): boolean {
  return entry[3] === stamp.size && entry[4] === stamp.mtimeMs && entry[5] === stamp.ctimeMs && entry[6] === stamp.ino
}

/** Pack messages (`PackedMessages`), with `intern` giving the index of a rule id, source or URL. */
function packMessages(messages: readonly LintMessage[], intern: (value: string) => number): PackedMessages {
  const packed: PackedMessages = []
  for (const message of messages) {
    const {place} = message
    packed.push(intern(message.ruleId), intern(message.source), message.reason, message.severity)
    if (place) packed.push(place.start.line, place.start.column, place.start.offset, place.end.line, place.end.column, place.end.offset)
    else packed.push(null, null, null, null, null, null)
    packed.push(message.url === null ? null : intern(message.url), message.actual ?? null, message.expected ?? null)
    packed.push(message.fix ? message.fix.flatMap((edit) => [edit.start, edit.end, edit.text]) : null)
  }

  return packed
}

/** Unpack checked messages (`isPackedMessages`), as `toLintMessage` makes them. */
function unpackMessages(packed: PackedMessages, strings: readonly string[]): LintMessage[] {
  const messages: LintMessage[] = []
  for (let index = 0; index < packed.length; index += messageSlots) {
    const line = packed[index + 4] as number | null
    const url = packed[index + 10] as number | null
    const message: LintMessage = {
      ruleId: strings[packed[index] as number] as string,
      source: strings[packed[index + 1] as number] as string,
      reason: packed[index + 2] as string,
      severity: packed[index + 3] as LintMessage['severity'],
      place:
        line === null
          ? null
          : {
              start: {line, column: packed[index + 5] as number, offset: packed[index + 6] as number},
              end: {line: packed[index + 7] as number, column: packed[index + 8] as number, offset: packed[index + 9] as number}
            },
      url: url === null ? null : (strings[url] as string)
    }
    const actual = packed[index + 11] as string | null
    const expected = packed[index + 12] as string[] | null
    const fix = packed[index + 13] as Array<string | number> | null
    if (actual !== null) message.actual = actual
    if (expected !== null) message.expected = expected
    if (fix !== null) {
      message.fix = []
      for (let edit = 0; edit < fix.length; edit += 3) message.fix.push({start: fix[edit] as number, end: fix[edit + 1] as number, text: fix[edit + 2] as string})
    }

    messages.push(message)
  }

  return messages
}

/** An entry of a file whose strings are `strings`, with its indexes into this run's strings (`intern`). */
function rebase(entry: Entry, strings: readonly string[], intern: (value: string) => number): Entry {
  const copy: Entry = [...entry]
  copy[1] = intern(strings[entry[1]] as string)
  const messages = [...entry[8]]
  for (let index = 0; index < messages.length; index += messageSlots) {
    messages[index] = intern(strings[messages[index] as number] as string)
    messages[index + 1] = intern(strings[messages[index + 1] as number] as string)
    if (messages[index + 10] !== null) messages[index + 10] = intern(strings[messages[index + 10] as number] as string)
  }

  copy[8] = messages
  return copy
}

/**
 * The results part of the file: the entries with a `strings` of only what
 * they use (strings of entries gone since are left out), in order of first use.
 */
function compact(entries: ReadonlyMap<string, Entry>, strings: readonly string[]): Results {
  const kept: string[] = []
  const indexes = new Map<number, number>()
  const remap = (index: number) => {
    let target = indexes.get(index)
    if (target === undefined) {
      target = kept.push(strings[index] as string) - 1
      indexes.set(index, target)
    }

    return target
  }

  const out: {[path: string]: Entry} = {}
  for (const [path, entry] of entries) {
    const settings = remap(entry[1])
    const messages = [...entry[8]]
    for (let index = 0; index < messages.length; index += messageSlots) {
      messages[index] = remap(messages[index] as number)
      messages[index + 1] = remap(messages[index + 1] as number)
      if (messages[index + 10] !== null) messages[index + 10] = remap(messages[index + 10] as number)
    }

    const copy: Entry = [...entry]
    copy[1] = settings
    copy[8] = messages
    out[path] = copy
  }

  return {strings: kept, entries: out}
}
