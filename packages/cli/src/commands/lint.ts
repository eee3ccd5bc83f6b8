/**
 * `coursemark lint`: a short sequence of phases over one state object: read
 * the options, load the config, find the files, lint them, run the finish
 * phase of the rules that compare files, check the links (`--links`, the
 * stage `coursemark links` runs too), write the fixes, report, and work out
 * the exit code. The phases other than the lint are shared with
 * `coursemark links` (`commands/links.ts`).
 */
import {createRequire} from 'node:module'
import {resolve} from 'node:path'
import {sitePath, type ProjectSite, type SiteSummary, type StoredSite} from '@coursemark/remark-plugin/config'
import {configPath, configRoot, displayPath, loadConfig, settingsFor, type Config} from '../config/config.js'
import {describeFsError, RunError} from '../errors.js'
import {changedSince, findFiles, realOrSelf, shard} from '../files/find-files.js'
import {readLintFlags, type LintFlags, type LintValues} from '../lint/lint-flags.js'
import {lintTasks, openCache, startPoolEarly} from '../lint/lint-files.js'
import {warn, type LintState} from '../lint/lint-state.js'
import {sortMessages} from '../lint/plain-messages.js'
import type {LintPool} from '../lint/pool.js'
import {report} from '../reporters/index.js'
import type {CommandContext} from '../types.js'
import {version} from '../version.js'
import {writeAtomic} from '../files/write-file.js'
import {readStoredSite, writeStoredSite} from '../lint/site-store.js'
import type {LintCache} from '../lint/lint-cache.js'
import {pauseHook, writeFixes} from '../lint/write-fixes.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

export type {LintValues} from '../lint/lint-flags.js'

/** Run `coursemark lint`. */
export async function lint(inputs: string[], values: LintValues, context: CommandContext): Promise<number> {
  const flags = readLintFlags(values, context, 'lint', inputs.includes('-'))
  if (values['merge-cache']) throw new RunError('Unexpected `--merge-cache` with `coursemark lint`, expected `coursemark links --merge-cache`')
  return runOverFiles(inputs, flags, context, async (state) => {
    // Loaded only for `--links`: a lint alone loads nothing of the link check.
    const stage = flags.links ? require('../links/link-stage.js') as typeof import('../links/link-stage.js') : undefined
    if (flags.links) await (require('../links/phase.js') as typeof import('../links/phase.js')).checkLinkCache(state.config, flags.linkFlags, context)
    const links = stage?.startLinks(state)
    await lintTasks(state)
    noteRootUnchecked(state)
    await crossFile(state)
    if (stage && links) await stage.checkLinks(state, await links)
  })
}

/**
 * A run over files, the same for `coursemark lint` and `coursemark links`:
 * read the lesson from stdin or start the worker pool, find the files, let
 * the command read and check them (`read`), then write the fixes, save the
 * cache, report, and work out the exit code.
 */
export async function runOverFiles(inputs: string[], flags: LintFlags, context: CommandContext, read: (state: LintState) => Promise<void>): Promise<number> {
  const stdin = inputs.includes('-') ? await readStdin(inputs, flags, context) : undefined
  const pool = stdin ? undefined : await startPoolEarly(inputs, flags)
  try {
    const state = await findTasks(inputs, flags, context, pool, stdin)
    await read(state)
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
async function findTasks(
  inputs: string[],
  flags: LintFlags,
  context: CommandContext,
  pool: LintPool | undefined,
  stdin: Uint8Array | undefined
): Promise<LintState> {
  const {values} = flags
  // The cache first: it may hold the config, which then need not be read and checked. Not for stdin.
  const cache = values.cache && !stdin ? await openCache(flags, context, configRoot(configPath(context.cwd, values.config), context.cwd)) : undefined
  const config = await loadConfig(context.cwd, values.config, cache)
  if (stdin) {
    const path = resolve(context.cwd, values['stdin-filename'] ?? stdinName)
    const task = {
      path,
      display: values['stdin-filename'] === undefined ? stdinName : displayPath(path, context.cwd),
      cwd: context.cwd,
      settings: settingsFor(config, path),
      fix: flags.fixing,
      dryRun: Boolean(values['fix-dry-run']),
      identityOnly: flags.reader === 'lint' && !values.links,
      content: stdin
    }
    // A lesson from stdin named with `--stdin-filename` is linted as that file of the site.
    const inSite = values['stdin-filename'] === undefined || flags.reader === 'links' ? undefined : sitePath(config, path)
    const {site, siteId, siteSummary} = inSite === undefined ? noSite : await buildRunSite(config, cache)
    return {context, flags, pool, config, tasks: [{...task, site: inSite}], problems: [], linted: [], fixed: new Map(), fixes: new Map(), cache, site, siteId, siteSummary, stats: {linted: 0, cached: 0}}
  }

  const found = await findFiles(inputs, {cwd: context.cwd, root: config.root, ignores: config.ignores})
  const problems = [...found.errors]
  if (found.files.length === 0 && problems.length === 0) {
    // As markdownlint-cli2 does for a glob that matches nothing: a mistyped path must not pass as clean.
    // Files left out on purpose are no mistake: say so, and pass.
    if (found.ignoredMarkdown) warn({context}, `every markdown file in ${describeInputs(inputs)} is ignored (.gitignore, .coursemarkignore or \`ignores\`)`)
    else problems.push(`no markdown files matched ${describeInputs(inputs)}`)
  }

  let files = found.files
  if (values['changed-since'] !== undefined) {
    const changed = await changedSince(values['changed-since'], context.cwd)
    files = files.filter((file) => changed.has(realOrSelf(file)))
  }

  if (flags.shard) files = shard(files, flags.shard.index, flags.shard.count)
  // The link reader reads no site: it runs no rule.
  const {site, siteId, siteSummary} = flags.reader === 'links' || files.length === 0 ? noSite : await buildRunSite(config, cache)
  const tasks = files.map((path) => ({
    path,
    display: displayPath(path, context.cwd),
    cwd: context.cwd,
    settings: settingsFor(config, path),
    fix: flags.fixing,
    dryRun: Boolean(values['fix-dry-run']),
    identityOnly: flags.reader === 'lint' && !values.links && !values.cache,
    site: site && sitePath(config, path)
  }))
  return {context, flags, pool, config, tasks, problems, linted: [], fixed: new Map(), fixes: new Map(), cache, site, siteId, siteSummary, stats: {linted: 0, cached: 0}}
}

/** A run without a site. */
const noSite = {site: undefined, siteId: undefined, siteSummary: undefined}

/**
 * The project's site, once per run (every file name under the root, and the
 * site model of the config's top-level format), made the run's site for the
 * engine in this thread; the pool shares it with its workers. With
 * `--cache`, the site of the last run is taken from `<cache>.site` while
 * nothing it depends on changed (the file names, the settings, the files
 * the site model read): a cached rerun then loads no site builder.
 */
async function buildRunSite(config: Config, cache: LintCache | undefined): Promise<{site: ProjectSite; siteId: string | undefined; siteSummary: SiteSummary}> {
  const {siteOfConfig, siteOfConfigStored, siteSummary} = require('@coursemark/remark-plugin/config') as typeof import('@coursemark/remark-plugin/config')
  const {setRunSite} = require('../lint/run-site.js') as typeof import('../lint/run-site.js')
  const sync = () => require('@coursemark/core/site-builders') as typeof import('@coursemark/core/site-builders')
  let site: ProjectSite
  let siteId: string | undefined
  let summary: SiteSummary
  if (cache === undefined) {
    site = siteOfConfig(config, sync())
    summary = siteSummary(site)
  } else {
    const storePath = cache.path + '.site'
    const own = [cache.path, cache.path + '.lock', storePath]
    const kept = siteOfConfigStored(config, readStoredSite(storePath), sync, own)
    // Written once the cache is saved (its folder exists then): see `saveCache`.
    if (kept.fresh && kept.stored) siteToStore.set(kept.project, {path: storePath, stored: kept.stored})
    site = kept.project
    siteId = kept.id
    summary = kept.summary
  }

  setRunSite(site)
  return {site, siteId, siteSummary: summary}
}

/** Sites built in this run, to store beside the cache when it is saved. */
const siteToStore = new WeakMap<ProjectSite, {path: string; stored: StoredSite}>()

/**
 * Say once for the run how many root-absolute links were not checked because
 * the site root is not known: a line on stderr, at info level (it changes no
 * exit code), never a message per link.
 */
function noteRootUnchecked(state: LintState): void {
  let count = 0
  for (const {result} of state.linted) count += result.facts.rootUnchecked ?? 0
  if (count === 0) return
  const links = count === 1 ? '1 root-absolute link' : `${count} root-absolute links`
  state.context.stderr.write(`coursemark: info: not checked: ${links}: set \`site.root\` (the folder published at \`/\`) or \`site.static\` in the config\n`)
}

/** The display name of a lesson read from stdin without `--stdin-filename`. */
const stdinName = '<stdin>'

/** `\`a\`, \`b\``, or `\`.\`` for no inputs. */
function describeInputs(inputs: string[]): string {
  return (inputs.length === 0 ? ['.'] : inputs).map((input) => '`' + input + '`').join(', ')
}

/** `-`: the bytes of one lesson from stdin; `-` must be the only path. */
async function readStdin(inputs: string[], flags: LintFlags, context: CommandContext): Promise<Uint8Array> {
  if (inputs.length > 1) throw new RunError('Unexpected `-` with other paths, expected `-` alone (one lesson from stdin)')
  if (!context.stdin) throw new RunError('Unexpected `-` without a standard input, expected a lesson piped to coursemark')
  if (flags.shard || flags.values['changed-since'] !== undefined) {
    throw new RunError('Unexpected `-` with `--shard` or `--changed-since`, expected them with files or folders')
  }

  const chunks: Buffer[] = []
  try {
    for await (const chunk of context.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array))
  } catch (error) {
    throw new RunError(`cannot read stdin: ${describeFsError(error)}`)
  }

  return Buffer.concat(chunks)
}

/** The finish phase of the rules that compare files (duplicate `uuid`s and titles). */
async function crossFile(state: LintState): Promise<void> {
  const {finishChecks} = require('../lint/finish.js') as typeof import('../lint/finish.js')
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

/** Save the lint cache (and the site beside it). */
async function saveCache(state: LintState): Promise<void> {
  if (!state.cache) return
  try {
    await state.cache.save()
  } catch (error) {
    warn(state, `cannot write cache \`${displayPath(state.cache.path, state.context.cwd)}\` (${describeFsError(error)})`)
    return
  }

  const store = state.site && siteToStore.get(state.site)
  if (store) await writeStoredSite(store.path, store.stored)
}

/** With `--debug` or `COURSEMARK_STATS=1`: how many files were linted, and how many came from the cache. */
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
  // `lint - --fix` prints the fixed lesson on stdout; its report goes to stderr.
  const out = values.fix && state.tasks[0]?.content !== undefined ? context.stderr : context.stdout
  const color = values['no-color'] ? false : values.color ? true : flags.format === 'stylish' && values.output === undefined && Boolean(out.isTTY) && !context.env.NO_COLOR
  const results = state.linted.map(({result}) => result)
  // Wrapped to the terminal only when the report goes to one.
  const columns = values.output === undefined && out.isTTY ? out.columns : undefined
  const reportContext = {color, columns, quiet: Boolean(values.quiet), version, links: state.links}
  const text = await report(flags.format, results, reportContext)
  if (values.output === undefined) {
    out.write(text)
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
