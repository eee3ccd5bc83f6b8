/**
 * Make the sample link reports that the docs show: `coursemark links` on
 * `fixtures/sample`, three weekly runs, against a loopback server that plays
 * every link's answers and the Wayback availability API. It never touches the
 * internet: every request the link check sends through undici's `Agent` is
 * sent to the loopback server instead (which answers for the URL asked), and
 * the private-address guard, which would resolve host names, is off for the
 * run.
 *
 * Nothing is written unless the last run found exactly the answers played
 * (so a run that reached the network, or failed, never replaces the docs):
 * then it writes `docs/link-report.md`, `docs/link-report.html`, a screenshot
 * of the HTML report (`docs/link-report.png`, taken in the system Chromium)
 * and the markdown report into `docs/link-checking.md` between its
 * `sample-link-report` markers. Exit code 1 when the run did not go as
 * planned, 2 when Chromium is missing (`--no-screenshot` keeps the old
 * picture).
 *
 * Usage (after `npm run build`):
 *
 *     node scripts/link-report-sample.js [--no-screenshot]
 */
import {once} from 'node:events'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Writable} from 'node:stream'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'
import {Agent} from 'undici'

const root = fileURLToPath(new URL('../', import.meta.url))
const week = 7 * 24 * 3600 * 1000
const t0 = Date.UTC(2026, 10, 16, 6, 0, 0)

/** How each link answers in runs 1, 2 and 3 (status, and `location` for a redirect). */
const answers = {
  'https://explainshell.com/': [200, 404, 404],
  'https://crontab.guru/': [200, 200, 410],
  'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit?usp=sharing': [401, 401, 401],
  'http://example.org/bash-quickref?utm_source=newsletter&utm_medium=email': [301, 301, 301]
}
const moved = 'https://example.org/bash-quickref'
/** URLs the archive has a copy of, and when it was taken. */
const archived = {'https://explainshell.com/': '20240611093012'}

let run = 0
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://x')
  if (url.pathname === '/wayback/available') {
    const asked = url.searchParams.get('url') ?? ''
    const timestamp = archived[asked]
    const closest = timestamp && {status: '200', available: true, url: `http://web.archive.org/web/${timestamp}/${asked}`, timestamp}
    response.writeHead(200, {'content-type': 'application/json'})
    response.end(JSON.stringify({url: asked, archived_snapshots: closest ? {closest} : {}}))
    return
  }

  const asked = url.searchParams.get('url') ?? ''
  const status = answers[asked]?.[run] ?? 200
  response.writeHead(status, status === 301 ? {location: moved} : {})
  response.end()
})
server.listen(0, '127.0.0.1')
await once(server, 'listening')
const origin = `http://127.0.0.1:${server.address().port}`

// Every request of the link check goes through an undici `Agent`: send it to
// the loopback server, which answers for the URL asked.
const dispatch = Agent.prototype.dispatch
Agent.prototype.dispatch = function (options, handler) {
  const target = typeof options.origin === 'string' ? options.origin : options.origin?.origin
  if (target === undefined || new URL(target).origin === origin) return dispatch.call(this, options, handler)
  const asked = new URL(options.path, target).href
  return dispatch.call(this, {...options, origin, path: `/play?url=${encodeURIComponent(asked)}`}, handler)
}

for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]
const {main} = await import('../packages/cli/dist/index.js')
const folder = mkdtempSync(join(tmpdir(), 'coursemark-sample-'))
const config = join(folder, 'coursemark.config.json')
writeFileSync(
  config,
  JSON.stringify({
    links: {allowPrivate: true, cache: 'links.json', archive: true, archiveEndpoint: `${origin}/wayback/available`, archiveInterval: 0}
  })
)

/** Run `coursemark links` on the samples at run `index`'s time. */
async function links(index, format) {
  run = index
  let text = ''
  const stdout = new Writable({
    write(chunk, _encoding, callback) {
      text += chunk.toString()
      callback()
    }
  })
  const env = {PATH: process.env.PATH ?? ''}
  await main({argv: ['links', 'fixtures/sample', '--config', config, '-f', format], cwd: root, stdout, stderr: process.stderr, env, now: () => t0 + index * week})
  return text
}

/** What the last run must find, by URL: the answers played in run 3. */
const expected = {
  'https://explainshell.com/': 'link-dead',
  'https://crontab.guru/': 'link-dead',
  'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit?usp=sharing': 'link-unverifiable',
  'http://example.org/bash-quickref?utm_source=newsletter&utm_medium=email': 'link-redirected'
}

await links(0, 'json')
await links(1, 'json')
const markdown = await links(2, 'markdown')
const html = await links(2, 'html')
const last = JSON.parse(await links(2, 'json'))
server.close()

/** @type {string[]} */
const found = last.flatMap((file) =>
  file.messages.map((message) => {
    const url = Object.keys(expected).find((key) => message.message.includes('`' + key + '`'))
    return `${message.ruleId} ${url ?? message.message}`
  })
)
const wanted = Object.entries(expected).map(([url, ruleId]) => `${ruleId} ${url}`)
const unexpected = found.filter((line) => !wanted.includes(line))
const missing = wanted.filter((line) => !found.includes(line))
if (unexpected.length > 0 || missing.length > 0) {
  for (const line of unexpected) console.error(`unexpected: ${line}`)
  for (const line of missing) console.error(`missing: ${line}`)
  console.error('the sample run did not find the answers played: nothing written')
  process.exit(1)
}

// The docs live in docs/: the report's links are relative to the repository root.
const docsPath = join(root, 'docs/link-checking.md')
const docs = readFileSync(docsPath, 'utf8')
const start = '<!-- sample-link-report:start -->\n'
const end = '<!-- sample-link-report:end -->'
if (!docs.includes(start) || !docs.includes(end)) {
  console.error(`docs/link-checking.md has no \`${start.trim()}\` … \`${end}\` markers: nothing written`)
  process.exit(1)
}

const sample = markdown.replaceAll('](fixtures/', '](../fixtures/')
const picture = join(folder, 'link-report.png')
if (!process.argv.includes('--no-screenshot')) {
  const executablePath = process.env.COURSEMARK_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    console.error(`no Chromium at \`${executablePath}\` (set COURSEMARK_CHROMIUM, or pass --no-screenshot): nothing written`)
    process.exit(2)
  }

  writeFileSync(join(folder, 'link-report.html'), html)
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  const page = await browser.newPage({viewport: {width: 1100, height: 600}, colorScheme: 'light'})
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()))
  await page.goto(pathToFileURL(join(folder, 'link-report.html')).href)
  await page.screenshot({path: picture, fullPage: true})
  await browser.close()
}

mkdirSync(join(root, 'docs'), {recursive: true})
writeFileSync(join(root, 'docs/link-report.md'), markdown)
writeFileSync(join(root, 'docs/link-report.html'), html)
if (existsSync(picture)) copyFileSync(picture, join(root, 'docs/link-report.png'))
writeFileSync(
  docsPath,
  docs.slice(0, docs.indexOf(start) + start.length) + '````markdown\n' + sample + '````\n' + docs.slice(docs.indexOf(end))
)

rmSync(folder, {recursive: true, force: true})
console.log(`wrote docs/link-report.md, docs/link-report.html${existsSync(picture) ? ', docs/link-report.png' : ''} and the sample in docs/link-checking.md`)
