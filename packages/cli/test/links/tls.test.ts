import {execFile} from 'node:child_process'
import {once} from 'node:events'
import {readFileSync} from 'node:fs'
import https from 'node:https'
import type {AddressInfo} from 'node:net'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkLinks} from '../../src/links/index.js'

// linkinator would send the request through a proxy when one is set.
for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) delete process.env[name]

const read = (name: string) => readFileSync(fileURLToPath(new URL('tls/' + name, import.meta.url)))

let server: https.Server
let origin: string
let requests = 0
let connections = 0

beforeAll(async () => {
  // A self-signed certificate for 127.0.0.1 (test only): no CA trusts it.
  server = https.createServer({key: read('key.pem'), cert: read('cert.pem')}, (_request, response) => {
    requests++
    response.end('ok')
  })
  server.on('secureConnection', () => connections++)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('checkLinks over TLS', () => {
  it('reports a certificate it cannot trust as unverifiable, without retrying', async () => {
    const report = await checkLinks([{url: origin + '/ok'}], {
      allowPrivate: true,
      cache: false,
      timeout: 1000,
      retries: 2,
      backoff: 10
    })
    expect(report.results.map((result) => [result.class, result.reason, result.attempts])).toEqual([
      ['unverifiable', 'TLS error `DEPTH_ZERO_SELF_SIGNED_CERT`', 1]
    ])
    expect(requests).toBe(0)
  })

  it('keeps one TLS connection for many checks of a host it trusts', async () => {
    // A process that trusts the test certificate (NODE_EXTRA_CA_CERTS is read
    // at start-up), running the built entry.
    const entry = new URL('../../dist/links/index.js', import.meta.url).href
    const script = [
      `const {checkLinks} = await import(${JSON.stringify(entry)})`,
      `const urls = Array.from({length: 6}, (_, i) => ({url: ${JSON.stringify(origin)} + '/ok?i=' + i}))`,
      'const report = await checkLinks(urls, {allowPrivate: true, cache: false, perHost: 1})',
      'console.log(JSON.stringify({classes: report.results.map((result) => result.class), connections: report.stats.connections}))'
    ].join('\n')
    connections = 0
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        {env: {...process.env, NODE_EXTRA_CA_CERTS: fileURLToPath(new URL('tls/cert.pem', import.meta.url))}},
        (error, out) => (error ? reject(error) : resolve(out))
      )
    })
    expect(JSON.parse(stdout)).toEqual({classes: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'], connections: 1})
    expect(connections).toBe(1)
  })
})
