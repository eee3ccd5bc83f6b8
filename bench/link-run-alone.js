/**
 * The link run alone: read every markdown file under a folder first (with
 * `extractLinkUses`, as `coursemark links` does), then check all their
 * external links in one `createLinkRun`, so that the link run shares the
 * machine with nothing of ours. `coursemark links` overlaps the two (each
 * file's URLs are checked as soon as it is read), which is faster overall
 * but puts the reading inside the link run's time; this shows what the link
 * run takes without it.
 *
 * Usage: `node bench/link-run-alone.js <folder>`, on the bench's link server
 * (it allows private addresses and uses no cache). Prints a coursemark JSON
 * report of the link messages on stdout, and on stderr the same "checked N
 * of M URLs in X ms" line as `coursemark links --debug`.
 */
import {readFileSync} from 'node:fs'
import {createLinkRun} from '@coursemark/cli/links'
import {extractLinkUses} from '@coursemark/core/read-links'
import {markdownFiles} from './lib/files.js'

/** @type {Array<{url: string, file: string, position?: import('@coursemark/core').Position}>} */
const occurrences = []
for (const path of markdownFiles(process.argv[2] ?? '.')) {
  const uses = extractLinkUses(readFileSync(path, 'utf8'))
  if (!uses) throw new Error(`${path}: needs the model (a bare URL), which this script does not build`)
  for (const link of uses.links) {
    if (/^https?:/i.test(link.url)) occurrences.push({url: link.url, file: path, ...(link.position ? {position: link.position} : {})})
  }
}

const run = createLinkRun({allowPrivate: true, cache: false})
run.add(occurrences)
const report = await run.finish()
const {stats} = report
process.stderr.write(`coursemark: checked ${stats.checked} of ${stats.uniqueUrls} URLs in ${stats.wallTimeMs} ms (${stats.requests} requests, ${stats.connections} connections)\n`)
process.stdout.write(JSON.stringify([{path: '.', messages: report.messages.map((message) => ({ruleId: message.ruleId, message: message.reason}))}]) + '\n')
