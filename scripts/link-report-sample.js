/**
 * Make the sample link reports that the README shows: `coursemark links` on
 * `fixtures/sample`, three weekly runs, against a loopback server that plays
 * every link's answers and the Wayback availability API. It never touches the
 * internet: `fetch` is wrapped so that every request goes to the loopback
 * server (which answers for the URL asked), and the private-address guard,
 * which would resolve host names, is off for the run.
 *
 * Writes `docs/link-report.md`, `docs/link-report.html`, a screenshot of the
 * HTML report (`docs/link-report.png`, taken in the system Chromium) and the
 * markdown report into README.md between its `sample-link-report` markers.
 *
 * Usage (after `npm run build`):
 *
 *     node scripts/link-report-sample.js
 */
import {once} from 'node:events'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Writable} from 'node:stream'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'

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

// Every request goes to the loopback server, which answers for the URL asked.
const loopbackFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
  if (url.origin === origin) return loopbackFetch(input, init)
  return loopbackFetch(`${origin}/play?url=${encodeURIComponent(url.href)}`, init)
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

await links(0, 'json')
await links(1, 'json')
const markdown = await links(2, 'markdown')
run = 2
const html = await links(2, 'html')
server.close()

mkdirSync(join(root, 'docs'), {recursive: true})
writeFileSync(join(root, 'docs/link-report.md'), markdown)
writeFileSync(join(root, 'docs/link-report.html'), html)

const browser = await chromium.launch({
  executablePath: process.env.COURSEMARK_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
})
const page = await browser.newPage({viewport: {width: 1100, height: 600}, colorScheme: 'light'})
await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()))
await page.goto(pathToFileURL(join(root, 'docs/link-report.html')).href)
await page.screenshot({path: join(root, 'docs/link-report.png'), fullPage: true})
await browser.close()

const readmePath = join(root, 'README.md')
const readme = readFileSync(readmePath, 'utf8')
const start = '<!-- sample-link-report:start -->\n'
const end = '<!-- sample-link-report:end -->'
const before = readme.slice(0, readme.indexOf(start) + start.length)
const after = readme.slice(readme.indexOf(end))
if (readme.includes(start) && readme.includes(end)) {
  writeFileSync(readmePath, before + '````markdown\n' + markdown + '````\n' + after)
}

rmSync(folder, {recursive: true, force: true})
console.log('wrote docs/link-report.md, docs/link-report.html, docs/link-report.png and the README sample')
