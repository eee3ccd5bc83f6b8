import {describe, expect, it} from 'vitest'
import {checkHost, checkLinks, isPrivateAddress} from '../../src/links/index.js'
import {severityOf} from '@coursemark/core/messages'
import {fast, rebinding, refusedPort, table, type TestServer, useTestServer} from './server.js'

let server: TestServer

useTestServer(['127.0.0.1', '127.0.0.2'], (started) => {
  server = started
})

describe('isPrivateAddress', () => {
  it('knows loopback, private, link-local, CGNAT, multicast and mapped addresses', () => {
    const cases: Array<[string, boolean]> = [
      ['127.0.0.1', true],
      ['127.255.0.9', true],
      ['10.1.2.3', true],
      ['172.16.0.1', true],
      ['172.32.0.1', false],
      ['192.168.1.1', true],
      ['169.254.169.254', true],
      ['100.64.0.1', true],
      ['0.0.0.0', true],
      ['224.0.0.1', true],
      ['255.255.255.255', true],
      ['8.8.8.8', false],
      ['93.184.215.14', false],
      ['::1', true],
      ['[::1]', true],
      ['::', true],
      ['fe80::1', true],
      ['fd12:3456::1', true],
      ['ff02::1', true],
      ['::ffff:127.0.0.1', true],
      ['::ffff:7f00:1', true],
      ['::ffff:808:808', false],
      ['64:ff9b::a00:1', true],
      ['2606:4700::1111', false],
      ['example.com', false]
    ]
    expect(cases.map(([address]) => [address, isPrivateAddress(address)])).toEqual(cases)
  })

  it('blocks every IPv6 form that reaches a private IPv4 address or a tunnel', () => {
    const cases: Array<[string, boolean]> = [
      // IPv4-mapped, dotted and hex, any spelling.
      ['::ffff:10.0.0.1', true],
      ['0:0:0:0:0:ffff:7f00:1', true],
      ['::FFFF:A9FE:A9FE', true],
      ['::ffff:8.8.8.8', false],
      // IPv4-compatible.
      ['::127.0.0.1', true],
      ['::7f00:1', true],
      ['::8.8.8.8', true],
      // IPv4-translated.
      ['::ffff:0:7f00:1', true],
      // NAT64, well-known prefix: judged by the IPv4 address it carries.
      ['64:ff9b::127.0.0.1', true],
      ['64:ff9b::c0a8:101', true],
      ['64:ff9b::808:808', false],
      // NAT64, local-use prefix: any.
      ['64:ff9b:1::808:808', true],
      // 6to4 and Teredo tunnels.
      ['2002:7f00:1::', true],
      ['2002:808:808::1', true],
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', true],
      ['2001:4860:4860::8888', false],
      // The others.
      ['::', true],
      ['::1', true],
      ['fe80::1%eth0', true],
      ['fc00::1', true],
      ['ff05::2', true],
      ['100::1', true],
      ['192.0.0.8', true],
      ['192.88.99.1', true],
      ['198.19.255.255', true],
      ['239.255.255.250', true],
      ['240.0.0.1', true]
    ]
    expect(cases.map(([address]) => [address, isPrivateAddress(address)])).toEqual(cases)
  })
})

describe('checkHost', () => {
  it('resolves names and refuses private answers', async () => {
    const lookup = table({'intranet.example': ['93.184.215.14', '10.0.0.7'], 'site.example': ['93.184.215.14']})
    expect(await checkHost('intranet.example', lookup)).toEqual({
      allowed: false,
      code: 'private',
      reason: 'host `intranet.example` resolving to private address `10.0.0.7`'
    })
    expect(await checkHost('site.example', lookup)).toEqual({allowed: true})
    expect(await checkHost('nowhere.invalid', lookup)).toEqual({
      allowed: false,
      code: 'unknown-host',
      reason: 'unknown host `nowhere.invalid`'
    })
    expect(await checkHost('[::1]', lookup)).toEqual({allowed: false, code: 'private', reason: 'private address `::1`'})
  })
})

describe('the private-address guard', () => {
  it('never requests a private IP address unless allowed', async () => {
    const url = server.origin('127.0.0.1') + '/ok'
    const report = await checkLinks([{url}], fast)
    expect(report.results.map((result) => [result.class, result.reason, result.requests])).toEqual([
      ['skipped', 'private address `127.0.0.1`', 0]
    ])
    expect(server.seen.requests.size).toBe(0)
    // Not silent: an info message says why and what checks it.
    expect(report.messages.map((message) => [message.ruleId, severityOf(message), message.reason])).toEqual([
      ['link-skipped', 'info', `Unexpected link \`${url}\` to a private address (private address \`127.0.0.1\`), skipped: private address; \`--allow-private\` checks it`]
    ])

    const allowed = await checkLinks([{url}], {...fast, allowPrivate: true})
    expect(allowed.results.map((result) => result.class)).toEqual(['ok'])
    expect(server.seen.byPath.get('/ok')).toBe(1)
  })

  it('never requests a host name that resolves to a private address', async () => {
    const url = server.origin('localhost') + '/ok'
    const report = await checkLinks([{url}], fast)
    expect(report.results.map((result) => [result.class, result.requests])).toEqual([['skipped', 0]])
    expect(report.results[0]?.reason).toMatch(/^host `localhost` resolving to private address `(?:127\.0\.0\.1|::1)`$/)

    const custom = await checkLinks([{url: url.replace('localhost', 'intranet.example')}], {
      ...fast,
      lookup: table({'intranet.example': ['127.0.0.1']})
    })
    expect(custom.results.map((result) => [result.class, result.reason])).toEqual([
      ['skipped', 'host `intranet.example` resolving to private address `127.0.0.1`']
    ])
    expect(server.seen.requests.size).toBe(0)
  })

  it('gives an open and a closed private port the same answer after a rebinding DNS answer, without dialing either', async () => {
    // The guard's first lookup says public, the connection's says loopback:
    // what DNS rebinding does to scan ports behind the runner.
    const closed = await refusedPort()
    const open = server.origin('localhost') + '/ok'
    const shut = `http://localhost:${closed}/ok`
    const lookup = rebinding({localhost: ['93.184.215.14']}, {localhost: ['127.0.0.1']})
    const report = await checkLinks([{url: open}, {url: shut}], {...fast, lookup})
    expect(report.results.map((result) => [result.url, result.class, result.reason])).toEqual([
      [open, 'skipped', 'host `localhost` resolving to private address `127.0.0.1`'],
      [shut, 'skipped', 'host `localhost` resolving to private address `127.0.0.1`']
    ])
    expect(server.seen.connections.size).toBe(0)
  })

  it('dials the addresses its own lookup checked, never resolving the name again', async () => {
    // The system resolver does not know `pinned.test`: only the run's lookup does.
    const lookup = rebinding({'pinned.test': ['127.0.0.1']}, {'pinned.test': ['127.0.0.2']})
    const base = server.origin('127.0.0.1').replace('127.0.0.1', 'pinned.test')
    const report = await checkLinks(
      [{url: `${base}/ok`}, {url: `${base}/ok-2`}, {url: `${base}/ok-3`}],
      {...fast, allowPrivate: ['pinned.test'], perHost: 1, lookup}
    )
    expect(report.results.map((result) => result.class)).toEqual(['ok', 'ok', 'ok'])
    // One connection for the three requests, to the address the lookup gave.
    expect(server.seen.connections).toEqual(new Map([['127.0.0.1', 1]]))
    expect(lookup.calls).toEqual(['pinned.test'])
  })

  it('does not follow a redirect to a private address', async () => {
    const allowed = server.origin('127.0.0.1')
    const other = server.origin('127.0.0.2')
    const report = await checkLinks(
      [
        {url: `${allowed}/to-other-host?to=${encodeURIComponent(other + '/ok')}`},
        {url: `${allowed}/to-other-host?to=${encodeURIComponent(server.origin('localhost') + '/ok-2')}`}
      ],
      {...fast, allowPrivate: ['127.0.0.1'], lookup: table({localhost: ['127.0.0.1']})}
    )
    expect(report.results.map((result) => [result.class, result.reason.replaceAll(allowed, '').replaceAll(other, 'OTHER')])).toEqual([
      ['unverifiable', 'private address `127.0.0.2` after a redirect to `OTHER/ok`'],
      ['unverifiable', `host \`localhost\` resolving to private address \`127.0.0.1\` after a redirect to \`${server.origin('localhost')}/ok-2\``]
    ])
    expect(server.seen.byPath.get('/ok')).toBeUndefined()
    expect(server.seen.byPath.get('/ok-2')).toBeUndefined()
    expect(server.seen.byPath.get('/to-other-host')).toBe(4)
  })

  it('reports an unknown host as dead without a request', async () => {
    const report = await checkLinks([{url: 'https://nowhere.invalid/page', file: 'a.md'}], {...fast, lookup: table({})})
    expect(report.results.map((result) => [result.class, result.reason, result.requests])).toEqual([
      ['dead', 'unknown host `nowhere.invalid`', 0]
    ])
    expect(report.messages.map(String)).toEqual([
      '1:1: Unexpected dead link `https://nowhere.invalid/page` (unknown host `nowhere.invalid`), expected a reachable URL'
    ])
  })
})
