/**
 * Start the benchmark's link server and write its link corpus, for running
 * and profiling a link checker by hand:
 *
 *   node bench/serve-links.js [uniqueUrls=2000]
 *   # then, in another shell, the command it prints, e.g.
 *   cd bench/corpus/links-manual && node --cpu-prof ../../../packages/cli/dist/bin.js links --allow-private --no-links-cache .
 *
 * Ctrl-C prints what the server saw and stops it.
 */
import {join, dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import {linkCorpus} from './lib/corpus.js'
import {planUrls, requestReport, startLinkServer} from './lib/link-server.js'

const here = dirname(fileURLToPath(import.meta.url))
const count = Number(process.argv[2] ?? 2000)
const addresses = Array.from({length: 50}, (_, i) => `127.0.0.${i + 2}`)
const server = await startLinkServer({addresses, latencyMs: 25})
const plan = planUrls({count, addresses, refusedAddresses: ['127.0.0.52', '127.0.0.53'], port: server.port})
const corpus = linkCorpus(join(here, 'corpus', 'links-manual'), Math.ceil(count / 5), plan.map((item) => item.url))
process.stdout.write(
  `${plan.length} unique URLs (${plan.filter((item) => item.dead).length} dead) in ${corpus.files} files at ${corpus.dir}\n` +
    `cd ${corpus.dir} && node --cpu-prof ${join(here, '..', 'packages/cli/dist/bin.js')} links --allow-private --no-links-cache .\n` +
    'Ctrl-C prints the counts and stops; `kill -USR2 <pid>` prints and resets them (flaky URLs fail again).\n'
)
process.on('SIGUSR2', () => {
  process.stdout.write(JSON.stringify(requestReport(server.stats(), plan)) + '\n')
  server.reset()
})
process.on('SIGINT', async () => {
  process.stdout.write(JSON.stringify(requestReport(server.stats(), plan)) + '\n')
  await server.close()
  process.exit(0)
})
