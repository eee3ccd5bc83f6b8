/**
 * One linkinator result -> what it says about the URL: an `Answer` that is
 * final, a redirect to follow, or a failure worth retrying.
 *
 * | what came back | answer |
 * |---|---|
 * | 2xx | `ok` |
 * | 301, 302, 303, 307, 308 with `Location` | a hop to follow |
 * | 404, 410, unknown host | `dead` |
 * | refused connection | retried, then `dead`; `unverifiable` when it was not retried |
 * | 429, 408, 5xx (not 501, 505), timeout, reset, DNS failure | retried, then `unverifiable` |
 * | an invalid HTTP answer (bytes after a HEAD answer on a kept socket) | retried over a fresh socket |
 * | 401, 403, 451, 999, a Cloudflare challenge, TLS errors, other 4xx | `unverifiable` |
 */
import {STATUS_CODES} from 'node:http'
import {LinkState, type LinkResult} from 'linkinator'
import {code as inlineCode} from '@coursemark/core/messages'
import {errorCode} from './address.js'

/** What one check of one URL (one hop: a HEAD, and a GET when the HEAD is not 2xx) said. */
export interface Answer {
  kind: 'ok' | 'dead' | 'unverifiable' | 'redirect' | 'private'
  /** The HTTP status, when there was an answer. */
  status?: number
  /** Why, as written in messages: "`404 Not Found`", "refused connection". */
  reason: string
  /** Whether another attempt may change the answer. */
  retry: boolean
  /** The `Retry-After` header of a 429 or 503, as sent. */
  retryAfter?: string
  /** The `Location` of a redirect, as sent. */
  location?: string
  /** The answer could not be parsed: the socket was left dirty by an earlier answer (a body after a HEAD). */
  invalidFraming?: boolean
  /** The connection was refused: retried after `refusedBackoff`, not `backoff`. */
  refused?: boolean
}

/** The error code the private-address guard closes a connection with. */
export const privateAddressCode = 'COURSEMARK_PRIVATE_ADDRESS'

/** The status and headers linkinator kept of an HTTP response. */
interface Received {
  status: number
  headers: Record<string, string>
}

const retriedCodes = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN'])
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'])
const tlsCodes = /^(?:ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/

/** Describe an HTTP status: "`404 Not Found`", "`999`". */
export function statusText(status: number): string {
  const name = STATUS_CODES[status]
  return '`' + (name ? `${status} ${name}` : String(status)) + '`'
}

/**
 * Read a linkinator result (made with `redirects: 'error'`, so redirects come
 * back as answers with their `Location`).
 */
export function classify(result: LinkResult, timeout: number): Answer {
  const received = lastReceived(result)
  const status = result.status ?? 0
  if (status === 403 && result.state === LinkState.SKIPPED) {
    // linkinator skips a 403 only when it carries `cf-mitigated`, and drops the headers.
    return {kind: 'unverifiable', status, reason: `${statusText(status)} with a Cloudflare challenge`, retry: false}
  }

  const answer = status > 0 ? classifyStatus(status, received?.headers ?? {}) : classifyError(lastError(result), timeout)
  // A HEAD that failed on a dirty socket, then a GET that worked: still a sign.
  if (!answer.invalidFraming && (result.failureDetails ?? []).some((detail) => isParserError(detail))) {
    answer.invalidFraming = true
  }

  return answer
}

/** An HTTP parser error: the bytes on the socket were not an HTTP answer. */
function isParserError(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined
  return [cause, error].some((value) => value instanceof Error && (value.name === 'HTTPParserError' || errorCode(value)?.startsWith('HPE_') === true))
}

function classifyStatus(status: number, headers: Record<string, string>): Answer {
  const text = statusText(status)
  if (status >= 200 && status < 300) return {kind: 'ok', status, reason: text, retry: false}
  if (status >= 300 && status < 400) {
    const location = headers.location
    return location === undefined || location === ''
      ? {kind: 'unverifiable', status, reason: `${text} without a \`Location\``, retry: false}
      : {kind: 'redirect', status, reason: text, retry: false, location}
  }

  if (headers['cf-mitigated'] !== undefined) {
    return {kind: 'unverifiable', status, reason: `${text} with a Cloudflare challenge`, retry: false}
  }

  if (status === 404 || status === 410) return {kind: 'dead', status, reason: text, retry: false}
  if (status === 429 || status === 408 || (status >= 500 && status < 600 && status !== 501 && status !== 505)) {
    const retryAfter = headers['retry-after']
    return retryAfter === undefined
      ? {kind: 'unverifiable', status, reason: text, retry: true}
      : {kind: 'unverifiable', status, reason: text, retry: true, retryAfter}
  }

  return {kind: 'unverifiable', status, reason: text, retry: false}
}

function classifyError(error: unknown, timeout: number): Answer {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return {kind: 'unverifiable', reason: `no answer within ${timeout} ms`, retry: true}
  }

  const cause = error instanceof Error ? error.cause : undefined
  const code = errorCode(cause) ?? errorCode(error)
  if (code === privateAddressCode) {
    return {kind: 'private', reason: cause instanceof Error ? cause.message : 'private address', retry: false}
  }

  // A server restarting, or a port that opens a moment later, refuses too:
  // retried like a reset, and dead only when refused again (see `run.ts`).
  // A refusal costs the host nothing (its kernel answers), so the retries
  // come sooner than after a reset or a 5xx.
  if (code === 'ECONNREFUSED') return {kind: 'dead', reason: 'refused connection', retry: true, refused: true}
  if (code === 'ENOTFOUND') return {kind: 'dead', reason: 'unknown host', retry: false}
  if (code !== undefined && timeoutCodes.has(code)) {
    return {kind: 'unverifiable', reason: `no answer within ${timeout} ms`, retry: true}
  }

  if (code !== undefined && retriedCodes.has(code)) {
    return {kind: 'unverifiable', reason: code === 'EAI_AGAIN' ? 'DNS failure `EAI_AGAIN`' : `closed connection ${inlineCode(code)}`, retry: true}
  }

  if (isParserError(error)) {
    return {kind: 'unverifiable', reason: 'invalid HTTP answer', retry: true, invalidFraming: true}
  }

  if (code !== undefined && tlsCodes.test(code)) {
    return {kind: 'unverifiable', reason: `TLS error ${inlineCode(code)}`, retry: false}
  }

  if (code !== undefined) return {kind: 'unverifiable', reason: `network error ${inlineCode(code)}`, retry: false}
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : 'no answer'
  return {kind: 'unverifiable', reason: `failed request (${inlineCode(message)})`, retry: true}
}

function lastReceived(result: LinkResult): Received | undefined {
  const details = result.failureDetails ?? []
  for (let index = details.length - 1; index >= 0; index--) {
    const detail = details[index]
    if (detail !== undefined && !(detail instanceof Error) && typeof detail.status === 'number') {
      return {status: detail.status, headers: detail.headers}
    }
  }

  return undefined
}

function lastError(result: LinkResult): unknown {
  const details = result.failureDetails ?? []
  for (let index = details.length - 1; index >= 0; index--) {
    const detail = details[index]
    if (detail instanceof Error) return detail
  }

  return undefined
}
