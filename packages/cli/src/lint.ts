/**
 * `coursemark lint` (and `coursemark links`): a short sequence of phases over
 * one state object: read the options, load the config, find the files, lint
 * them, run the finish phase of the rules that compare files, check the links, write the fixes, report,
 * and work out the exit code.
 */
import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'
import {configPath, configRoot, displayPath, loadConfig, settingsFor} from './config.js'
import {applyEdits} from './edits.js'
import {describeFsError, RunError} from './errors.js'
import {changedSince, findFiles, realOrSelf, shard} from './files.js'
import {isLinkFixed, sourceBase} from './link-report-flags.js'
import {readLintFlags, type LintFlags, type LintValues} from './lint-flags.js'
import {lintTasks, openCache, startPoolEarly} from './lint-files.js'
import {warn, type LintState} from './lint-state.js'
import {sortMessages} from './messages.js'
import type {LinkPhase} from './links.js'
import type {LintPool} from './pool.js'
import {report} from './reporters/index.js'
import type {CommandContext, FileResult} from './types.js'
import {version} from './version.js'
import {writeAtomic} from './write-file.js'
import {pauseHook, writeFixes} from './write-fixes.js'

export type {LintValues} from './lint-flags.js'

/** Run `coursemark lint` (or `coursemark links` when `linksOnly`). */
export async function lint(inputs: string[], values: LintValues, context: CommandContext, linksOnly = false): Promise<number> {
  const flags = readLintFlags(values, context, linksOnly)
  if (values['merge-cache']) return mergeLinkCaches(inputs, flags, context)
  const pool = await startPoolEarly(inputs, flags)
  try {
    const state = await findTasks(inputs, flags, context, pool)
    const links = flags.links ? startLinks(state) : undefined
    await lintTasks(state)
    await crossFile(state)
    if (links) await checkLinks(state, await links)
    await writeFixes(state)
    await saveCache(state)
    printStats(state)
    await writeReport(state)
    return exitCode(state)
  } finally {
    await pool?.close()
  }
}

/** Load the config and find the files to lint (`--changed-since`, `--shard`). */
async function findTasks(inputs: string[], flags: LintFlags, context: CommandContext, pool: LintPool | undefined): Promise<LintState> {
  const {values} = flags
  // The cache first: it may hold the config, which then need not be read and checked.
  const cache = values.cache ? await openCache(flags, context, configRoot(configPath(context.cwd, values.config), context.cwd)) : undefined
  const config = await loadConfig(context.cwd, values.config, cache)
  const found = await findFiles(inputs, {cwd: context.cwd, root: config.root, ignores: config.ignores})
  let files = found.files
  if (values['changed-since'] !== undefined) {
    const changed = await changedSince(values['changed-since'], context.cwd)
    files = files.filter((file) => changed.has(realOrSelf(file)))
  }

  if (flags.shard) files = shard(files, flags.shard.index, flags.shard.count)
  const tasks = files.map((path) => ({
    path,
    display: displayPath(path, context.cwd),
    cwd: context.cwd,
    settings: settingsFor(config, path),
    fix: flags.fixing,
    dryRun: Boolean(values['fix-dry-run']),
    modelOnly: flags.linksOnly,
    identityOnly: !flags.linksOnly && !values.links && !values.cache
  }))
  return {context, flags, pool, config, tasks, problems: [...found.errors], linted: [], fixed: new Map(), cache, stats: {linted: 0, cached: 0}}
}

/** The finish phase of the rules that compare files (duplicate `uuid`s and titles). */
async function crossFile(state: LintState): Promise<void> {
  const {finishChecks} = await import('./finish.js')
  const found = await finishChecks(state.linted.map(({task, result}) => ({settings: task.settings, result})))
  if (found.size === 0) return
  const byPath = new Map(state.linted.map(({result}) => [result.path, result]))
  for (const [path, messages] of found) {
    const result = byPath.get(path)
    if (!result) continue
    for (const message of messages) result.messages.push(message)
    sortMessages(result.messages)
  }
}

/** `coursemark links --merge-cache a.json b.json -o cache.json`. */
async function mergeLinkCaches(inputs: string[], flags: LintFlags, context: CommandContext): Promise<number> {
  if (!flags.linksOnly) throw new RunError('Unexpected `--merge-cache` with `coursemark lint`, expected `coursemark links --merge-cache`')
  const {mergeCacheFiles} = await import('./links.js')
  return mergeCacheFiles(inputs, flags.values.output, context)
}

/**
 * Start the link check as the files are linted: the link checker loads while
 * the workers read the first files, and each file's links go to it as soon as
 * both the file and the checker are ready.
 */
function startLinks(state: LintState): Promise<LinkPhase> {
  const waiting: FileResult[] = []
  state.onResult = (result) => waiting.push(result)
  const starting = (async () => {
    const {startLinkPhase} = await import('./links.js')
    const phase = await startLinkPhase(state.config, state.flags.linkFlags, state.context)
    for (const result of waiting.splice(0)) phase.add(result)
    state.onResult = (result) => phase.add(result)
    return phase
  })()
  // A failure is reported where the phase is awaited, after the lint.
  starting.catch(() => undefined)
  return starting
}

/** The link check (`cli/links.ts`): its messages join the files', permanent redirects become fixes. */
async function checkLinks(state: LintState, links: LinkPhase): Promise<void> {
  const {flags, context} = state
  const {redirectEdits} = await import('./links.js')
  const results = state.linted.map(({result}) => result)
  const outcome = await links.finish()
  state.links = {results: outcome.results, checkedAt: (context.now ?? Date.now)(), sourceBase: sourceBase(context.env)}
  if (flags.values.debug) context.stderr.write(`coursemark: ${outcome.summary}\n`)
  // Messages about no linted file (the link cache could not be read or written).
  const linted = new Set(results.map((result) => result.path))
  for (const [path, messages] of outcome.messages) {
    if (!linted.has(path)) for (const message of messages) warn(state, message.reason)
  }

  const fixing = Boolean(flags.values.fix || flags.values['fix-dry-run'])
  for (const {task, result} of state.linted) {
    const messages = outcome.messages.get(result.path)
    if (!messages) continue
    for (const message of messages) result.messages.push(message)
    sortMessages(result.messages)
    if (!fixing) continue
    const input = await readText(state, task.path, task.display)
    if (input === undefined) continue
    const archived = Boolean(flags.values['fix-archived'])
    const edits = redirectEdits(input.text, messages, archived)
    if (edits.length === 0) continue
    state.fixed.set(task.path, (input.bom ? '\uFEFF' : '') + applyEdits(input.text, edits))
    // Fixed: report what is left, as for the other fixes.
    if (flags.values.fix) result.messages = result.messages.filter((message) => !isLinkFixed(message, archived))
  }

  if (flags.linksOnly) {
    for (const {result} of state.linted) result.messages = result.messages.filter((message) => message.ruleId.startsWith('link-'))
  }
}

/** The text of a file as fixed so far (or as it is), without its byte order mark. */
async function readText(state: LintState, path: string, display: string): Promise<{text: string; bom: boolean} | undefined> {
  try {
    const {readInput} = await import('@coursemark/core')
    const {text, bom} = readInput(state.fixed.get(path) ?? (await readFile(path, 'utf8')))
    return {text, bom}
  } catch (error) {
    state.problems.push(`cannot read \`${display}\`: ${describeFsError(error)}`)
    return undefined
  }
}

async function saveCache(state: LintState): Promise<void> {
  if (!state.cache) return
  try {
    await state.cache.save()
  } catch (error) {
    warn(state, `cannot write cache \`${displayPath(state.cache.path, state.context.cwd)}\` (${describeFsError(error)})`)
  }
}

function printStats(state: LintState): void {
  if (state.flags.values.debug || state.context.env.COURSEMARK_STATS === '1') {
    const {linted, cached} = state.stats
    state.context.stderr.write(`coursemark: linted ${linted} of ${state.tasks.length} files (${cached} from cache)\n`)
  }
}

/** Write the report to stdout or `--output`, then the problems to stderr. */
async function writeReport(state: LintState): Promise<void> {
  const {flags, context} = state
  const {values} = flags
  const color = values['no-color'] ? false : values.color ? true : flags.format === 'stylish' && values.output === undefined && Boolean(context.stdout.isTTY) && !context.env.NO_COLOR
  const results = state.linted.map(({result}) => result)
  const reportContext = {color, quiet: Boolean(values.quiet), version, links: state.links}
  const text = await report(flags.format, results, reportContext)
  if (values.output === undefined) {
    context.stdout.write(text)
  } else {
    try {
      await writeAtomic(resolve(context.cwd, values.output), text, pauseHook(context))
    } catch (error) {
      throw new RunError(`cannot write \`${values.output}\`: ${describeFsError(error)}`, state.problems)
    }
  }

  if (values.html !== undefined) {
    try {
      await writeAtomic(resolve(context.cwd, values.html), await report('html', results, reportContext), pauseHook(context))
    } catch (error) {
      throw new RunError(`cannot write \`${values.html}\`: ${describeFsError(error)}`, state.problems)
    }
  }

  for (const line of state.problems) context.stderr.write(`coursemark: ${line}\n`)
}

/** 2 when something could not be done, 1 for errors (or too many warnings), else 0. */
function exitCode(state: LintState): number {
  if (state.problems.length > 0) return 2
  let errors = 0
  let warnings = 0
  for (const {result} of state.linted) {
    for (const message of result.messages) {
      if (message.severity === 'error') errors++
      else if (message.severity === 'warning') warnings++
    }
  }

  if (errors > 0) return 1
  const max = state.flags.maxWarnings
  if (max !== undefined && warnings > max) {
    state.context.stderr.write(`coursemark: ${warnings} warnings, more than \`--max-warnings ${max}\`\n`)
    return 1
  }

  return 0
}
