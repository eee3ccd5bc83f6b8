/**
 * Split a URL as written into its parts, keeping offsets into the written
 * text (the WHATWG `URL` parser normalises and loses them), and match hosts.
 */

/** The parts of an absolute (`scheme://`) or protocol-relative (`//`) URL. */
export interface UrlParts {
  /** Lower-cased scheme without `:`, or `''` for `//host`. */
  scheme: string
  /** Lower-cased host name, without user info, port or IPv6 brackets. */
  host: string
  /** Offset of the path (or of `?`/`#` when there is no path). */
  pathStart: number
  /** Offset of `?`, or `-1`. */
  queryStart: number
  /** Offset of `#`, or the length of the URL when there is none. */
  hashStart: number
}

const authorityPattern = /^(?:([a-zA-Z][a-zA-Z\d+.-]*):)?\/\/([^/?#]*)/

/** Parse `url`, or `undefined` when it has no `//` authority. */
export function parseUrl(url: string): UrlParts | undefined {
  const match = authorityPattern.exec(url)
  if (!match) return undefined
  const authority = (match[2] ?? '').replace(/^[^@]*@/, '')
  const host = authority.startsWith('[')
    ? authority.slice(1, authority.indexOf(']') === -1 ? undefined : authority.indexOf(']'))
    : authority.replace(/:\d*$/, '')
  const pathStart = match[0].length
  const hash = url.indexOf('#', pathStart)
  const hashStart = hash === -1 ? url.length : hash
  const query = url.indexOf('?', pathStart)
  return {
    scheme: (match[1] ?? '').toLowerCase(),
    host: host.toLowerCase().replace(/\.$/, ''),
    pathStart,
    queryStart: query === -1 || query > hashStart ? -1 : query,
    hashStart
  }
}

/** Is `url` a web URL (`http:`, `https:` or `//`)? */
export function isWebUrl(parts: UrlParts): boolean {
  return parts.scheme === 'http' || parts.scheme === 'https' || parts.scheme === ''
}

/**
 * Does `host` match `pattern`? `example.com` matches it and its subdomains;
 * `amazon.*` matches any top-level domain (`amazon.com`, `www.amazon.co.uk`).
 */
export function hostMatches(host: string, pattern: string): boolean {
  const wanted = pattern.trim().toLowerCase().replace(/^\*\./, '')
  if (wanted.endsWith('.*')) {
    const base = wanted.slice(0, -2)
    return host.startsWith(base + '.') || host.includes('.' + base + '.')
  }

  return host === wanted || host.endsWith('.' + wanted)
}

/** Loopback hosts: `localhost`, `*.localhost`, `127.x.x.x`, `::1`, `0.0.0.0`. */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0'
  )
}

/** Private network addresses and intranet names (no dot, or `.local`, `.internal`, …). */
export function isPrivateHost(host: string): boolean {
  return (
    /^(?:10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2})$/.test(
      host
    ) ||
    (!host.includes('.') && !host.includes(':') && host !== '') ||
    /\.(?:local|internal|intranet|corp|lan|home\.arpa)$/.test(host)
  )
}
