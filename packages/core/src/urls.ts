/**
 * The URLs a checkpoint points at, as the link check and the CLI's cache see
 * them. Pure (no `node:` imports), so both the main entry and
 * `@coursemark/core/read-links` export it for the link checker
 * (`@coursemark/cli/links`).
 */
import type {LinkSource, LinkUse} from './link-uses.js'
import type {Checkpoint, Position} from './model/checkpoint.js'

/** Where a URL is written, when the source says (`extractLinkUses` does; a `Checkpoint` does not). */
interface Written {
  source?: LinkSource | undefined
  range?: Position | undefined
}

/** The parts of a checkpoint that hold URLs (a `Checkpoint`, or what `extractLinkUses` reads). */
export type UrlSources = {
  links: ReadonlyArray<Pick<Checkpoint['links'][number], 'url' | 'kind' | 'position'> & Written & {syntax?: string}>
  images: ReadonlyArray<Pick<Checkpoint['images'][number], 'src' | 'position'> & Written & {syntax?: string}>
  embeds: ReadonlyArray<Pick<Checkpoint['embeds'][number], 'attributes' | 'position'> & Written>
}

/**
 * A URL as written, and where.
 *
 * @deprecated Use `LinkUse`, which this is now: it carries the kind, how the
 *   URL is written and its exact range too.
 */
export type UrlUse = LinkUse

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
 * embeds (`<iframe>`, `<video>` …) when external, in document order, with
 * the exact range of each URL when the sources know it.
 */
export function externalUrls(checkpoint: UrlSources): LinkUse[] {
  const found: LinkUse[] = []
  for (const link of checkpoint.links) {
    if (link.kind !== 'external') continue
    const source = link.source ?? (link.syntax === 'html' ? 'html-link' : 'link')
    found.push({url: link.url, kind: 'external', source, position: link.position, range: link.range})
  }

  for (const image of checkpoint.images) {
    if (!isExternalUrl(image.src)) continue
    const source = image.source ?? (image.syntax === 'html' ? 'html-image' : 'image')
    found.push({url: image.src, kind: 'external', source, position: image.position, range: image.range})
  }

  for (const embed of checkpoint.embeds) {
    const url = embed.attributes.src
    if (url !== undefined && isExternalUrl(url)) found.push({url, kind: 'external', source: 'html-embed', position: embed.position, range: embed.range})
  }

  return found.sort((a, b) => a.position.start.offset - b.position.start.offset)
}
