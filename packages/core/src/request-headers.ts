/**
 * Request headers that a link check's configuration may not set: those that
 * route a request (to another host, through a proxy, to our own dispatcher)
 * or frame it (its length, its encoding, the connection). A config in a pull
 * request is untrusted; these would let it smuggle requests or reach a host
 * the URL does not name. No `node:` import: the config reader uses it too.
 */

const forbidden = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'forwarded',
  'via',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'http2-settings'
])

/**
 * Whether a header name is one the link checker never takes from options or
 * config: `Host`, `Connection`, `Keep-Alive`, `Content-Length`,
 * `Transfer-Encoding`, `TE`, `Trailer`, `Upgrade`, `Expect`, `Forwarded`,
 * `Via`, `X-Forwarded-*`, `X-Real-IP`, `HTTP2-Settings`, any `Proxy-*`, any
 * `X-Coursemark-*` (our own), and any pseudo-header (`:authority`).
 *
 * @example
 *   isForbiddenHeader('Proxy-Authorization') // true
 *   isForbiddenHeader('Authorization') // false
 */
export function isForbiddenHeader(name: string): boolean {
  const lower = name.trim().toLowerCase()
  return (
    forbidden.has(lower) ||
    lower.startsWith('proxy-') ||
    lower.startsWith('x-forwarded-') ||
    lower.startsWith('x-coursemark') ||
    lower.startsWith(':')
  )
}
