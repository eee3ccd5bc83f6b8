/**
 * The `link-report` scenario on a loopback server: the lessons' links and the
 * Wayback availability API, as they answer in each of three weekly runs
 * (`quoting-guide` works in the first run and is gone after). `run` calls
 * `main()` in-process with a clock.
 */
import {once} from 'node:events'
import {readFileSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {Writable} from 'node:stream'
import {main} from '../dist/main.js'
import {scratch} from './helpers.js'

for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]

/** The host the scenario's files name; replaced by the server's origin in a copy. */
export const placeholder = 'http://links.test'
/** A week, in ms. */
export const week = 7 * 24 * 3600 * 1000
/** The time of the first run. */
export const t0 = Date.UTC(2026, 10, 2, 6, 0, 0)

/** A running scenario server. */
export interface ScenarioServer {
  origin: string
  /** Which run the server plays (1, 2 or 3). */
  play: {run: number}
  /** `<url> <timestamp>` of each archive lookup. */
  lookups: string[]
  /** A copy of the scenario whose links point at the server. */
  scenario: () => string
  /** Run `coursemark` in-process; the server's origin in the output is the placeholder again. */
  run: (argv: string[], cwd: string, now: number, env?: NodeJS.ProcessEnv) => Promise<{code: number; stdout: string; stderr: string}>
  close: () => Promise<void>
}

/** Start the server on 127.0.0.1, port 0. */
export async function scenarioServer(): Promise<ScenarioServer> {
  const play = {run: 1}
  const lookups: string[] = []
  let origin = ''
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    if (url.pathname === '/wayback/available') {
      const asked = url.searchParams.get('url') ?? ''
      lookups.push(`${asked.replace(origin, placeholder)} ${url.searchParams.get('timestamp') ?? ''}`)
      const available = asked.endsWith('/quoting-guide') || asked.endsWith('/loops-chapter')
      const closest = {status: '200', available: true, url: `http://web.archive.org/web/20190302101500/${asked}`, timestamp: '20190302101500'}
      response.writeHead(200, {'content-type': 'application/json'})
      response.end(JSON.stringify({url: asked, archived_snapshots: available ? {closest} : {}}))
      return
    }

    const status: Record<string, number> = {
      '/quoting-guide': play.run === 1 ? 200 : 404,
      '/special-variables': 410,
      '/environment': 301,
      '/environment-new': 200,
      '/bash-manual': 200,
      '/loops-chapter': 404,
      '/forum': 403
    }
    response.writeHead(status[url.pathname] ?? 404, url.pathname === '/environment' ? {location: '/environment-new'} : {})
    response.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    origin,
    play,
    lookups,
    scenario() {
      const folder = scratch('link-report')
      for (const name of ['.coursemarkrc.yaml', 'lessons/variables.md', 'lessons/loops.md', 'lessons/functions.md']) {
        const path = join(folder, name)
        writeFileSync(path, readFileSync(path, 'utf8').replaceAll(placeholder, origin))
      }

      return folder
    },
    async run(argv, cwd, now, env = {}) {
      const stdout = sink()
      const stderr = sink()
      // The server is on loopback: only the command line opens the private-address guard.
      const code = await main({argv: [...argv, '--allow-private'], cwd, stdout, stderr, env, now: () => now})
      return {code, stdout: stdout.text.replaceAll(origin, placeholder), stderr: stderr.text.replaceAll(origin, placeholder)}
    },
    async close() {
      server.close()
      await once(server, 'close')
    }
  }
}

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
