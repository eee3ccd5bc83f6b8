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

/** Check links: all at once (`checkLinks`), or as they are found (`createLinkRun`); see `CheckLinksOptions`. */
export {checkLinks, createLinkRun} from './check.js'
export type {LinkRun} from './check.js'
/** What happened to a URL (`LinkClass`), the result per unique URL, and a run's report and numbers. */
export type {LinkClass, LinkReport, LinkStats, UrlFinding, UrlResult} from './types.js'
/** Options, their defaults, and how `Retry-After` is read. */
export {defaultCachePath, defaultUserAgent} from './options.js'
export type {CheckLinksOptions, LinkCacheOptions, LinkProgress} from './options.js'
export {parseRetryAfter} from './retry-after.js'
/** Gather and normalise the URLs to check. */
export {collectLinks, normaliseUrl} from './collect.js'
export type {LinkOccurrence, NormalisedUrl} from './collect.js'
/** The private-address guard. */
export {checkHost, isPrivateAddress, systemLookup} from './address.js'
export type {HostDecision, Lookup} from './address.js'
/** The cache file, with each URL's history (last seen working, first failed, failed checks), and merging the caches of shards. */
export {cacheFormat, cacheVersion, foreignCacheMessage, historyOf, nextHistory, readCache, writeCache} from './cache.js'
export type {ArchivedCopy, ArchiveLookup, CacheEntry, CacheFile, LinkHistory, LoadedCache, ReadCacheOptions, WriteCacheOptions} from './cache.js'
export {mergeCacheEntries, mergeCaches} from './merge.js'
export type {MergeCachesOptions, MergedCache} from './merge.js'
/** Which shard of `--shard i/n` checks a host. */
export {shardOf} from './shard.js'
/** Archived copies of dead links (Wayback availability API). */
export {archiveBodyCap, defaultArchiveEndpoint, isArchiveCopyUrl, readAvailability, waybackDay} from './archive.js'
export type {ArchiveOptions} from './archive.js'
/** Results as diagnostics, and the wording of history and archived copies. */
export {archivedCopy, deadSince, linkMessage, linkMessages} from './report.js'
export type {ReportOptions} from './report.js'
/** Read one linkinator result. */
export {classify, statusText} from './classify.js'
export type {Answer} from './classify.js'
