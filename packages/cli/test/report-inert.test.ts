/**
 * Every report holds against values from outside: a linked server's
 * redirects, an archive's answers, file names. A loopback server plays the
 * hostile server and the archive; the markdown report is rendered with
 * remark-gfm (as GitHub would) and must hold no markup the tool did not make.
 */
import {once} from 'node:events'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {markdownLimit} from '../dist/reporters/markdown.js'
import {cli, scratch} from './helpers.js'
import {codeSpans, foreignMarkup} from './inert.js'

for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]

/** A `Location` whose backticks would close the code span of "after a redirect to `…`". */
const hostileLocation = '/404?q=`@everyone`&r=`@octo-org/security`'
/** An archive answer with line breaks, HTML, an image, a mention and a reference. */
const hostileCopy = 'https://web.archive.org/web/1/x\n\n</details>\n\n![t](https://tracker.example/p.png) @everyone #123\n<img src=x>'

let server: Server
let origin = ''

beforeAll(async () => {
  // Long enough request lines for the 70,000-character URL.
  server = createServer({maxHeaderSize: 256 * 1024}, (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    if (url.pathname === '/wayback/available') {
      const closest = {status: '200', available: true, url: hostileCopy, timestamp: '20190302101500'}
      response.writeHead(200, {'content-type': 'application/json'})
      response.end(JSON.stringify({url: url.searchParams.get('url'), archived_snapshots: {closest}}))
      return
    }

    if (url.pathname === '/hostile-redirect') {
      response.writeHead(301, {location: hostileLocation})
      response.end()
      return
    }

    response.writeHead(url.pathname === '/ok' ? 200 : 404)
    response.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.close()
  await once(server, 'close')
})

function lesson(body: string): string {
  return `---\ntitle: Links\nauthor: Coursemark Fixtures\nteam: engineering\ntime: 20\n---\n\n## Reading\n\n${body}\n`
}

/** A project with `lessons/a.md` holding `body`, its archive on the test server. */
function project(body: string, archive = true): string {
  const folder = scratch()
  writeFileSync(
    join(folder, '.coursemarkrc.yaml'),
    `links:\n  cache: links.json\n  archive: ${archive}\n  archiveEndpoint: ${origin}/wayback/available\n  archiveInterval: 0\n`
  )
  writeFileSync(join(folder, 'a.md'), lesson(body))
  return folder
}

/** Links the markdown report makes itself: to a place in a lesson. */
const ownLink = (url: string) => /^a\.md#L\d+$/.test(url)

describe('the markdown link report is inert', () => {
  it('keeps a redirect target with backticks and `@` inside one code span, with no live mention', async () => {
    const folder = project(`See [moved](${origin}/hostile-redirect).`)
    const result = await cli(['links', '--allow-private', '-f', 'markdown'], folder)
    expect(result.code).toBe(1)
    expect(foreignMarkup(result.stdout, ownLink)).toEqual([])
    expect(codeSpans(result.stdout)).toContain(`${origin}/404?q=\`@everyone\`&r=\`@octo-org/security\``)
  })

  it('makes no HTML, image, link, mention or reference of an archive answer', async () => {
    const folder = project(`See [gone](${origin}/gone).`)
    const result = await cli(['links', '--allow-private', '-f', 'markdown'], folder)
    expect(result.code).toBe(1)
    expect(foreignMarkup(result.stdout, ownLink)).toEqual([])
    // The report keeps its shape: one dead entry, no section closed early.
    expect(result.stdout.match(/^- /gm)).toHaveLength(1)
  })

  it('says the same of hostile values in every other format, each escaped for its context', async () => {
    const folder = project(`See [moved](${origin}/hostile-redirect) and [gone](${origin}/gone).`)
    const github = await cli(['links', '--allow-private', '-f', 'github'], folder)
    // One workflow command per line: a line break in a value is `%0A`, never a new command.
    for (const line of github.stdout.trimEnd().split('\n')) expect(line).toMatch(/^::(?:error|warning|notice) file=a\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=coursemark%3Alink-[a-z]+::[^\r\n]*$/)
    expect(github.stdout.trimEnd().split('\n')).toHaveLength(2)

    const junit = await cli(['links', '--allow-private', '-f', 'junit'], folder)
    expect(junit.stdout).not.toContain('<img')
    expect(junit.stdout).not.toContain('</details>')
    expect(junit.stdout).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)

    const sarif = await cli(['links', '--allow-private', '-f', 'sarif'], folder)
    const log = JSON.parse(sarif.stdout) as {runs: Array<{results: Array<{message: {text?: string; markdown?: string}}>}>}
    const messages = log.runs.flatMap((run) => run.results.map((item) => item.message))
    expect(messages.some((message) => message.text?.includes('`@everyone`'))).toBe(true)
    expect(messages.every((message) => message.markdown === undefined)).toBe(true)
  })

  it('escapes hostile values in the HTML report: text only, no new element', async () => {
    const folder = project(`See [moved](${origin}/hostile-redirect) and [gone](${origin}/gone).`)
    const result = await cli(['links', '--allow-private', '-f', 'html'], folder)
    const body = result.stdout.slice(result.stdout.indexOf('<main>'), result.stdout.indexOf('</main>'))
    expect(body).not.toContain('<img')
    expect(body).not.toContain('</details>')
    expect(body).not.toMatch(/<a href="https:\/\/tracker/)
    // The hostile redirect target is text, its `&` escaped; the hostile archive answer is refused outright (not an archive URL).
    expect(body).toContain('<code>' + origin + '/404?q=`@everyone`&amp;r=`@octo-org/security`</code>')
    expect(body).not.toContain('@everyone #123')
    // Only the report's own elements.
    const tags = new Set([...body.matchAll(/<([a-z0-9]+)/g)].map((match) => match[1]))
    expect([...tags].sort()).toEqual(['a', 'br', 'code', 'div', 'h2', 'main', 'p', 'section', 'span', 'table', 'tbody', 'td', 'th', 'thead', 'tr'].filter((tag) => tags.has(tag)))
    for (const tag of tags) expect(['a', 'br', 'code', 'div', 'h2', 'main', 'p', 'section', 'span', 'table', 'tbody', 'td', 'th', 'thead', 'tr']).toContain(tag)
  })
})

describe('the markdown report keeps what fits', () => {
  it('shortens a 70,000-character dead URL and still lists every later dead link', async () => {
    const long = `${origin}/a${'a'.repeat(70_000)}`
    const others = Array.from({length: 50}, (_, index) => `[dead ${index}](${origin}/dead-${String(index).padStart(2, '0')})`)
    const folder = project(`See [long](${long}).\n\n${others.join('\n\n')}`, false)
    const result = await cli(['links', '--allow-private', '-f', 'markdown'], folder)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(1)
    expect(result.stdout.length).toBeLessThanOrEqual(markdownLimit)
    expect(result.stdout).not.toContain('not shown')
    for (let index = 0; index < 50; index++) expect(result.stdout).toContain(`\`${origin}/dead-${String(index).padStart(2, '0')}\``)
    expect(result.stdout).toContain(`- \`${long.slice(0, 1000)}…\` (shortened from ${long.length.toLocaleString('en-US')} characters): \`404 Not Found\``)
  })
})

describe('links skipped as private are said in every format', () => {
  const body = () => `See [local](${origin}/ok).`

  it('stylish', async () => {
    const result = await cli(['links', '--no-links-cache'], project(body(), false))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`info  Unexpected link \`${origin}/ok\` to a private address (private address \`127.0.0.1\`), skipped: private address; \`--allow-private\` checks it`)
  })

  it('json', async () => {
    const result = await cli(['links', '--no-links-cache', '-f', 'json'], project(body(), false))
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string; severity: string; message: string}>}>
    expect(report.flatMap((file) => file.messages.map((message) => [file.path, message.ruleId, message.severity, message.message]))).toEqual([
      ['a.md', 'link-skipped', 'info', `Unexpected link \`${origin}/ok\` to a private address (private address \`127.0.0.1\`), skipped: private address; \`--allow-private\` checks it`]
    ])
  })

  it('markdown', async () => {
    const result = await cli(['links', '--no-links-cache', '-f', 'markdown'], project(body(), false))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      [
        '<details>',
        '<summary>1 URL skipped: private address (<code>--allow-private</code> checks it)</summary>',
        '',
        `- \`${origin}/ok\` (private address \`127.0.0.1\`): [a.md:10:5](a.md#L10)`,
        '',
        '</details>'
      ].join('\n')
    )
  })
})
