/**
 * The private-address guard: loopback, private, link-local, unique-local,
 * carrier-grade NAT, multicast, reserved and unspecified addresses are never
 * requested unless `allowPrivate` is set, whether the URL names them, a
 * redirect leads to them, or a host name resolves to them.
 */
import {lookup as dnsLookup} from 'node:dns/promises'
import {BlockList, isIP} from 'node:net'
import {code as inlineCode} from '../messages.js'

/** Resolves a host name to its addresses (IPv4 dotted or IPv6 text). */
export type Lookup = (hostname: string) => Promise<readonly string[]>

const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4]
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4')
}

for (const [network, prefix] of [
  ['::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8]
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

/**
 * Whether an IP address is one that a link checker must not reach from CI:
 * not a public unicast address. IPv4-mapped and NAT64 IPv6 addresses are
 * judged by the IPv4 address they carry. A string that is not an IP address
 * is not private.
 *
 * @example
 *   isPrivateAddress('127.0.0.1') // true
 *   isPrivateAddress('[::ffff:7f00:1]') // true
 *   isPrivateAddress('93.184.215.14') // false
 */
export function isPrivateAddress(address: string): boolean {
  const value = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  const version = isIP(value)
  if (version === 4) return blocked.check(value, 'ipv4')
  if (version !== 6) return false
  const embedded = embeddedIpv4(value)
  if (embedded !== undefined) return blocked.check(embedded, 'ipv4')
  return blocked.check(value, 'ipv6')
}

/** The IPv4 address inside `::ffff:a.b.c.d`, `::ffff:xxxx:xxxx` or `64:ff9b::…`. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:0{0,4}:){0,4}(?:::)?(?:0{0,4}:)?ffff:(.+)$/i.exec(address) ??
    /^0{0,3}64:ff9b::(.+)$/i.exec(address)
  const tail = match?.[1]
  if (tail === undefined) return undefined
  if (isIP(tail) === 4) return tail
  const hex = /^([\da-f]{1,4}):([\da-f]{1,4})$/i.exec(tail)
  if (!hex) return undefined
  const high = Number.parseInt(hex[1] ?? '0', 16)
  const low = Number.parseInt(hex[2] ?? '0', 16)
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
}

/** The default `lookup`: every address the system resolver gives. */
export const systemLookup: Lookup = async (hostname) => {
  const records = await dnsLookup(hostname, {all: true, verbatim: true})
  return records.map((record) => record.address)
}

/** What the private-address guard decided for a host. */
export type HostDecision =
  | {allowed: true}
  | {allowed: false; reason: string; code: 'private' | 'unknown-host' | 'dns-error'}

/**
 * Decide whether `hostname` may be requested: an IP literal must be public; a
 * name (`localhost` too) must resolve, and to public addresses only.
 */
export async function checkHost(hostname: string, lookup: Lookup): Promise<HostDecision> {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  if (isIP(bare) !== 0) {
    return isPrivateAddress(bare)
      ? {allowed: false, code: 'private', reason: `private address ${inlineCode(bare)}`}
      : {allowed: true}
  }

  const name = bare.toLowerCase().replace(/\.$/, '')
  let addresses: readonly string[]
  try {
    addresses = await lookup(name)
  } catch (error) {
    const code = errorCode(error)
    return code === 'ENOTFOUND' || code === 'ENODATA'
      ? {allowed: false, code: 'unknown-host', reason: `unknown host ${inlineCode(name)}`}
      : {
          allowed: false,
          code: 'dns-error',
          reason: `DNS failure${code ? ' ' + inlineCode(code) : ''} for ${inlineCode(name)}`
        }
  }

  if (addresses.length === 0) {
    return {allowed: false, code: 'unknown-host', reason: `unknown host ${inlineCode(name)}`}
  }

  const privateAddress = addresses.find((address) => isPrivateAddress(address))
  return privateAddress === undefined
    ? {allowed: true}
    : {
        allowed: false,
        code: 'private',
        reason: `host ${inlineCode(name)} resolving to private address ${inlineCode(privateAddress)}`
      }
}

/** The `code` of a Node.js error, or `undefined`. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as {code: unknown}).code
    if (typeof code === 'string') return code
  }

  return undefined
}
