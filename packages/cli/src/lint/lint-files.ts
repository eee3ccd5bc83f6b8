/**
 * The lint phase of `coursemark lint`: each file from the cache when it is
 * fresh, else linted in the main thread or, for enough bytes, in the worker
 * pool (started before the files were found) with the main thread helping.
 */
import {readFileSync, statSync, type Stats} from 'node:fs'
import {stat} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {availableParallelism} from 'node:os'
import {join, resolve} from 'node:path'
import {defaultCacheFolder} from '../config/cache-folder.js'
import {cacheFileName, hash, LintCache, stampOf, type FileStamp} from './lint-cache.js'
import type {Settings} from '../config/config.js'
import {displayPath} from '../config/config.js'
import {dependenciesHold, pathKinds, siteDependencies, siteKeyOf, type ContentOf, type Place, type TargetLookup} from './targets.js'
import type {ProjectSite} from '@coursemark/remark-plugin/config'
import {describeFsError} from '../errors.js'
import type {LintFlags} from './lint-flags.js'
import {warn, type LintState} from './lint-state.js'
import {relativePath, toSlashes} from '../config/paths.js'
import type {LintPool, SizedTask} from './pool.js'
import type {CommandContext, FileOutcome, Located, LintTask, Reader} from '../types.js'
import {toolVersion} from '../version.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

/** Above this many files to lint, a worker pool may pay for its start-up. */
export const poolThreshold = 50

/**
 * ...and above this many bytes: a worker costs CPU to start (loading and
 * compiling the pipeline) and warms its compiler up again, and on two cores
 * the main thread's garbage collector and compiler already keep part of the
 * second core busy, so a small project lints sooner in the main thread alone
 * (the measurements are in the performance docs).
 */
export const poolBytes = 4 * 1024 * 1024

/**
 * When links are checked, 2 MB: the main thread then parses nothing and
 * answers the network, which a parse in the main thread would hold up.
 */
export const linkPoolBytes = 2 * 1024 * 1024

/** Keep the outcome of a file. */
type Settle = (task: LintTask, outcome: FileOutcome) => void

/** What lints a file: the lint engine (the parser, the rules and the model), or for `coursemark links` the link reader. */
type Engine = Pick<typeof import('./engine.js'), 'lintFile' | 'lintBytes'>

/**
 * Load the engine the first time a file of this run must be linted, and
 * forget the pipelines of an earlier run in this process (they hold what they
 * read of other files). A rerun that finds every file in the cache loads no
 * parser and no rule, which were much of its time. `coursemark
 * links` loads the link reader (`links/read-links.ts`) instead, which loads the
 * engine only for a file it leaves to the model.
 */
function engineLoader(reader: Reader): () => Promise<Engine> {
  let loading: Promise<Engine> | undefined
  const load = async (): Promise<Engine> => {
    if (reader === 'links') {
      const {linkFile, linkBytes} = require('../links/read-links.js') as typeof import('../links/read-links.js')
      return {lintFile: linkFile, lintBytes: linkBytes}
    }

    const engine = require('./engine.js') as typeof import('./engine.js')
    engine.forgetProcessors()
    return engine
  }

  return () => (loading ??= load())
}

/** Cache keys of a file, and its stamp when the content was taken. */
interface CacheKey {
  content: string
  settings: string
  stamp: FileStamp | undefined
}

/**
 * Worker threads unless `--workers` says: one fewer than the cores, as the
 * main thread lints too; when links are checked, one per core, and the main
 * thread lints nothing in a pool run (it answers the network: a file parsed
 * there would hold up every request in flight). `coursemark links` reads
 * files far more cheaply than a lint (`links/read-links.ts`), so one fewer is
 * enough there: a second worker cost more CPU and time than it saved.
 */
export function defaultThreads(flags: LintFlags): number {
  const cores = availableParallelism()
  if (flags.reader === 'links') return Math.max(1, cores - 1)
  return cores - (flags.links ? 0 : 1)
}

/**
 * Start the workers before the files are found, when a pool may be used:
 * `--workers n` (n > 0), or by default with more than one core, for a folder
 * or a glob (not only named files), without `--cache` (which may leave
 * nothing to lint).
 */
export async function startPoolEarly(inputs: string[], flags: LintFlags): Promise<LintPool | undefined> {
  const many = inputs.length === 0 || inputs.some((input) => /[*?[\]{}]/.test(input) || !/\.(?:md|markdown)$/i.test(input))
  const threads = flags.workers ?? (many && !flags.values.cache && availableParallelism() > 1 ? defaultThreads(flags) : 0)
  return threads > 0 ? startPool(threads, flags) : undefined
}

/** Start `threads` workers (piscina is loaded only then), loading the pipeline the run's files need. */
async function startPool(threads: number, flags: LintFlags): Promise<LintPool> {
  const {LintPool} = require('./pool.js') as typeof import('./pool.js')
  return new LintPool(threads, flags.reader)
}

/** Load the lint cache of `--cache` (`--cache-location`, or the default under the project `root`). */
export async function openCache(flags: LintFlags, context: CommandContext, root: string): Promise<LintCache> {
  const location = flags.values['cache-location']
  const cachePath = location === undefined ? join(defaultCacheFolder(root), cacheFileName) : resolve(context.cwd, location)
  return LintCache.load(cachePath, toolVersion, (message) => warn({context}, message), displayPath(cachePath, context.cwd), {links: flags.links})
}

/** Lint the files of `state.tasks` (or take them from the cache). */
export async function lintTasks(state: LintState): Promise<void> {
  const outcomes = new Map<string, FileOutcome>()
  const settle = (task: LintTask, outcome: FileOutcome) => {
    outcomes.set(task.path, outcome)
    if (outcome.ok) state.onResult?.(outcome.result)
  }

  const keys = new Map<string, CacheKey>()
  const engine = engineLoader(state.flags.reader)
  const targets: TargetLookup = {kindOf: pathKinds(), contentOf: state.cache ? contentHashes(state.cache, state.context.cwd, keys) : () => undefined}
  const toLint = await fromCache(state, settle, keys, engine, targets)
  await lintAll(state, toLint, settle, engine)

  state.stats.linted += toLint.length
  collect(state, outcomes, keys, targets)
}

/**
 * The content hash of a link target, once per run: a file of the run has its
 * key; another one is taken from the cache while its stamp holds, or read.
 */
function contentHashes(cache: LintCache, cwd: string, keys: Map<string, CacheKey>): ContentOf {
  const known = new Map<string, string | undefined>()
  return (path) => {
    const key = keys.get(path)
    if (key) return key.content
    if (known.has(path)) return known.get(path)
    let content: string | undefined
    try {
      content = cache.contentHash(displayPath(path, cwd), statSync(path)) ?? hash(readFileSync(path))
    } catch {
      content = undefined
    }

    known.set(path, content)
    return content
  }
}

/**
 * Take fresh results from the cache; lint a few files right away; return the
 * files left to lint. A file whose stamp (size, times, inode) is the one kept
 * in the cache is not read: its content hash is the one kept (reading and
 * hashing every file was a large part of a warm rerun).
 */
async function fromCache(
  state: LintState,
  settle: Settle,
  keys: Map<string, CacheKey>,
  engine: () => Promise<Engine>,
  targets: TargetLookup
): Promise<LintTask[]> {
  const cache = state.cache
  if (!cache) return state.tasks
  const toLint: LintTask[] = []
  const settingsKeys = new Map<Settings, string>()
  const siteKey = state.siteSummary ? ' site ' + siteKeyOf(state.siteSummary) : ''
  const now = Date.now()
  for (const task of state.tasks) {
    let stats: Stats
    let bytes: Uint8Array | undefined
    let content: string | undefined
    try {
      // Synchronous: the promise API's open, stat, read and close each wait
      // for a turn of the thread pool, which a warm rerun would mostly spend waiting.
      stats = statSync(task.path)
      content = cache.contentHash(task.display, stats)
      if (content === undefined) {
        bytes = readFileSync(task.path)
        content = hash(bytes)
      }
    } catch (error) {
      settle(task, unreadable(task, error))
      continue
    }

    let settingsKey = settingsKeys.get(task.settings)
    if (settingsKey === undefined) {
      settingsKey = settingsKeyOf(task.settings, task.cwd, state.flags.reader) + siteKey
      settingsKeys.set(task.settings, settingsKey)
    }

    const key = {content, settings: settingsKey, stamp: stampOf(stats, now)}
    keys.set(task.path, key)
    const hit = cache.get(task.display, key.content, key.settings, (result, stored) => dependenciesHold(stored, placeOf(state.site, task), result.facts.relative, targets, state.siteId ?? ''))
    if (hit && !(state.flags.fixing && hit.messages.some((message) => message.fix))) {
      if (bytes) cache.stamp(task.display, key.stamp)
      settle(task, {ok: true, result: hit, fromCache: true})
      state.stats.cached++
    } else if (state.tasks.length <= poolThreshold) {
      settle(task, await lintRead(task, bytes, engine))
      state.stats.linted++
    } else {
      toLint.push(task)
    }
  }

  return toLint
}

/** Where a task's file is, for what its result depends on (`siteDependencies`). */
function placeOf(site: ProjectSite | undefined, task: LintTask): Place {
  return site && task.site !== undefined ? {project: site, path: task.site, root: task.settings.root} : {file: task.path}
}

/**
 * What tells the settings a file was linted with apart, kept once in the cache:
 * the settings themselves (no hash: a rerun that reads no file loads no
 * `node:crypto`), with the project root relative to the working folder (the
 * results depend on where the root is from the files, not on where the
 * checkout is: a cache restored into another path, as CI runners of several
 * jobs have, still serves). A model-only run (`coursemark links`) must never
 * stand in for a lint.
 */
export function settingsKeyOf(settings: Settings, cwd: string, reader: Reader): string {
  return JSON.stringify({...settings, root: toSlashes(relativePath(cwd, settings.root))}) + (reader === 'links' ? ' model-only' : '')
}

/** Lint a file of the cache run now, from the bytes read (or read now: its stamp said it was unchanged). */
async function lintRead(task: LintTask, bytes: Uint8Array | undefined, engine: () => Promise<Engine>): Promise<FileOutcome> {
  try {
    bytes ??= readFileSync(task.path)
  } catch (error) {
    return unreadable(task, error)
  }

  return (await engine()).lintBytes(bytes, task)
}

function unreadable(task: LintTask, error: unknown): FileOutcome {
  return {ok: false, path: task.display, error: `cannot read \`${task.display}\`: ${describeFsError(error)}`}
}

/** Lint `tasks` in the pool (when it pays) or the main thread. */
async function lintAll(state: LintState, tasks: LintTask[], settle: Settle, engine: () => Promise<Engine>): Promise<void> {
  const {flags, context} = state
  const threads = flags.workers ?? (availableParallelism() > 1 ? defaultThreads(flags) : 0)
  const sized = threads > 0 && tasks.length > (flags.workers === undefined ? poolThreshold : 0) ? await sizes(tasks) : []
  const bytes = sized.reduce((total, item) => total + item.bytes, 0)
  if (sized.length > 0 && (flags.workers !== undefined || bytes > (flags.links ? linkPoolBytes : poolBytes))) {
    state.pool ??= await startPool(threads, flags)
    const pool = state.pool
    if (state.site) pool.shareSite(state.site)
    if (flags.values.debug) context.stderr.write(`coursemark: linting ${tasks.length} files in ${pool.threads} worker ${pool.threads === 1 ? 'thread' : 'threads'}${flags.links ? '' : ' and the main thread'}\n`)
    // The workers get their first batches before the main thread loads its own pipeline.
    const lintHere = async (task: LintTask) => (await engine()).lintFile(task)
    await pool.run(sized, flags.links ? undefined : lintHere, settle)
    await closePool(state)
    return
  }

  await closePool(state)
  if (tasks.length === 0) return
  const {lintFile} = await engine()
  for (const task of tasks) settle(task, await lintFile(task))
}

async function closePool(state: LintState): Promise<void> {
  const pool = state.pool
  state.pool = undefined
  await pool?.close()
}

/** The size of each file (0 when it cannot be read: reported when linted). */
async function sizes(tasks: LintTask[]): Promise<SizedTask[]> {
  return Promise.all(
    tasks.map(async (task) => {
      try {
        return {task, bytes: (await stat(task.path)).size}
      } catch {
        return {task, bytes: 0}
      }
    })
  )
}

/** Outcomes -> problems, fixed text, cache entries and the files linted, in task order. */
function collect(state: LintState, outcomes: Map<string, FileOutcome>, keys: Map<string, CacheKey>, targets: TargetLookup): void {
  for (const task of state.tasks) {
    const outcome = outcomes.get(task.path)
    if (!outcome) continue
    if (!outcome.ok) {
      state.problems.push(outcome.error)
      continue
    }

    if (outcome.fixed !== undefined) state.fixed.set(task.path, outcome.fixed)
    if (outcome.fixes !== undefined) state.fixes.set(task.path, outcome.fixes)
    const key = keys.get(task.path)
    // The cache keeps no `quiet` facts: a file with `<!--lint disable-->` on a rule comparing files is linted each run.
    // Nor records of rules with a finish phase of their own (off by default): such a file is linted each run too.
    if (state.cache && key && outcome.fixed === undefined && !outcome.fromCache && !outcome.result.facts.quiet && !outcome.result.facts.records) {
      const signature = siteDependencies(placeOf(state.site, task), outcome.result.facts.relative, targets, state.siteId ?? '')
      state.cache.set(task.display, key.content, key.settings, signature, outcome.result, key.stamp)
    }

    // Cross-file and link messages must not end up in the cache: a result the cache keeps is copied (one
    // from the cache is already a copy, made from the file's packed messages).
    state.linted.push({task, result: outcome.fromCache ? outcome.result : {...outcome.result, messages: [...outcome.result.messages]}})
  }
}
