/**
 * The link phase of `coursemark lint --links` and `coursemark links`: the
 * external links of each file go to a link run (`createLinkRun` of
 * `check.ts`, loaded only when asked for) as soon as the file is
 * linted, so checking overlaps with the files still being parsed; at the end
 * its messages are added to the files (`fixes.ts` makes the fix edits of
 * permanent redirects).
 */
import {createRequire} from 'node:module'
import {resolve} from 'node:path'
import type {LinkRun} from './check.js'
import {displayPath, type Config, type LinkSettings} from '../config/config.js'
import {RunError} from '../errors.js'
import {toLintMessage} from '../lint/to-lint-message.js'
import type {CommandContext, FileResult, LintMessage} from '../types.js'
import type {UrlResult} from './types.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

/** Link options from the command line (they win over the config). */
export interface LinkFlags {
  allowPrivate?: boolean | undefined
  cache?: string | undefined
  noCache?: boolean | undefined
  concurrency?: number | undefined
  timeout?: number | undefined
  /** Check only the hosts of shard `index` of `count` (`coursemark links --shard i/n`). */
  shard?: {index: number; count: number} | undefined
  /** Look up archived copies of dead links (`--archive`, `--fix-archived`). */
  archive?: boolean | undefined
  /** Clock (default `Date.now`). */
  now?: (() => number) | undefined
  /** Show a progress bar on stderr. */
  progress: boolean
}

/** What the link phase found. */
export interface LinkPhaseResult {
  /** Messages by display path. */
  messages: Map<string, LintMessage[]>
  /** Numbers, for `--debug`. */
  summary: string
  /** One per unique URL, for the markdown and HTML reports. */
  results: UrlResult[]
}

/** A link phase under way: files go in as they are linted. */
export interface LinkPhase {
  /** Start checking the external links of a linted file. */
  add: (result: FileResult) => void
  /** Wait for every check; the messages by file. */
  finish: () => Promise<LinkPhaseResult>
}

/** Start the link phase (before the files are linted). */
export async function startLinkPhase(config: Config, flags: LinkFlags, context: CommandContext): Promise<LinkPhase> {
  const {createLinkRun} = require('./check.js') as typeof import('./check.js')
  const settings: LinkSettings = config.links
  const bar = flags.progress ? progressBar(context) : undefined
  for (const notice of config.linkNotices ?? []) context.stderr.write(`coursemark: warning: ${notice}\n`)
  const allowPrivate = flags.allowPrivate === true ? (settings.allowPrivate ?? true) : false
  const archive = flags.archive ?? settings.archive
  const endpoint = settings.archiveEndpoint
  if (archive && endpoint?.startsWith('http:') && !(allowPrivate === true || (allowPrivate !== false && allowPrivate.includes(hostOf(endpoint))))) {
    // Plain HTTP (a private test archive) only when the command line opens its host.
    throw new RunError(`invalid config \`${displayPath(config.path ?? '', context.cwd)}\` (1 problem)`, [
      `${settings.archiveEndpointAt ?? ''}: Unexpected \`http:\` archive endpoint \`${endpoint}\`, expected an \`https:\` URL (\`http:\` only for a host that \`--allow-private\` opens)`
    ])
  }

  const run: LinkRun = createLinkRun({
    cwd: config.root,
    cache: cacheOption(config, flags),
    // Only the command line opens the guard; the config may only narrow it to some hosts.
    allowPrivate,
    ...(flags.concurrency ?? settings.concurrency ? {concurrency: flags.concurrency ?? settings.concurrency} : {}),
    ...(flags.timeout ?? settings.timeout ? {timeout: flags.timeout ?? settings.timeout} : {}),
    ...(settings.perHost ? {perHost: settings.perHost} : {}),
    ...(settings.skip ? {exclude: settings.skip} : {}),
    ...(settings.deadline === undefined ? {} : {deadline: settings.deadline}),
    ...(settings.retries === undefined ? {} : {retries: settings.retries}),
    ...(settings.retryAfterCap === undefined ? {} : {retryAfterCap: settings.retryAfterCap}),
    ...(settings.headers === undefined ? {} : {headers: settings.headers}),
    ...(flags.shard ? {shard: flags.shard} : {}),
    ...(bar ? {onProgress: bar.update} : {}),
    ...(flags.now ? {now: flags.now} : {}),
    ...(settings.archiveAfter ? {archiveAfter: settings.archiveAfter} : {}),
    archive:
      archive
        ? {
            ...(settings.archiveEndpoint === undefined ? {} : {endpoint: settings.archiveEndpoint}),
            ...(settings.archiveInterval === undefined ? {} : {interval: settings.archiveInterval})
          }
        : false
  })

  return {
    add(result) {
      run.add(
        result.facts.external.map((link) => ({url: link.url, file: result.path, position: link.position, range: link.range}))
      )
    },
    async finish() {
      const report = await run.finish()
      bar?.done()
      const messages = new Map<string, LintMessage[]>()
      for (const message of report.messages) {
        const key = typeof message.file === 'string' ? message.file : ''
        const list = messages.get(key) ?? []
        list.push(toLintMessage(message))
        messages.set(key, list)
      }

      const stats = report.stats
      return {
        messages,
        summary: `checked ${stats.checked} of ${stats.uniqueUrls} URLs in ${stats.wallTimeMs} ms (${stats.cacheHits} from cache, ${stats.skipped} skipped, ${stats.requests} requests, ${stats.connections} connections)`,
        results: report.results
      }
    }
  }
}

/** The link cache of a run: the flag's path, else the config's, else the default; `false` for none. */
function cacheOption(config: Config, flags: LinkFlags): {path?: string} | false {
  const settings = config.links
  if (flags.noCache === true || (flags.cache === undefined && settings.cache === false)) return false
  const path = flags.cache ?? (typeof settings.cache === 'string' ? settings.cache : undefined)
  return path === undefined ? {} : {path}
}

/**
 * Before anything runs: the link cache is not a file of another kind (it
 * would be replaced by the first write).
 *
 * @throws {RunError}
 *   When it is (exit code 2).
 */
export async function checkLinkCache(config: Config, flags: LinkFlags, context: CommandContext): Promise<void> {
  const cache = cacheOption(config, flags)
  if (cache === false) return
  const {defaultCachePath} = require('./options.js') as typeof import('./options.js')
  const {foreignCacheMessage} = require('./cache.js') as typeof import('./cache.js')
  const path = resolve(config.root, cache.path ?? defaultCachePath(config.root))
  const message = await foreignCacheMessage(path)
  if (message) throw new RunError(`cannot use \`${displayPath(path, context.cwd)}\` as the link cache: ${message.reason}`)
}

/**
 * `coursemark links --merge-cache a.json b.json -o cache.json`: merge the
 * link caches of the jobs of a sharded run (per URL the newest entry).
 */
export async function mergeCacheFiles(inputs: string[], output: string | undefined, context: CommandContext): Promise<number> {
  if (output === undefined) throw new RunError('Unexpected `--merge-cache` without `-o <file>`, expected the file to write the merged cache to')
  if (inputs.length === 0) throw new RunError('Unexpected `--merge-cache` without caches, expected the files to merge')
  const {mergeCaches} = require('./merge.js') as typeof import('./merge.js')
  const merged = await mergeCaches(
    inputs.map((input) => resolve(context.cwd, input)),
    resolve(context.cwd, output),
    {now: (context.now ?? Date.now)()}
  )
  if (merged.messages.length > 0) {
    const lines = merged.messages.map((message) => `${displayPath(String(message.file), context.cwd)}: ${message.reason}`)
    throw new RunError(`cannot merge the link caches into \`${output}\``, lines)
  }

  context.stderr.write(`coursemark: merged ${inputs.length} link caches into \`${output}\` (${merged.entries} URLs)\n`)
  return 0
}

/** The host name of a URL (lower case, no brackets), or `''`. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1')
  } catch {
    return ''
  }
}

function progressBar(context: CommandContext): {update: (progress: {done: number; total: number}) => void; done: () => void} {
  const width = 30
  let last = ''
  return {
    update(progress) {
      const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width)
      const line = `links [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done}/${progress.total}`
      if (line !== last) {
        context.stderr.write('\r' + line)
        last = line
      }
    },
    done() {
      if (last !== '') context.stderr.write('\r' + ' '.repeat(last.length) + '\r')
    }
  }
}
