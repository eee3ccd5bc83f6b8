/**
 * `@coursemark/core/read-links`: what `coursemark links` reads of a file,
 * without the tree or the model: the input checks (`readInput`), then the
 * links, images, embeds, `uuid` and `title` from micromark's events
 * (`extractLinkUses`). This entry loads micromark and the frontmatter readers,
 * not unified, remark, the model passes or the schema validators, so a
 * thread that only reads links starts sooner. Like the main entry, it imports
 * nothing from `node:`.
 */

/** Links, images, embeds, `uuid` and `title`, as the model has them, without the tree. */
export {extractLinkUses} from './link-uses.js'
export type {EmbedUse, ImageUse, LinkSource, LinkUse, LinkUses, LinkUsesOptions} from './link-uses.js'
/** The checks made before a file is parsed (the same as the main entry's). */
export {readInput} from './input.js'
export type {InputResult} from './input.js'
export {defaultLimits} from './limits.js'
export type {Limits} from './limits.js'
/** Diagnostics (the same as the main entry's). */
export {createMessage} from './messages.js'
/** Which URLs are external, and the kind of a URL (the same as the main entry's). */
export {externalUrls, isExternalUrl} from './urls.js'
export type {UrlSources, UrlUse} from './urls.js'
export {linkKind} from './model/passes/content.js'
/** Where the value of an attribute is written in an HTML start tag (what gives an HTML URL its range). */
export {htmlValueRange} from './html-tags.js'
