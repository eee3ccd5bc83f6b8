/**
 * The URLs a checkpoint points at, as the link check and the CLI's cache see
 * them. Pure (no `node:` imports), so both the main entry and
 * `@coursemark/core/read-links` export it for the link checker
 * (`@coursemark/cli/links`).
 */
import type {Checkpoint, Position} from './model/checkpoint.js'

/** The parts of a checkpoint that hold URLs (a `Checkpoint`, or what `extractLinkUses` reads). */
export type UrlSources = {
  links: ReadonlyArray<Pick<Checkpoint['links'][number], 'url' | 'kind' | 'position'>>
  images: ReadonlyArray<Pick<Checkpoint['images'][number], 'src' | 'position'>>
  embeds: ReadonlyArray<Pick<Checkpoint['embeds'][number], 'attributes' | 'position'>>
}

/** A URL as written, and where. */
export interface UrlUse {
  /** The URL as written. */
  url: string
  /** Where it is written. */
  position: Position
}

/**
 * Whether a URL is external: `http:`, `https:` or protocol-relative (`//host`).
 *
 * @example
 *   isExternalUrl('//example.com/a') // true
 *   isExternalUrl('../lesson.md') // false
 */
export function isExternalUrl(url: string): boolean {
  return /^(?:https?:)?\/\//i.test(url.trim())
}

/**
 * Every external URL of a checkpoint: links, and the `src` of images and
 * embeds (`<iframe>`, `<video>` …) when external, in document order.
 */
export function externalUrls(checkpoint: UrlSources): UrlUse[] {
  const found: UrlUse[] = []
  for (const link of checkpoint.links) {
    if (link.kind === 'external') found.push({url: link.url, position: link.position})
  }

  for (const image of checkpoint.images) {
    if (isExternalUrl(image.src)) found.push({url: image.src, position: image.position})
  }

  for (const embed of checkpoint.embeds) {
    const source = embed.attributes.src
    if (source !== undefined && isExternalUrl(source)) found.push({url: source, position: embed.position})
  }

  return found.sort((a, b) => a.position.start.offset - b.position.start.offset)
}
