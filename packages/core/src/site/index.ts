/**
 * The site model: from a repository's files, which format builds it, what
 * each file is, where the site publishes it, the order of its lessons, and
 * how a link resolves on the built site. One module per site generator; the
 * plain site when none is found.
 */
import {defaultFormat, type FormatName} from '../profiles.js'
import {freeCodeCampSite} from './freecodecamp.js'
import {odinSite} from './odin.js'
import {plainSite} from './plain.js'
import type {Repository, Site, SiteFlavour, SiteOptions} from './types.js'

/** A site generator coursemark models. */
export interface SiteBuilder {
  flavour: SiteFlavour
  /** The lesson format of its lessons. */
  format: FormatName
  /** Why `repository` is built by this generator, in words; `undefined` when it is not. */
  detect(repository: Repository): string[] | undefined
  /** The site of a repository `detect` accepted. */
  build(repository: Repository, options: SiteOptions, reasons: string[]): Site
}

/** The generators, tried in this order (the most specific marker first). */
export const siteBuilders: readonly SiteBuilder[] = [freeCodeCampSite, odinSite]

/**
 * Build the site of `repository`. With `options.format`, only a generator of
 * that format is looked for; without, the first generator that recognises
 * the repository, else the plain site of the default format.
 */
export function buildSite(repository: Repository, options: SiteOptions = {}): Site {
  for (const builder of siteBuilders) {
    if (options.format !== undefined && builder.format !== options.format) continue
    const reasons = builder.detect(repository)
    if (reasons) return builder.build(repository, options, reasons)
  }

  const format = options.format ?? defaultFormat
  const reasons = options.format === undefined ? ['no site generator found'] : [`\`format: ${format}\` in the config, and no site generator of it found`]
  return plainSite(repository, options, format, reasons)
}

export {resolveLink, resolveUrl, urlVariants, joinPath, parentOf} from './resolve.js'
export {kindByPlace, markdownPaths, markdownExtension, siteFile} from './files.js'
export {plainSite} from './plain.js'
export {headingIds, odinHeadingIds} from './slug.js'
export type {HeadingText, SluggerName} from './slug.js'
export type * from './types.js'
