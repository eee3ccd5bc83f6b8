/** The `Retry-After` header, read the one way both the link run and the archive lookups use. */
/**
 * Parse `Retry-After`: seconds (`120`) or an HTTP date. Returns ms from
 * `now`, or `undefined` when unreadable.
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
