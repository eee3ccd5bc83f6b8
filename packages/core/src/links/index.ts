/**
 * `@coursemark/core/links`: check the external links of checkpoints. Uses the
 * network and the file system, so it is a separate entry from
 * `@coursemark/core` (which runs in a browser).
 *
 * @example
 *   import {parseCheckpoint} from '@coursemark/core'
 *   import {checkLinks} from '@coursemark/core/links'
 *
 *   const {checkpoint} = parseCheckpoint(markdown, {path: 'lesson.md'})
 *   const report = await checkLinks([checkpoint])
 *   for (const message of report.messages) console.log(String(message))
 */

/** Check links; see `CheckLinksOptions` for limits, retries, cache and the private-address guard. */
export {checkLinks} from './check.js'
export type {LinkClass, LinkReport, LinkStats, UrlResult} from './check.js'
/** Options, their defaults, and how `Retry-After` is read. */
export {defaultCachePath, defaultUserAgent} from './options.js'
export type {CheckLinksOptions, LinkCacheOptions, LinkProgress} from './options.js'
export {parseRetryAfter} from './run.js'
/** Gather and normalise the URLs to check. */
export {collectLinks, normaliseUrl} from './collect.js'
export type {LinkOccurrence, NormalisedUrl} from './collect.js'
/** The private-address guard. */
export {checkHost, isPrivateAddress, systemLookup} from './address.js'
export type {HostVerdict, Lookup} from './address.js'
/** The cache file. */
export {cacheFormat, cacheVersion, readCache, writeCache} from './cache.js'
export type {CacheEntry, CacheFile, CachedClass, LoadedCache} from './cache.js'
/** Results as diagnostics. */
export {linkMessage, linkMessages} from './report.js'
export type {ReportOptions} from './report.js'
/** Read one linkinator result. */
export {classify, statusText} from './classify.js'
export type {Verdict} from './classify.js'
