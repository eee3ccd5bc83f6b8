/**
 * `--fix` and `--fix-archived` against a loopback server that answers as an
 * attacker would: a `Location` made of markdown, archive answers that are
 * `javascript:` or several lines of markdown, and a port that opens a moment
 * after the first request. Runs `main()` in-process with a clock.
 */
import {once} from 'node:events'
import {readFileSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {Writable} from 'node:stream'
import type {Link, Root} from 'mdast'
import {remark} from 'remark'
import remarkGfm from 'remark-gfm'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {main} from '../dist/main.js'
import {scratch} from './helpers.js'

for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]

const phishing = '/ok)[click here](https://phish.example)![t](https://tracker.example/p.png)'
const day = 24 * 3600 * 1000
const t0 = Date.UTC(2026, 10, 2, 6, 0, 0)

let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    if (url.pathname === '/wayback/available') {
      const asked = url.searchParams.get('url') ?? ''
      const copies: Record<string, string> = {
        '/gone-script': 'javascript:alert(document.domain)//',
        '/gone-lines': 'https://web.archive.org/web/1/x)\n\n</details>\n![t](https://tracker.example/p.png)',
        '/gone-fine': `https://web.archive.org/web/20190302101500/${asked}`
      }
      const copy = copies[new URL(asked).pathname]
      const closest = {status: '200', available: true, url: copy, timestamp: '20190302101500'}
      response.writeHead(200, {'content-type': 'application/json'})
      response.end(JSON.stringify({url: asked, archived_snapshots: copy === undefined ? {} : {closest}}))
      return
    }

    if (url.pathname === '/evil') {
      response.writeHead(301, {location: phishing})
    } else {
      response.writeHead(url.pathname.startsWith('/ok') ? 200 : 404)
    }

    response.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.close()
  await once(server, 'close')
})

function lesson(body: string): string {
  return `---\ntitle: Links\nauthor: Coursemark Fixtures\nteam: engineering\ntime: 20\n---\n\n## Reading\n\n${body}\n`
}

async function run(argv: string[], cwd: string, now: number | (() => number)): Promise<{code: number; stdout: string; stderr: string}> {
  const stdout = sink()
  const stderr = sink()
  const code = await main({argv, cwd, stdout, stderr, env: {}, now: typeof now === 'number' ? () => now : now})
  return {code, stdout: stdout.text, stderr: stderr.text}
}

/** The links, images, definitions and HTML of a lesson as remark with GFM reads it. */
function nodes(markdown: string): string[] {
  const tree = remark().use(remarkGfm).parse(markdown) as Root
  const found: string[] = []
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') found.push(`${node.type} ${(node as Link).url}`)
    if (node.type === 'html') found.push('html')
  })
  return found
}

/** Messages of a JSON report, `<rule> <message>`. */
function messages(stdout: string): string[] {
  const report = JSON.parse(stdout) as Array<{messages: Array<{ruleId: string; message: string}>}>
  return report.flatMap((file) => file.messages.map((message) => `${message.ruleId} ${message.message}`))
}

describe('`--fix` writes only what is safe', () => {
  it('writes a redirect target made of markdown as one encoded URL in every kind of link, never as new links or images', async () => {
    const folder = scratch()
    const path = join(folder, 'lesson.md')
    writeFileSync(path, lesson(`Read [the guide](${base}/evil), [again](<${base}/evil>), <${base}/evil> and ${base}/evil today.`))
    const result = await run(['links', '--fix', '--allow-private', '--no-links-cache', '-f', 'json'], folder, t0)
    expect(result.stderr).toBe('coursemark: fixed 4 problems in 1 file (link-redirected 4)\n')
    const target = `${base}/ok)[click%20here](https://phish.example)![t](https://tracker.example/p.png)`
    const escaped = target.replace(/[()[\]]/g, '\\$&')
    const fixed = readFileSync(path, 'utf8')
    expect(fixed).toBe(lesson(`Read [the guide](${escaped}), [again](<${escaped}>), <${target}> and <${target}> today.`))
    expect(nodes(fixed)).toEqual([`link ${target}`, `link ${target}`, `link ${target}`, `link ${target}`])
    expect(result.code).toBe(0)
  })

  it('fixes a redirect in a file the lint cache serves, at the range of the URL the cache kept, not at another attribute with the same URL', async () => {
    const folder = scratch()
    const path = join(folder, 'lesson.md')
    const original = lesson(`Read <a href="${base}/evil" data-source="${base}/evil">the guide</a> today.`)
    writeFileSync(path, original)
    const argv = ['lint', '--links', '--allow-private', '--no-links-cache', '--cache', '--cache-location', 'lint-cache.json', '-f', 'json']
    await run(argv, folder, t0)
    expect(readFileSync(path, 'utf8')).toBe(original)
    const second = await run([...argv, '--fix', '--debug'], folder, t0)
    expect(second.stderr).toContain('coursemark: linted 0 of 1 files (1 from cache)\n')
    expect(second.stderr).toContain('coursemark: fixed 1 problem in 1 file (link-redirected 1)\n')
    const target = `${base}/ok)[click%20here](https://phish.example)![t](https://tracker.example/p.png)`
    expect(readFileSync(path, 'utf8')).toBe(lesson(`Read <a href="${target}" data-source="${base}/evil">the guide</a> today.`))
  })

  it('replaces a dead link by its archived copy only once it failed on enough checks over enough days, and never by a `javascript:` or multi-line answer', async () => {
    const folder = scratch()
    const path = join(folder, 'lesson.md')
    writeFileSync(
      join(folder, '.coursemarkrc.yaml'),
      `links:\n  cache: links.json\n  archive: true\n  archiveEndpoint: ${base}/wayback/available\n  archiveInterval: 0\n  archiveAfter: {checks: 2, days: 1}\n`
    )
    const original = lesson(`See [a](${base}/gone-script), [b](${base}/gone-lines) and [c](${base}/gone-fine).`)
    writeFileSync(path, original)
    const argv = ['links', '--fix', '--fix-archived', '--allow-private', '-f', 'json']

    const first = await run(argv, folder, t0)
    expect(readFileSync(path, 'utf8'), 'one failed check is not enough').toBe(original)
    expect(messages(first.stdout)).toContain(
      `link-dead Unexpected dead link \`${base}/gone-fine\` (\`404 Not Found\`), expected a reachable URL; archived copy: \`https://web.archive.org/web/20190302101500/${base}/gone-fine\` from 2019-03-02 will replace it with \`--fix-archived\` after 2 failed checks over 1 day (1 so far, over 0 days)`
    )

    const second = await run(argv, folder, t0 + day)
    const fixed = readFileSync(path, 'utf8')
    expect(fixed).toBe(lesson(`See [a](${base}/gone-script), [b](${base}/gone-lines) and [c](https://web.archive.org/web/20190302101500/${base}/gone-fine).`))
    expect(nodes(fixed)).toEqual([`link ${base}/gone-script`, `link ${base}/gone-lines`, `link https://web.archive.org/web/20190302101500/${base}/gone-fine`])
    // What was not replaced is still reported.
    expect(messages(second.stdout).map((message) => message.slice(0, message.indexOf('(')))).toEqual([
      `link-dead Unexpected dead link \`${base}/gone-script\` `,
      `link-dead Unexpected dead link \`${base}/gone-lines\` `
    ])
    expect(second.code).toBe(1)
  })

  it('retries a refused connection: a port that opens a moment later is neither dead nor replaced', async () => {
    const late = createServer((_request, response) => {
      response.writeHead(200)
      response.end()
    })
    late.listen(0, '127.0.0.1')
    await once(late, 'listening')
    const port = (late.address() as AddressInfo).port
    late.close()
    await once(late, 'close')

    const folder = scratch()
    const path = join(folder, 'lesson.md')
    writeFileSync(
      join(folder, '.coursemarkrc.yaml'),
      `links:\n  cache: false\n  archive: true\n  archiveEndpoint: ${base}/wayback/available\n  archiveInterval: 0\n  archiveAfter: {checks: 1, days: 0}\n`
    )
    const original = lesson(`Start the server, then open [the page](http://127.0.0.1:${port}/gone-fine).`)
    writeFileSync(path, original)
    const opening = new Promise<void>((resolve) => {
      setTimeout(() => {
        late.listen(port, '127.0.0.1', resolve)
      }, 150)
    })
    try {
      const result = await run(['links', '--fix', '--fix-archived', '--allow-private', '-f', 'json'], folder, Date.now)
      expect(messages(result.stdout)).toEqual([])
      expect(readFileSync(path, 'utf8')).toBe(original)
      expect(result.code).toBe(0)
    } finally {
      await opening
      late.close()
    }
  })
})

function sink(): Writable & {text: string} {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.text += chunk.toString()
      callback()
    }
  }) as Writable & {text: string}
  stream.text = ''
  return stream
}
