/**
 * Writing a URL that came from outside (a redirect's `Location`, an archive's
 * answer) into a lesson: only an absolute `http(s)` URL, and only where the
 * URL as written is a link's destination, encoded for that place so that it
 * stays one URL of one link:
 *
 * | where | as written | encoded |
 * |---|---|---|
 * | destination of a link, image or definition, bare or in `<…>` | `[t](url)`, `[t](<url>)`, `[id]: url` | backslash before `\`, `(`, `)`, `[`, `]`, `<`, `>`, `` ` ``, `&` |
 * | autolink | `<url>` | as is (a serialised URL holds no `<`, `>`, space or control character) |
 * | bare URL (GFM autolink literal) | `url` | as is when it would be read back whole, else as an autolink `<url>` |
 * | HTML attribute | `href="url"`, `src='url'`, `src=url` | `&`, `'`, `"`, `<`, `>` as character references; an unquoted value in double quotes |
 *
 * Anywhere else (link text, a title, a reference whose URL is in its
 * definition) nothing is written. Where the URL is written is its
 * `LinkUse`'s exact range, never a search of the text.
 */

import type {Edit, ExternalUse} from '../types.js'

/** Characters that are not written into a lesson: controls, spaces of any kind, bidi and zero-width marks. */
const unsafeCharacters = /[\u0000-\u0020\u007F-\u00A0\u00AD\u061C\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF]/

/**
 * The URL to write for `target`, or `undefined` when it is not an absolute
 * `http:` or `https:` URL without credentials, controls, spaces or bidi marks.
 * The result is the WHATWG serialisation: ASCII, with spaces, quotes, `<` and
 * `>` percent-encoded.
 *
 * @example
 *   safeFixUrl('https://example.com/a b') // undefined (a space)
 *   safeFixUrl('javascript:alert(1)//') // undefined
 *   safeFixUrl('https://example.com/ö') // 'https://example.com/%C3%B6'
 */
export function safeFixUrl(target: string): string | undefined {
  if (unsafeCharacters.test(target)) return undefined
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return undefined
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.username !== '' || url.password !== '' || url.hostname === '') return undefined
  const href = url.href
  return unsafeCharacters.test(href) ? undefined : href
}

/** Where a URL is written. */
type Place = 'destination' | 'autolink' | 'literal' | 'html' | 'html-unquoted'

/**
 * The edit that replaces the URL of `use`, at the exact range where it is
 * written (a destination, an autolink, a bare URL, an attribute value), by
 * `to` encoded for that place; `undefined` when `to` is not safe, the URL has
 * no range, the text there is not the URL (the file changed), or the range is
 * not a place a fix may write to (link text, a title).
 */
export function urlEdit(text: string, use: ExternalUse, to: string): Edit | undefined {
  const url = safeFixUrl(to)
  const range = use.range
  if (url === undefined || range === undefined || use.url === '') return undefined
  const offset = use.position.start.offset
  const span = text.slice(offset, use.position.end.offset)
  const start = range.start.offset - offset
  const end = range.end.offset - offset
  if (start < 0 || end > span.length || span.slice(start, end) !== use.url) return undefined
  const place = placeOf(span, start, end)
  return place === undefined ? undefined : {start: range.start.offset, end: range.end.offset, text: encodeFor(place, url)}
}

/** Where `span.slice(start, end)` is written, or `undefined` when it is not a URL the fix may replace. */
function placeOf(span: string, start: number, end: number): Place | undefined {
  const before = span.slice(0, start)
  const after = span.slice(end)
  if (before === '' && after === '') return 'literal'
  if (before === '<' && after === '>') return 'autolink'
  if (/^!?\[/.test(span)) {
    // `](` or `]:`, then spaces and at most one line ending, then `<` when the destination is in angle brackets.
    const opening = /\](?:\(|:)[ \t]*(?:\r?\n[ \t]*)?(<?)$/.exec(before)
    if (!opening) return undefined
    if (opening[1] === '<') return after.startsWith('>') ? 'destination' : undefined
    return after === '' || /^[\s)]/.test(after) ? 'destination' : undefined
  }

  if (span.startsWith('<')) {
    const quoted = /=[ \t\r\n]*(["']?)$/.exec(before)
    if (!quoted) return undefined
    const quote = quoted[1] ?? ''
    if (quote !== '') return after.startsWith(quote) ? 'html' : undefined
    return /^[\s>/]/.test(after) ? 'html-unquoted' : undefined
  }

  return undefined
}

/** `url` (a safe, serialised URL) as written at `place`. */
function encodeFor(place: Place, url: string): string {
  switch (place) {
    case 'destination': {
      // Backslash escapes work in every kind of destination and leave the URL as it is.
      return url.replace(/[\\()[\]<>`&]/g, '\\$&')
    }

    case 'autolink': {
      return url.replace(/[<>]/g, (character) => (character === '<' ? '%3C' : '%3E'))
    }

    case 'literal': {
      return staysLiteral(url) ? url : `<${url.replace(/[<>]/g, (character) => (character === '<' ? '%3C' : '%3E'))}>`
    }

    case 'html':
    case 'html-unquoted': {
      // Character references decode back to the URL; an unquoted value gets
      // quotes, as `=` and the like would end it.
      const value = url.replace(/[&'"<>]/g, (character) => `&#${character.charCodeAt(0)};`)
      return place === 'html' ? value : `"${value}"`
    }
  }
}

/**
 * Whether a bare URL is read back whole as one GFM autolink literal: a
 * domain with a dot, then only characters that never end or split one, and
 * no trailing punctuation (which the literal leaves out).
 */
function staysLiteral(url: string): boolean {
  return /^https?:\/\/[A-Za-z\d-]+(?:\.[A-Za-z\d-]+)+(?::\d+)?(?:\/[\w\-./%=+:@,~]*)?$/.test(url) && /[\w/\-=+%]$/.test(url) && !url.includes('_')
}
