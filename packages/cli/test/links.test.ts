import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cli, runAsync, scratch} from './helpers.js'

let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/old') {
      response.writeHead(301, {location: '/new'})
      response.end()
    } else if (request.url === '/new' || request.url === '/ok') {
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
  await new Promise((resolve) => server.close(resolve))
})

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

  it('keeps both caches in `.coursemark/cache/` without a package.json, and makes no `node_modules` (the real binary)', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'a.md'), lesson(`See [ok](${base}/ok).`))
    const result = await runAsync(['lint', '--links', '--cache', '--allow-private', '-f', 'json'], folder)
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(readdirSync(join(folder, '.coursemark', 'cache')).sort()).toEqual(['links.json', 'lint.json'])
    expect(existsSync(join(folder, 'node_modules'))).toBe(false)
  })

  it('keeps both caches in `node_modules/.cache/coursemark/` with a package.json (the real binary)', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'package.json'), '{"private": true}\n')
    writeFileSync(join(folder, 'a.md'), lesson(`See [ok](${base}/ok).`))
    const result = await runAsync(['lint', '--links', '--cache', '--allow-private', '-f', 'json'], folder)
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(readdirSync(join(folder, 'node_modules', '.cache', 'coursemark')).sort()).toEqual(['links.json', 'lint.json'])
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
