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

beforeAll(async () => {
  // A self-signed certificate for 127.0.0.1 (test only): no CA trusts it.
  server = https.createServer({key: read('key.pem'), cert: read('cert.pem')}, (_request, response) => {
    requests++
    response.end('ok')
  })
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
})
