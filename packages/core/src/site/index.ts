/**
 * The site model: from a repository's files, which format builds it, what
 * each file is, where the site publishes it, the order of its lessons, and
 * how a link resolves on the built site. One module per site generator; the
 * plain site when none is found.
 */
import {defaultFormat, type FormatName} from '../profiles.js'
import {checkpointSite} from './checkpoint.js'
import {freeCodeCampSite} from './freecodecamp.js'
import {hugoSite} from './hugo.js'
import {markdownSite} from './markdown.js'
import {odinSite} from './odin.js'
import {plainSite} from './plain.js'
import type {Repository, Site, SiteBuilder, SiteOptions} from './types.js'
import {workbench} from './workbench.js'
import {jekyll} from './jekyll.js'

/** The generators, tried in this order (the most specific marker first). */
export const siteBuilders: readonly SiteBuilder[] = [workbench, jekyll, hugoSite, freeCodeCampSite, odinSite, markdownSite, checkpointSite]

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
export {usesObjectives} from './conventions.js'
export {headingIds, odinHeadingIds} from './slug.js'
export type {HeadingText, SluggerName} from './slug.js'
export type * from './types.js'
