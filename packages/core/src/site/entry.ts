/**
 * `@coursemark/core/site`: what a tool needs to use a site it has (stored,
 * or sent by another thread) without the site builders: resolving links,
 * the plain site, and the types. The builders (and the YAML and TOML readers
 * they load) are `@coursemark/core/site-builders`.
 */

/** Resolve a link of a file against its site: the candidate files, the fragment, and whether it is checked. */
export {resolveLink, resolveUrl, urlVariants, joinPath, parentOf} from './resolve.js'
/** The plain site: every markdown file a lesson, links as paths on disk. */
export {plainSite} from './plain.js'
export type * from './types.js'
