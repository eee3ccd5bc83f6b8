/**
 * The private-address guard: loopback, private, link-local, unique-local,
 * carrier-grade NAT, multicast, reserved and unspecified addresses are never
 * requested unless `allowPrivate` is set, whether the URL names them, a
 * redirect leads to them, or a host name resolves to them.
 */
import {lookup as dnsLookup} from 'node:dns/promises'
import {BlockList, isIP} from 'node:net'
import {code as inlineCode} from '@coursemark/core/messages'

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
  // The 6to4 relay anycast prefix.
  ['192.88.99.0', 24],
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
  // Unspecified, loopback and IPv4-compatible (`::a.b.c.d`).
  ['::', 96],
  // IPv4-translated (`::ffff:0:a.b.c.d`).
  ['::ffff:0:0:0', 96],
  // Local-use NAT64: translates to any IPv4 address, private ones too.
  ['64:ff9b:1::', 48],
  ['100::', 64],
  // Teredo: a tunnel to an IPv4 address the prefix does not show plainly.
  ['2001::', 32],
  ['2001:db8::', 32],
  // 6to4: a tunnel to the IPv4 address in the next 32 bits, private ones too.
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8]
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

/**
 * Whether an IP address is one that a link checker must not reach from CI:
 * not a public unicast address. IPv4-mapped (`::ffff:a.b.c.d`, in either
 * notation) and well-known NAT64 (`64:ff9b::a.b.c.d`) addresses are judged by
 * the IPv4 address they carry; IPv4-compatible, 6to4, Teredo and local-use
 * NAT64 addresses are all blocked. A string that is not an IP address is not
 * private.
 *
 * @example
 *   isPrivateAddress('127.0.0.1') // true
 *   isPrivateAddress('[::ffff:7f00:1]') // true
 *   isPrivateAddress('93.184.215.14') // false
 */
export function isPrivateAddress(address: string): boolean {
  const bracketless = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  // A zone (`fe80::1%eth0`) names an interface, not another address.
  const value = bracketless.includes('%') ? bracketless.slice(0, bracketless.indexOf('%')) : bracketless
  const version = isIP(value)
  if (version === 4) return blocked.check(value, 'ipv4')
  if (version !== 6) return false
  const words = ipv6Words(value)
  // `isIP` said IPv6: a text the parser cannot read is not trusted.
  if (words === undefined) return true
  const embedded = embeddedIpv4(words)
  if (embedded !== undefined) return blocked.check(embedded, 'ipv4')
  return blocked.check(words.map((word) => word.toString(16)).join(':'), 'ipv6')
}

/** The eight 16-bit words of an IPv6 address (a dotted IPv4 tail is two words). */
function ipv6Words(address: string): number[] | undefined {
  let text = address.toLowerCase()
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (dotted) {
    const bytes = dotted.slice(1).map(Number)
    if (bytes.some((byte) => byte > 255)) return undefined
    const [a = 0, b = 0, c = 0, d = 0] = bytes
    text = text.slice(0, dotted.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16)
  }

  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const parse = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':').map((word) => (/^[\da-f]{1,4}$/.test(word) ? Number.parseInt(word, 16) : Number.NaN)))
  const head = parse(halves[0])
  const tail = parse(halves[1])
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const words = [...head, ...Array.from({length: halves.length === 1 ? 0 : missing}, () => 0), ...tail]
  return words.some((word) => Number.isNaN(word)) ? undefined : words
}

/** The IPv4 address carried by an IPv4-mapped (`::ffff:0:0/96`) or NAT64 (`64:ff9b::/96`) address. */
function embeddedIpv4(words: readonly number[]): string | undefined {
  const zeros = (from: number, to: number) => words.slice(from, to).every((word) => word === 0)
  const mapped = zeros(0, 5) && words[5] === 0xff_ff
  const nat64 = words[0] === 0x64 && words[1] === 0xff_9b && zeros(2, 6)
  if (!mapped && !nat64) return undefined
  const high = words[6] ?? 0
  const low = words[7] ?? 0
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

/** What resolving a host for a connection gave: the addresses to dial, all checked. */
export type ResolvedHost =
  | {allowed: true; addresses: readonly string[]}
  | {allowed: false; reason: string; code: 'private' | 'unknown-host' | 'dns-error'; errorCode?: string | undefined}

/**
 * Decide whether `hostname` may be requested: an IP literal must be public; a
 * name (`localhost` too) must resolve, and to public addresses only.
 */
export async function checkHost(hostname: string, lookup: Lookup): Promise<HostDecision> {
  const resolved = await resolveHost(hostname, lookup, true)
  return resolved.allowed ? {allowed: true} : {allowed: false, code: resolved.code, reason: resolved.reason}
}

/**
 * Resolve `hostname` once and check every address (when `guarded`): the
 * addresses given are the only ones a connection may dial, so that nothing
 * resolves the name again between the check and the connection.
 */
export async function resolveHost(hostname: string, lookup: Lookup, guarded: boolean): Promise<ResolvedHost> {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  if (isIP(bare) !== 0) {
    return guarded && isPrivateAddress(bare)
      ? {allowed: false, code: 'private', reason: `private address ${inlineCode(bare)}`}
      : {allowed: true, addresses: [bare]}
  }

  const name = bare.toLowerCase().replace(/\.$/, '')
  let addresses: readonly string[]
  try {
    addresses = await lookup(name)
  } catch (error) {
    const code = errorCode(error)
    return code === 'ENOTFOUND' || code === 'ENODATA'
      ? {allowed: false, code: 'unknown-host', reason: `unknown host ${inlineCode(name)}`, errorCode: code}
      : {
          allowed: false,
          code: 'dns-error',
          reason: `DNS failure${code ? ' ' + inlineCode(code) : ''} for ${inlineCode(name)}`,
          errorCode: code
        }
  }

  const usable = addresses.filter((address) => isIP(address) !== 0)
  if (usable.length === 0) {
    return {allowed: false, code: 'unknown-host', reason: `unknown host ${inlineCode(name)}`, errorCode: 'ENOTFOUND'}
  }

  const privateAddress = guarded ? usable.find((address) => isPrivateAddress(address)) : undefined
  return privateAddress === undefined
    ? {allowed: true, addresses: usable}
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
