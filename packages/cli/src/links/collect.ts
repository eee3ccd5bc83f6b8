/**
 * Which links to check, and under which key: every external link of every
 * checkpoint, normalised, deduplicated on the URL without its `#fragment`.
 */
import type {Checkpoint, Position} from '@coursemark/core'
import {externalUrls} from '@coursemark/core/read-links'

/** One place where a URL is written. */
export interface LinkOccurrence {
  /** The URL as written. */
  url: string
  /** The file it is written in (becomes `message.file`). */
  file?: string | undefined
  /** Where it is written (becomes `message.place`). */
  position?: Position | undefined
  /** The URL itself as written, when it is written verbatim (a `LinkUse`'s `range`: what a fix replaces). */
  range?: Position | undefined
}

/** A URL split into what is requested and what is only reported. */
export interface NormalisedUrl {
  /** The URL to request: parsed, serialised by WHATWG `URL`, without its fragment. */
  key: string
  /** The fragment, with its `#`, or `''`. */
  fragment: string
  /** The scheme, lower case, without `:` (`https`). */
  scheme: string
  /** The host name (`example.com`, `127.0.0.1`, `[::1]`), `''` for schemes without one. */
  hostname: string
}

/**
 * Parse a URL for checking. A protocol-relative URL (`//host/path`) is read as
 * `https:`. Returns `undefined` when the URL cannot be parsed.
 *
 * @example
 *   normaliseUrl('HTTPS://Example.COM:443/a b#Intro')
 *   // {key: 'https://example.com/a%20b', fragment: '#Intro', scheme: 'https', hostname: 'example.com'}
 */
export function normaliseUrl(url: string): NormalisedUrl | undefined {
  const value = url.trim()
  let parsed: URL
  try {
    parsed = new URL(value.startsWith('//') ? 'https:' + value : value)
  } catch {
    return undefined
  }

  const fragment = parsed.hash
  parsed.hash = ''
  return {
    key: parsed.href,
    fragment,
    scheme: parsed.protocol.slice(0, -1),
    hostname: parsed.hostname
  }
}

/**
 * Every external link (`http:`, `https:`, `//`) of the given checkpoints:
 * links, and the `src` of images and embeds (`<iframe>`, `<video>` …) when
 * external, in document order, with the checkpoint's `path` as `file`.
 */
export function collectLinks(checkpoints: readonly Checkpoint[]): LinkOccurrence[] {
  const occurrences: LinkOccurrence[] = []
  for (const checkpoint of checkpoints) {
    const file = checkpoint.path ?? undefined
    for (const {url, position, range} of externalUrls(checkpoint)) occurrences.push({url, file, position, range})
  }

  return occurrences
}
