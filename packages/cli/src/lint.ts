/**
 * `coursemark lint`: config -> files -> (cache) -> lint in the main thread or
 * a worker pool -> fixes -> cross-file checks -> report -> exit code.
 */
import {readFile, stat} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {resolve} from 'node:path'
import {writeAtomic, type AtomicOptions} from './atomic.js'
import {defaultCacheLocation, hash, LintCache} from './cache.js'
import {displayPath, loadConfig, settingsFor, type EffectiveSettings} from './config.js'
import {crossFileChecks, targetsSignature} from './cross-file.js'
import {applyEdits, lintFile, lintBytes, sortMessages, type LintTask} from './engine.js'
import {describeFsError, RunError} from './errors.js'
import {changedSince, findFiles, parseShard, realOrSelf, shard} from './files.js'
import type {CommandContext} from './main.js'
import {formats, report, type Format} from './reporters/index.js'
import type {FileOutcome, FileResult} from './types.js'
import {toolVersion, version} from './version.js'

/** Parsed options of `coursemark lint`. */
export interface LintValues {
  format?: string | undefined
  output?: string | undefined
  config?: string | undefined
  'max-warnings'?: string | undefined
  fix?: boolean | undefined
  'fix-dry-run'?: boolean | undefined
  cache?: boolean | undefined
  'cache-location'?: string | undefined
  'changed-since'?: string | undefined
  shard?: string | undefined
  workers?: string | undefined
  links?: boolean | undefined
  'allow-private'?: boolean | undefined
  'links-cache'?: string | undefined
  'no-links-cache'?: boolean | undefined
  'links-concurrency'?: string | undefined
  'links-timeout'?: string | undefined
  quiet?: boolean | undefined
  color?: boolean | undefined
  'no-color'?: boolean | undefined
  debug?: boolean | undefined
}

/** Above this many files to lint, a worker pool may pay for its start-up. */
export const poolThreshold = 50

/**
 * ...and above this many bytes: a worker takes about 0.3 s of CPU to start
 * (loading and compiling the pipeline), which parsing 2 MB (about a second on
 * one core) repays; fewer bytes are linted faster in the main thread.
 */
export const poolBytes = 2 * 1024 * 1024

/** Files per task sent to a worker. */
const batchSize = 16

/** Run `coursemark lint` (or `coursemark links` when `linksOnly`). */
export async function lint(
  inputs: string[],
  values: LintValues,
  context: CommandContext,
  linksOnly = false
): Promise<number> {
  const format = parseFormat(values.format)
  const maxWarnings = values['max-warnings'] === undefined ? undefined : parseCount(values['max-warnings'], '--max-warnings')
  const workers = values.workers === undefined ? undefined : parseCount(values.workers, '--workers')
  const shardSpec = values.shard === undefined ? undefined : parseShard(values.shard)
  if (values.fix && values['fix-dry-run']) {
    throw new RunError('Unexpected `--fix` with `--fix-dry-run`, expected one of them')
  }

  const linkCount = (name: 'links-concurrency' | 'links-timeout') => {
    const value = values[name]
    return value === undefined ? undefined : parseCount(value, '--' + name)
  }
  const linkFlags = {
    allowPrivate: values['allow-private'],
    cache: values['links-cache'] === undefined ? undefined : resolve(context.cwd, values['links-cache']),
    noCache: values['no-links-cache'],
    concurrency: linkCount('links-concurrency'),
    timeout: linkCount('links-timeout'),
    progress: Boolean(context.stderr.isTTY) && !context.env.CI && !values.quiet
  }

  const config = loadConfig(context.cwd, values.config)
  const found = await findFiles(inputs, {cwd: context.cwd, root: config.root, ignores: config.ignores})
  const problems = [...found.errors]
  let files = found.files

  if (values['changed-since'] !== undefined) {
    const changed = await changedSince(values['changed-since'], context.cwd)
    files = files.filter((file) => changed.has(realOrSelf(file)))
  }

  if (shardSpec) files = shard(files, shardSpec.index, shardSpec.count)

  const stats = {linted: 0, cached: 0}
  const fixing = Boolean(values.fix || values['fix-dry-run']) && !linksOnly
  const tasks: LintTask[] = files.map((path) => ({
    path,
    display: displayPath(path, context.cwd),
    cwd: context.cwd,
    settings: settingsFor(config, path),
    fix: fixing,
    dryRun: Boolean(values['fix-dry-run']),
    modelOnly: linksOnly
  }))

  const warn = (message: string) => context.stderr.write(`coursemark: warning: ${message}\n`)
  const cachePath = values['cache-location'] === undefined ? resolve(config.root, defaultCacheLocation) : resolve(context.cwd, values['cache-location'])
  const cache = values.cache ? await LintCache.load(cachePath, toolVersion, warn, displayPath(cachePath, context.cwd)) : undefined

  const outcomes = new Map<string, FileOutcome>()
  const toLint: LintTask[] = []
  const keys = new Map<string, {content: string; settings: string}>()
  const fromCache = new Set<string>()

  if (cache) {
    const settingsKeys = new Map<EffectiveSettings, string>()
    for (const task of tasks) {
      let bytes: Uint8Array
      try {
        bytes = await readFile(task.path)
      } catch (error) {
        outcomes.set(task.path, {ok: false, path: task.display, error: `cannot read \`${task.display}\`: ${describeFsError(error)}`})
        continue
      }

      let settingsKey = settingsKeys.get(task.settings)
      if (settingsKey === undefined) {
        // A model-only run (`coursemark links`) must never stand in for a lint.
        settingsKey = hash(JSON.stringify(task.settings) + (task.modelOnly ? ' model-only' : ''))
        settingsKeys.set(task.settings, settingsKey)
      }

      const key = {content: hash(bytes), settings: settingsKey}
      keys.set(task.path, key)
      const hit = cache.get(task.display, key.content, key.settings, (result) =>
        targetsSignature(task.path, task.settings.root, result.facts.relative)
      )
      if (hit && !(fixing && hit.messages.some((message) => message.fix))) {
        outcomes.set(task.path, {ok: true, result: hit})
        fromCache.add(task.path)
        stats.cached++
      } else if (tasks.length <= poolThreshold) {
        outcomes.set(task.path, await lintBytes(bytes, task))
        stats.linted++
      } else {
        toLint.push(task)
      }
    }
  } else {
    for (const task of tasks) toLint.push(task)
  }

  // Auto: one worker per core, when there are enough files and more than one core.
  const threads = workers ?? availableParallelism()
  const usePool =
    toLint.length > 0 &&
    (workers === undefined
      ? toLint.length > poolThreshold && threads > 1 && (await bytesOver(toLint, poolBytes))
      : workers > 0)
  if (usePool) {
    const {runPool} = await import('./pool.js')
    if (values.debug) context.stderr.write(`coursemark: linting ${toLint.length} files in ${threads} worker ${threads === 1 ? 'thread' : 'threads'}\n`)
    const results = await runPool(toLint, batchSize, threads)
    for (const [index, outcome] of results.entries()) {
      const task = toLint[index]
      if (task) outcomes.set(task.path, outcome)
    }
  } else {
    for (const task of toLint) outcomes.set(task.path, await lintFile(task))
  }

  stats.linted += toLint.length

  // Fixed text by path: written (atomically) or printed as a diff at the end.
  const fixedText = new Map<string, string>()
  for (const task of tasks) {
    const outcome = outcomes.get(task.path)
    if (outcome?.ok && outcome.fixed !== undefined) fixedText.set(task.path, outcome.fixed)
  }

  const results: FileResult[] = []
  const crossInputs = []
  for (const task of tasks) {
    const outcome = outcomes.get(task.path)
    if (!outcome) continue
    if (!outcome.ok) {
      problems.push(outcome.error)
      continue
    }

    const key = keys.get(task.path)
    if (cache && key && outcome.fixed === undefined && !fromCache.has(task.path)) {
      cache.set(task.display, key.content, key.settings, targetsSignature(task.path, task.settings.root, outcome.result.facts.relative), outcome.result)
    }
    // Copy: cross-file messages must not end up in the cache.
    const result: FileResult = {...outcome.result, messages: [...outcome.result.messages]}
    results.push(result)
    crossInputs.push({absolute: task.path, settings: task.settings, result})
  }

  const byPath = new Map(results.map((result) => [result.path, result]))
  for (const [path, messages] of crossFileChecks(crossInputs)) {
    const result = byPath.get(path)
    if (result) {
      for (const message of messages) result.messages.push(message)
      sortMessages(result.messages)
    }
  }

  if (linksOnly || values.links) {
    const {checkResultsLinks, redirectEdits} = await import('./links.js')
    const outcome = await checkResultsLinks(results, config, linkFlags, context)
    if (values.debug) context.stderr.write(`coursemark: ${outcome.summary}\n`)
    // Messages about no linted file (the link cache could not be read or written).
    const linted = new Set(results.map((result) => result.path))
    for (const [path, messages] of outcome.messages) {
      if (!linted.has(path)) for (const message of messages) warn(message.reason)
    }
    const taskByPath = new Map(tasks.map((task) => [task.display, task]))
    for (const result of results) {
      const messages = outcome.messages.get(result.path)
      if (!messages) continue
      for (const message of messages) result.messages.push(message)
      sortMessages(result.messages)
      const task = taskByPath.get(result.path)
      if (!task || !(values.fix || values['fix-dry-run'])) continue
      let text: string
      try {
        text = fixedText.get(task.path) ?? (await readFile(task.path, 'utf8'))
      } catch (error) {
        problems.push(`cannot read \`${task.display}\`: ${describeFsError(error)}`)
        continue
      }

      const bom = text.charCodeAt(0) === 0xfe_ff ? '\uFEFF' : ''
      const body = bom ? text.slice(1) : text
      const edits = redirectEdits(body, messages)
      if (edits.length > 0) {
        fixedText.set(task.path, bom + applyEdits(body, edits))
        // Fixed: report what is left, as for the other fixes.
        if (values.fix) result.messages = result.messages.filter((message) => message.ruleId !== 'link-redirected')
      }
    }
  }

  if (linksOnly) {
    for (const result of results) result.messages = result.messages.filter((message) => message.ruleId.startsWith('link-'))
  }

  const atomicOptions = pauseHook(context)
  for (const task of tasks) {
    const after = fixedText.get(task.path)
    if (after === undefined) continue
    if (values['fix-dry-run']) {
      let before: string
      try {
        before = await readFile(task.path, 'utf8')
      } catch (error) {
        problems.push(`cannot read \`${task.display}\`: ${describeFsError(error)}`)
        continue
      }

      // Loaded only for a dry run: most runs never print a diff.
      const {createTwoFilesPatch, FILE_HEADERS_ONLY} = await import('diff')
      const patch = createTwoFilesPatch('a/' + task.display, 'b/' + task.display, before, after, undefined, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY
      })
      context.stdout.write(patch)
    } else {
      try {
        await writeAtomic(task.path, after, atomicOptions)
      } catch (error) {
        problems.push(`cannot write \`${task.display}\`: ${describeFsError(error)}`)
      }

      cache?.delete(task.display)
    }
  }

  if (cache) {
    try {
      await cache.save()
    } catch (error) {
      warn(`cannot write cache \`${displayPath(cache.path, context.cwd)}\` (${describeFsError(error)})`)
    }
  }

  if (values.debug || context.env.COURSEMARK_STATS === '1') {
    context.stderr.write(`coursemark: linted ${stats.linted} of ${tasks.length} files (${stats.cached} from cache)\n`)
  }

  const color =
    values['no-color'] ? false : values.color ? true : format === 'stylish' && values.output === undefined && Boolean(context.stdout.isTTY) && !context.env.NO_COLOR
  const text = await report(format, results, {color, quiet: Boolean(values.quiet), version})
  if (values.output === undefined) {
    context.stdout.write(text)
  } else {
    const output = resolve(context.cwd, values.output)
    try {
      await writeAtomic(output, text, atomicOptions)
    } catch (error) {
      throw new RunError(`cannot write \`${values.output}\`: ${describeFsError(error)}`, problems)
    }
  }

  for (const line of problems) context.stderr.write(`coursemark: ${line}\n`)
  if (problems.length > 0) return 2

  let errors = 0
  let warnings = 0
  for (const result of results) {
    for (const message of result.messages) {
      if (message.severity === 'error') errors++
      else if (message.severity === 'warning') warnings++
    }
  }

  if (errors > 0) return 1
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    context.stderr.write(`coursemark: ${warnings} warnings, more than \`--max-warnings ${maxWarnings}\`\n`)
    return 1
  }

  return 0
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'stylish'
  if ((formats as readonly string[]).includes(value)) return value as Format
  throw new RunError(`Unexpected \`--format ${value}\`, expected ${formats.map((item) => '`' + item + '`').join(', ')}`)
}

/** Parse a non-negative integer option. */
export function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) {
    throw new RunError(`Unexpected \`${flag} ${value}\`, expected a whole number such as \`0\` or \`10\``)
  }

  return Number(value)
}

/**
 * The test hook of atomic writes: with `COURSEMARK_TEST_PAUSE_WRITE=1`, a
 * write stops half-way, says so on stderr, and waits (a test kills the
 * process then, and checks the old file is whole).
 */
function pauseHook(context: CommandContext): AtomicOptions {
  if (context.env.COURSEMARK_TEST_PAUSE_WRITE !== '1') return {}
  return {
    pause: (temporary) =>
      new Promise((resolvePromise) => {
        context.stderr.write(`coursemark: paused writing \`${temporary}\`\n`)
        setTimeout(resolvePromise, 60_000)
      })
  }
}

/** Whether the files of `tasks` add up to more than `limit` bytes (stops counting once they do). */
async function bytesOver(tasks: LintTask[], limit: number): Promise<boolean> {
  let total = 0
  for (const task of tasks) {
    try {
      total += (await stat(task.path)).size
    } catch {
      // Unreadable: reported when linted.
    }

    if (total > limit) return true
  }

  return false
}
