import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cli, runAsync, scratch} from './helpers.js'

let server: Server
let base = ''
/** Each request the server saw: `METHOD /path`, with its `x-token` header. */
const seen: Array<{request: string; token: string | undefined}> = []

beforeAll(async () => {
  server = createServer((request, response) => {
    const token = request.headers['x-token']
    seen.push({request: `${request.method ?? ''} ${request.url ?? ''}`, token: typeof token === 'string' ? token : undefined})
    if (request.url?.startsWith('/redir?') === true) {
      response.writeHead(302, {location: '/wayback' + request.url.slice('/redir'.length)})
      response.end()
    } else if (request.url?.startsWith('/wayback?') === true) {
      response.writeHead(200, {'content-type': 'application/json'})
      response.end(JSON.stringify({archived_snapshots: {closest: {status: '200', available: true, url: 'https://web.archive.org/web/2019/x', timestamp: '20190302101500'}}}))
    } else if (request.url === '/busy') {
      response.writeHead(503)
      response.end()
    } else if (request.url === '/limited') {
      response.writeHead(429, {'retry-after': '30'})
      response.end()
    } else if (request.url === '/hang') {
      // Never answers: the deadline ends the check.
      return
    } else if (request.url === '/old') {
      response.writeHead(301, {location: '/new'})
      response.end()
    } else if (request.url === '/new' || request.url === '/ok' || request.url === '/ok?headers') {
      response.writeHead(200, {'content-type': 'text/html'})
      response.end('<p>ok</p>')
    } else {
      response.writeHead(404)
      response.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** The requests the server saw for `path`. */
function requestsTo(path: string): string[] {
  return seen.filter((entry) => entry.request.endsWith(' ' + path)).map((entry) => entry.request)
}

function lesson(body: string): string {
  return `---\ntitle: Links\nauthor: Coursemark Fixtures\nteam: engineering\ntime: 20\n---\n\n## Reading\n\n${body}\n`
}

describe('link check', () => {
  it('`coursemark links` reports dead and redirected links only, and exits 1 for a dead link (the real binary)', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'a.md'), lesson(`See [old](${base}/old), [ok](${base}/ok) and [gone](${base}/gone).`))
    const result = await runAsync(['links', '--allow-private', '--no-links-cache', '-f', 'github'], folder)
    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::warning file=a.md,line=10,col=5,endLine=10,endColumn=${5 + `[old](${base}/old)`.length},title=coursemark%3Alink-redirected::Unexpected permanently redirected link \`${base}/old\` (\`301 Moved Permanently\`), expected \`${base}/new\``,
        `::error file=a.md,line=10,col=${`See [old](${base}/old), [ok](${base}/ok) and `.length + 1},endLine=10,endColumn=${`See [old](${base}/old), [ok](${base}/ok) and [gone](${base}/gone)`.length + 1},title=coursemark%3Alink-dead::Unexpected dead link \`${base}/gone\` (\`404 Not Found\`), expected a reachable URL`,
        ''
      ].join('\n')
    })
  })

  it('checks the links of a file whose lint comes from `--cache` as of one linted now, positions included', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'a.md'), lesson(`See [old](${base}/old) and [gone](${base}/gone).`))
    const args = ['lint', '--cache', '--links', '--allow-private', '--no-links-cache', '-f', 'github']
    const first = await cli(args, folder, {COURSEMARK_STATS: '1'})
    const second = await cli(args, folder, {COURSEMARK_STATS: '1'})
    expect(first.stderr).toBe('coursemark: linted 1 of 1 files (0 from cache)\n')
    expect(second.stderr).toBe('coursemark: linted 0 of 1 files (1 from cache)\n')
    expect(first.stdout).toContain(`line=10,col=5,endLine=10,endColumn=${5 + `[old](${base}/old)`.length},title=coursemark%3Alink-redirected`)
    expect(first.stdout).toContain('title=coursemark%3Alink-dead')
    expect(second.stdout).toBe(first.stdout)
    expect(second.code).toBe(1)

    // A lint without links saves the cache with a new file: the links of a.md, not read by that run, are kept.
    writeFileSync(join(folder, 'b.md'), lesson(`See [also gone](${base}/also-gone).`))
    const lintOnly = await cli(['lint', '--cache', '-f', 'github'], folder, {COURSEMARK_STATS: '1'})
    expect(lintOnly.stderr).toBe('coursemark: linted 1 of 2 files (1 from cache)\n')
    const third = await cli(args, folder, {COURSEMARK_STATS: '1'})
    expect(third.stderr).toBe('coursemark: linted 0 of 2 files (2 from cache)\n')
    expect(third.stdout).toContain(first.stdout)
    expect(third.stdout).toContain(`::error file=b.md,line=10,col=5,`)
  })

  it('checks embeds: a dead `<iframe src>`, `<video src>` and `<img src>` are each reported where they are written', async () => {
    const folder = scratch()
    const body = [
      `<iframe src="${base}/iframe" title="Demo"></iframe>`,
      '',
      `Watch: <video src="${base}/video" controls></video>`,
      '',
      `<img src="${base}/image" alt="Diagram">`
    ].join('\n')
    writeFileSync(join(folder, 'a.md'), lesson(body))
    const result = await cli(['links', '--allow-private', '--no-links-cache', '-f', 'github'], folder)
    const dead = (line: number, column: number, tag: string, path: string) =>
      `::error file=a.md,line=${line},col=${column},endLine=${line},endColumn=${column + tag.length},title=coursemark%3Alink-dead::Unexpected dead link \`${base}/${path}\` (\`404 Not Found\`), expected a reachable URL`
    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        dead(10, 1, `<iframe src="${base}/iframe" title="Demo">`, 'iframe'),
        dead(12, 8, `<video src="${base}/video" controls>`, 'video'),
        dead(14, 1, `<img src="${base}/image" alt="Diagram">`, 'image'),
        ''
      ].join('\n')
    })
  })

  it('exits 0 when the only findings are redirects, and writes the link cache', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'a.md'), lesson(`See [old](${base}/old).`))
    const result = await cli(['links', '--allow-private', '--links-cache', 'links.json', '-f', 'json'], folder)
    expect(result.code).toBe(0)
    expect(existsSync(join(folder, 'links.json'))).toBe(true)
  })

  it('keeps both caches (and the stored site) in `.coursemark/cache/` without a package.json, and makes no `node_modules` (the real binary)', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'a.md'), lesson(`See [ok](${base}/ok).`))
    const result = await runAsync(['lint', '--links', '--cache', '--allow-private', '-f', 'json'], folder)
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(readdirSync(join(folder, '.coursemark', 'cache')).sort()).toEqual(['links.json', 'lint.json', 'lint.json.site'])
    expect(existsSync(join(folder, 'node_modules'))).toBe(false)
  })

  it('keeps both caches (and the stored site) in `node_modules/.cache/coursemark/` with a package.json (the real binary)', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'package.json'), '{"private": true}\n')
    writeFileSync(join(folder, 'a.md'), lesson(`See [ok](${base}/ok).`))
    const result = await runAsync(['lint', '--links', '--cache', '--allow-private', '-f', 'json'], folder)
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(readdirSync(join(folder, 'node_modules', '.cache', 'coursemark')).sort()).toEqual(['links.json', 'lint.json', 'lint.json.site'])
    expect(existsSync(join(folder, '.coursemark'))).toBe(false)
  })

  it('refuses private addresses unless allowed', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'a.md'), lesson(`See [gone](${base}/gone).`))
    const result = await cli(['links', '--no-links-cache', '-f', 'json'], folder)
    const report = JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string}>}>
    expect(report[0]?.messages.map((message) => message.ruleId)).not.toContain('link-dead')
  })

  it('`lint --links --fix` replaces permanent redirects by their target', async () => {
    const folder = scratch()
    const path = join(folder, 'a.md')
    writeFileSync(path, lesson(`See [old](${base}/old) and <${base}/old>.`))
    const result = await cli(['lint', '--links', '--fix', '--allow-private', '--no-links-cache', '-f', 'json'], folder)
    expect(readFileSync(path, 'utf8')).toBe(lesson(`See [old](${base}/new) and <${base}/new>.`))
    const report = JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string}>}>
    expect(report[0]?.messages.map((message) => message.ruleId)).not.toContain('link-redirected')
  })
})

describe('link check with workers', () => {
  it('parses in the workers only, leaving the main thread to the network, with the same report as the main thread alone', async () => {
    const folder = scratch()
    for (let index = 0; index < 60; index++) {
      const links = `See [old](${base}/old), [ok](${base}/ok) and [gone](${base}/gone?f=${index % 3}).`
      writeFileSync(join(folder, `lesson-${String(index).padStart(2, '0')}.md`), lesson(links))
    }

    const args = ['--allow-private', '--no-links-cache', '--debug', '-f', 'json']
    const inline = await cli(['links', '--workers', '0', ...args], folder)
    // Forced: 60 small files are under the size at which the pool starts by itself.
    const pooled = await cli(['links', '--workers', '1', ...args], folder)
    expect(pooled.stdout).toBe(inline.stdout)
    expect([pooled.code, inline.code]).toEqual([1, 1])
    const linting = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('coursemark: linting'))
    expect(linting(pooled.stderr)).toEqual(['coursemark: linting 60 files in 1 worker thread'])
    expect(linting(inline.stderr)).toEqual([])
    const report = JSON.parse(pooled.stdout) as Array<{messages: Array<{ruleId: string}>}>
    expect(report.flatMap((file) => file.messages.map((message) => message.ruleId)).sort().filter((id, index, all) => all.indexOf(id) === index)).toEqual([
      'link-dead',
      'link-redirected'
    ])
  })
})

describe('links read without the model', () => {
  interface JsonReport {
    path: string
    messages: Array<{ruleId: string; message: string; line: number | null; column: number | null; endLine: number | null; endColumn: number | null}>
  }

  /** Each link message as one line: file, place, rule and reason. */
  const linkLines = (stdout: string) =>
    (JSON.parse(stdout) as JsonReport[]).flatMap((file) =>
      file.messages
        .filter((message) => message.ruleId.startsWith('link-'))
        .map((message) => `${file.path}:${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId} ${message.message}`)
    )

  it('`coursemark links` reports every link where `lint --links` does, however it is written', async () => {
    const folder = scratch()
    const dead = (name: string) => `${base}/gone/${name}`
    const body = [
      `Inline [a](${dead('inline')}), escaped [b](${dead('b\\_c')}), referenced [c][ref], [ref][] and [ref], image ![d](${dead('image.png')}).`,
      '',
      `> Quoted <${dead('autolink')}> and ${dead('literal')} in prose, \`[not](${dead('code')})\` in code.`,
      '',
      `- ![outer [inner](${dead('alt')})](${dead('outer.png')}) keeps only the image`,
      `- [![badge](${dead('badge.svg')})](${dead('badge')}) and ![e][img]`,
      '',
      `<a href="${dead('html')}">HTML</a> <img src="${dead('html.png')}" alt="x">`,
      '',
      `<iframe src="${dead('embed')}"></iframe>`,
      '',
      `[ref]: ${dead('reference')}`,
      `[REF]: ${dead('second-definition')}`,
      `[img]: <${dead('ref image.png')}>`
    ].join('\n')
    writeFileSync(join(folder, 'a.md'), lesson(body))
    // A bare URL after a character reference: only the tree finds it (the model is built for this file).
    writeFileSync(join(folder, 'b.md'), lesson(`Plain &#104;ttp://127.0.0.1:1/x and [f](${dead('fallback')}).`))
    const args = ['--allow-private', '--no-links-cache', '-f', 'json']
    const links = await cli(['links', ...args], folder)
    const pooled = await cli(['links', '--workers', '1', ...args], folder)
    const lint = await cli(['lint', '--links', ...args], folder)
    expect([links.code, pooled.code, lint.code]).toEqual([1, 1, 1])
    expect(pooled.stdout).toBe(links.stdout)
    expect(linkLines(links.stdout)).toEqual(linkLines(lint.stdout))
    const urls = linkLines(links.stdout).map((line) => /`([^`]+)`/.exec(line)?.[1])
    expect(urls).toEqual([
      dead('inline'), dead('b_c'), dead('reference'), dead('reference'), dead('reference'), dead('image.png'),
      dead('autolink'), dead('literal'), dead('outer.png'), dead('badge'), dead('badge.svg'), dead('ref image.png'),
      dead('html'), dead('html.png'), dead('embed'),
      'http://127.0.0.1:1/x', dead('fallback')
    ])
  })
})

describe('sharded link checks', () => {
  const hosts = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7']
  const servers: Server[] = []
  /** Hosts requested by the shard running now. */
  let requested = new Set<string>()
  let port = 0

  beforeAll(async () => {
    for (const host of hosts) {
      const hostServer = createServer((request, response) => {
        requested.add(host)
        response.writeHead(request.url?.startsWith('/gone') ? 404 : 200)
        response.end()
      })
      await new Promise<void>((resolve) => hostServer.listen(port, host, resolve))
      port = (hostServer.address() as AddressInfo).port
      servers.push(hostServer)
    }
  })

  afterAll(async () => {
    for (const hostServer of servers) await new Promise((resolve) => hostServer.close(resolve))
  })

  it('`links --shard i/n` never sends two shards to one host; `--merge-cache` joins their caches', async () => {
    const folder = scratch()
    const urls = hosts.flatMap((host) => [`http://${host}:${port}/ok`, `http://${host}:${port}/gone`])
    writeFileSync(join(folder, 'a.md'), lesson(urls.map((url) => `<${url}>`).join(' ')))
    const dead: string[] = []
    const hostsOf: Array<Set<string>> = []
    for (const shard of ['1/2', '2/2']) {
      requested = new Set()
      hostsOf.push(requested)
      const result = await runAsync(['links', '--allow-private', '--shard', shard, '--links-cache', `links-${shard[0] ?? ''}.json`, '-f', 'json'], folder)
      const report = JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string; message: string}>}>
      for (const message of report[0]?.messages ?? []) dead.push(/`([^`]+)`/.exec(message.message)?.[1] ?? '')
      expect(result.code).toBe(report[0]?.messages.length ? 1 : 0)
    }

    // Each dead link reported once, by the shard of its host; no host in both.
    expect(dead.sort()).toEqual(urls.filter((url) => url.endsWith('/gone')).sort())
    const [first = new Set<string>(), second = new Set<string>()] = hostsOf
    expect([...first].filter((host) => second.has(host))).toEqual([])
    expect(new Set([...first, ...second])).toEqual(new Set(hosts))

    const merged = await runAsync(['links', '--merge-cache', 'links-1.json', 'links-2.json', '-o', 'links.json'], folder)
    expect(merged).toEqual({code: 0, stdout: '', stderr: `coursemark: merged 2 link caches into \`links.json\` (${urls.length} URLs)\n`})
    const cache = JSON.parse(readFileSync(join(folder, 'links.json'), 'utf8')) as {entries: Record<string, unknown>}
    expect(Object.keys(cache.entries).sort()).toEqual([...urls].sort())
  })

  it('`--merge-cache` refuses a missing cache and writes nothing', async () => {
    const folder = scratch()
    const result = await runAsync(['links', '--merge-cache', 'nope.json', '-o', 'links.json'], folder)
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: nope.json: Unexpected missing link cache, expected a file written by `coursemark links`\ncoursemark: cannot merge the link caches into `links.json`\n'
    })
    expect(existsSync(join(folder, 'links.json'))).toBe(false)
  })
})

describe('link config from an untrusted pull request', () => {
  it('never opens the private-address guard from `links.allowPrivate: true` alone, and warns at the key', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'links:\n  allowPrivate: true\n')
    writeFileSync(join(folder, 'a.md'), lesson(`See [gone](${base}/config-open-gone).`))
    const result = await runAsync(['links', '--no-links-cache', '-f', 'github'], folder)
    expect(requestsTo('/config-open-gone')).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      'coursemark: warning: .coursemarkrc.yaml:2:3-2:15: Unexpected `allowPrivate: true`, expected a list of the hosts that `--allow-private` may open: the config no longer turns off the private-address guard, only `--allow-private` on the command line does\n'
    )
    // The command line still opens it.
    const opened = await runAsync(['links', '--allow-private', '--no-links-cache', '-f', 'github'], folder)
    expect(opened.code).toBe(1)
    expect(requestsTo('/config-open-gone')).toEqual(['HEAD /config-open-gone', 'GET /config-open-gone'])
  })

  it('lets a list in `links.allowPrivate` only narrow what `--allow-private` opens', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'links:\n  allowPrivate: [127.0.0.1]\n')
    const named = base.replace('127.0.0.1', 'localhost')
    writeFileSync(join(folder, 'a.md'), lesson(`See [listed](${base}/narrow-listed) and [named](${named}/narrow-named).`))
    const closed = await runAsync(['links', '--no-links-cache', '-f', 'json'], folder)
    expect(closed.code).toBe(0)
    expect(requestsTo('/narrow-listed')).toEqual([])
    const opened = await runAsync(['links', '--allow-private', '--no-links-cache', '-f', 'json'], folder)
    expect(opened.code).toBe(1)
    expect(opened.stderr).toBe('')
    expect(requestsTo('/narrow-listed')).toEqual(['HEAD /narrow-listed', 'GET /narrow-listed'])
    expect(requestsTo('/narrow-named')).toEqual([])
  })

  it('sends `links.headers` from the config to the hosts they name', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), `links:\n  headers:\n    '127.0.0.1': {x-token: from-config}\n    '*.example.com': {x-token: other}\n`)
    writeFileSync(join(folder, 'a.md'), lesson(`See [ok](${base}/ok?headers).`))
    const result = await runAsync(['links', '--allow-private', '--no-links-cache', '-f', 'json'], folder)
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(seen.filter((entry) => entry.request === 'HEAD /ok?headers').map((entry) => entry.token)).toEqual(['from-config'])
  })

  it('matches a pathological `links.skip` pattern against a long URL quickly', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), "links:\n  skip: ['*a*a*a*a*b', '*skip-me*']\n")
    const long = `${base}/${'a'.repeat(3000)}`
    writeFileSync(join(folder, 'a.md'), lesson(`See [long](${long}) and [skipped](${base}/skip-me).`))
    const started = Date.now()
    const result = await runAsync(['links', '--allow-private', '--no-links-cache', '-f', 'json'], folder)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(result.code).toBe(1)
    expect(requestsTo('/' + 'a'.repeat(3000))).toEqual([`HEAD /${'a'.repeat(3000)}`, `GET /${'a'.repeat(3000)}`])
    expect(requestsTo('/skip-me')).toEqual([])
  })

  it('asks an `http:` archive endpoint from the config only with `--allow-private`, and follows none of its redirects', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), `links:\n  archiveEndpoint: ${base}/redir\n`)
    writeFileSync(join(folder, 'a.md'), lesson(`See [gone](${base}/gone-archived).`))
    const refused = await runAsync(['links', '--archive', '--no-links-cache', '-f', 'json'], folder)
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `coursemark: .coursemarkrc.yaml:2:20-2:${20 + `${base}/redir`.length}: Unexpected \`http:\` archive endpoint \`${base}/redir\`, expected an \`https:\` URL (\`http:\` only for a host that \`--allow-private\` opens)`,
        'coursemark: invalid config `.coursemarkrc.yaml` (1 problem)',
        ''
      ].join('\n')
    })
    expect(seen.filter((entry) => entry.request.includes('/redir?'))).toEqual([])

    const opened = await runAsync(['links', '--archive', '--allow-private', '--no-links-cache', '-f', 'json'], folder)
    expect(opened.code).toBe(1)
    expect(opened.stderr).toBe(
      `coursemark: warning: Unexpected failure of an archive lookup (\`302 Found\` for \`${base}/gone-archived\`), expected an answer from \`${base}/redir\`; no archived copy is suggested for it\n`
    )
    expect(seen.filter((entry) => entry.request.includes('/redir?'))).toHaveLength(1)
    expect(seen.filter((entry) => entry.request.includes('/wayback?'))).toEqual([])
  })

  it('refuses `links.headers` that route or frame a request, at the header name', async () => {
    const folder = scratch()
    writeFileSync(
      join(folder, '.coursemarkrc.yaml'),
      'links:\n  headers:\n    \'*\':\n      Host: intranet.example\n      Proxy-Authorization: Basic eA==\n      transfer-encoding: chunked\n      x-coursemark-check: \'0:0\'\n      Accept: text/html\n'
    )
    writeFileSync(join(folder, 'a.md'), lesson(`See [ok](${base}/ok?forbidden).`))
    const result = await runAsync(['links', '--allow-private', '--no-links-cache', '-f', 'json'], folder)
    const reason = (name: string) =>
      `Unexpected header \`${name}\` in \`links.headers\`, expected one that does not route or frame the request (not \`Host\`, \`Connection\`, \`Content-Length\`, \`Transfer-Encoding\`, \`Proxy-*\` and the like)`
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `coursemark: .coursemarkrc.yaml:4:7-4:11: ${reason('Host')}`,
        `coursemark: .coursemarkrc.yaml:5:7-5:26: ${reason('Proxy-Authorization')}`,
        `coursemark: .coursemarkrc.yaml:6:7-6:24: ${reason('transfer-encoding')}`,
        `coursemark: .coursemarkrc.yaml:7:7-7:25: ${reason('x-coursemark-check')}`,
        'coursemark: invalid config `.coursemarkrc.yaml` (4 problems)',
        ''
      ].join('\n')
    })
    expect(requestsTo('/ok?forbidden')).toEqual([])
  })

  it('takes `links.retries`, `links.retryAfterCap` and `links.deadline` from the config', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'links:\n  retries: 1\n  retryAfterCap: 1000\n  deadline: 4000\n')
    writeFileSync(join(folder, 'a.md'), lesson(`See [busy](${base}/busy), [limited](${base}/limited) and [hang](${base}/hang).`))
    const started = Date.now()
    const result = await runAsync(['links', '--allow-private', '--no-links-cache', '-f', 'json'], folder)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(result.code).toBe(0)
    // One retry (not the default two): two HEADs and two GETs.
    expect(requestsTo('/busy')).toEqual(['HEAD /busy', 'GET /busy', 'HEAD /busy', 'GET /busy'])
    // A `Retry-After` over the cap is not waited for.
    expect(requestsTo('/limited')).toEqual(['HEAD /limited', 'GET /limited'])
    const reasons = (JSON.parse(result.stdout) as Array<{messages: Array<{message: string}>}>).flatMap((file) => file.messages.map((message) => message.message))
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('`429 Too Many Requests` with `Retry-After` of 30 s, more than the 1 s cap'),
        expect.stringContaining('no answer before the deadline')
      ])
    )
  })

  it('reports bad `links.retries`, `links.retryAfterCap`, `links.deadline` and `links.headers` at their values', async () => {
    const folder = scratch()
    writeFileSync(
      join(folder, '.coursemarkrc.yaml'),
      'links:\n  retries: 11\n  retryAfterCap: -1\n  deadline: 0\n  headers:\n    \'*\': {x-token: 5}\n    \'x.example\': {x-b: "a\\nb"}\n'
    )
    writeFileSync(join(folder, 'a.md'), lesson('Nothing to check.'))
    const result = await runAsync(['links', '--no-links-cache'], folder)
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'coursemark: .coursemarkrc.yaml:2:12-2:14: Unexpected value `11` for `links.retries`, expected a number of at most 10',
        'coursemark: .coursemarkrc.yaml:3:18-3:20: Unexpected value `-1` for `links.retryAfterCap`, expected a number of at least 0',
        'coursemark: .coursemarkrc.yaml:4:13-4:14: Unexpected value `0` for `links.deadline`, expected a number of at least 1',
        'coursemark: .coursemarkrc.yaml:6:20-6:21: Unexpected value `5` for `links.headers.*.x-token`, expected a string',
        'coursemark: .coursemarkrc.yaml:7:24-7:30: Unexpected value `"a\\nb"` for `links.headers.x.example.x-b`, expected a header value without line breaks or control characters',
        'coursemark: invalid config `.coursemarkrc.yaml` (5 problems)',
        ''
      ].join('\n')
    })
  })
})
