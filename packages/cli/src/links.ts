/**
 * The link phase of `coursemark lint --links` and `coursemark links`: every
 * external link of the linted files goes to `checkLinks` (from
 * `@coursemark/core/links`, loaded only when asked for); its messages are
 * added to the files, and permanent redirects become fix edits.
 */
import type {Config, LinkSettings} from './config.js'
import {toLintMessage} from './messages.js'
import type {CommandContext, Edit, FileResult, LintMessage} from './types.js'

/** Link options from the command line (they win over the config). */
export interface LinkFlags {
  allowPrivate?: boolean | undefined
  cache?: string | undefined
  noCache?: boolean | undefined
  concurrency?: number | undefined
  timeout?: number | undefined
  /** Show a progress bar on stderr. */
  progress: boolean
}

/** What the link phase found. */
export interface LinkOutcome {
  /** Messages by display path. */
  messages: Map<string, LintMessage[]>
  /** Numbers, for `--debug`. */
  summary: string
}

/** Check the external links of `results`. */
export async function checkResultsLinks(
  results: FileResult[],
  config: Config,
  flags: LinkFlags,
  context: CommandContext
): Promise<LinkOutcome> {
  const {checkLinks} = await import('@coursemark/core/links')
  const occurrences = results.flatMap((result) =>
    result.facts.external.map((link) => ({
      url: link.value,
      file: result.path,
      ...(link.position ? {position: link.position} : {})
    }))
  )

  const settings: LinkSettings = config.links
  const cachePath = flags.cache ?? (typeof settings.cache === 'string' ? settings.cache : undefined)
  const cacheOff = flags.noCache === true || (flags.cache === undefined && settings.cache === false)
  const bar = flags.progress ? progressBar(context) : undefined

  const report = await checkLinks(occurrences, {
    cwd: config.root,
    cache: cacheOff ? false : cachePath === undefined ? {} : {path: cachePath},
    allowPrivate: flags.allowPrivate ?? settings.allowPrivate ?? false,
    ...(flags.concurrency ?? settings.concurrency ? {concurrency: flags.concurrency ?? settings.concurrency} : {}),
    ...(flags.timeout ?? settings.timeout ? {timeout: flags.timeout ?? settings.timeout} : {}),
    ...(settings.perHost ? {perHost: settings.perHost} : {}),
    ...(settings.skip ? {exclude: settings.skip} : {}),
    ...(bar ? {onProgress: bar.update} : {})
  })
  bar?.done()

  const messages = new Map<string, LintMessage[]>()
  for (const message of report.messages) {
    const path = typeof message.file === 'string' && message.file !== '' ? message.file : undefined
    const plain = toLintMessage(message)
    const key = path ?? ''
    const list = messages.get(key) ?? []
    list.push(plain)
    messages.set(key, list)
  }

  const stats = report.stats
  return {
    messages,
    summary: `checked ${stats.checked} of ${stats.uniqueUrls} URLs (${stats.cacheHits} from cache, ${stats.skipped} skipped, ${stats.requests} requests)`
  }
}

/**
 * Edits that replace permanently redirected URLs in `text`: the URL as
 * written, found inside the span of its link.
 */
export function redirectEdits(text: string, messages: LintMessage[]): Edit[] {
  const edits: Edit[] = []
  for (const message of messages) {
    const from = message.actual
    const to = message.expected?.[0]
    if (message.ruleId !== 'link-redirected' || !message.place || from === undefined || from === '' || to === undefined) continue
    const start = message.place.start.offset
    const span = text.slice(start, message.place.end.offset)
    const index = span.lastIndexOf(from)
    if (index === -1) continue
    edits.push({start: start + index, end: start + index + from.length, text: to})
  }

  return edits
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
