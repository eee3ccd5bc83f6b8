/**
 * Escaping at the edge, one function per output context. Every value that
 * comes from outside (a URL, a `Location`, an archive answer, a file name, a
 * message that quotes them) goes through one of these before a reporter
 * writes it, so it shows as data and never acts as markup:
 *
 * - markdown (an issue body or comment): values in code spans that no text
 *   can close; other text with its markdown punctuation escaped and no live
 *   `@mention`, `#123` reference or bare-URL link; nothing spans two lines.
 * - HTML and XML: text and attributes.
 * - GitHub workflow commands: `%`, `\r`, `\n` (and `:`, `,` in properties),
 *   as `@actions/core` encodes them.
 */
import {code, visible} from '@coursemark/core/messages'

export {code, visible} from '@coursemark/core/messages'

/** Escape the message part of a workflow command (`@actions/core`'s `escapeData`). */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** Escape a property value of a workflow command (`@actions/core`'s `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

/** Escape text for XML (and HTML) content and attributes. */
export function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    // Characters XML 1.0 cannot hold.
    .replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

/** Zero-width joiner: invisible, and no mention, reference or URL matches across it. */
const joiner = '\u200D'

/**
 * Text from outside for markdown, outside a code span: one line (controls
 * shown as escapes), markdown punctuation backslash-escaped (no code span,
 * emphasis, link, image, autolink, HTML, entity, table cell, math), and a
 * zero-width joiner after `@` and `#` and inside `://`, `www.` and `GH-1`, so
 * GitHub makes no mention, reference or link of it when it renders the text.
 */
export function markdownText(value: string): string {
  return visible(value)
    .replace(/[\\`*_[\]<>&~|$]/g, '\\$&')
    .replace(/[@#]/g, '$&' + joiner)
    .replaceAll('://', ':' + joiner + '//')
    .replace(/(www)\./gi, '$1' + joiner + '.')
    .replace(/(gh)-(?=\d)/gi, '$1-' + joiner)
}

/** A piece of a message: plain text, or the content of a code span. */
export interface Segment {
  code: boolean
  text: string
}

/**
 * A message split as CommonMark reads its code spans: a run of backticks
 * opens one that the next run of the same length closes (one space stripped
 * from each end when both are spaces); a run without a match is text.
 */
export function splitCode(message: string): Segment[] {
  const segments: Segment[] = []
  const runs = [...message.matchAll(/`+/g)].map((match) => ({index: match.index, size: match[0].length}))
  let textStart = 0
  for (let open = 0; open < runs.length; open++) {
    const start = runs[open]
    const closeAt = runs.findIndex((run, at) => at > open && start !== undefined && run.size === start.size)
    const close = runs[closeAt]
    if (!start || !close) continue
    if (start.index > textStart) segments.push({code: false, text: message.slice(textStart, start.index)})
    let inside = message.slice(start.index + start.size, close.index)
    if (inside.length > 1 && inside.startsWith(' ') && inside.endsWith(' ') && inside.trim() !== '') inside = inside.slice(1, -1)
    segments.push({code: true, text: inside})
    textStart = close.index + close.size
    open = closeAt
  }

  if (textStart < message.length) segments.push({code: false, text: message.slice(textStart)})
  return segments
}

/**
 * A message (tool text with values in code spans) for markdown: each code
 * span written anew with `code`, each piece of text with `markdownText`, and
 * each value through `value` first (to shorten it, say).
 */
export function markdownMessage(message: string, value: (text: string) => string = code): string {
  return splitCode(message)
    .map((segment) => (segment.code ? value(segment.text) : markdownText(segment.text)))
    .join('')
}

/**
 * A URL as a markdown link destination: spaces, controls, brackets,
 * parentheses, quotes and non-ASCII percent-encoded (existing `%XX` kept), so
 * it cannot end the link early or run onto another line.
 */
export function linkDestination(url: string): string {
  return url
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/gu, (character) => (character === '(' ? '%28' : character === ')' ? '%29' : encodeURIComponent(character)))
}
