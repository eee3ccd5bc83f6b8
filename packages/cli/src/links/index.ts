/**
 * `@coursemark/cli/links`: check the external links of checkpoints. It uses
 * the network (undici, linkinator) and the file system (the link cache), so
 * it lives on the Node side, in the CLI package, and `@coursemark/core`
 * stays light and runs in a browser. `coursemark links` and
 * `coursemark lint --links` run it; a program can too.
 *
 * @example
 *   import {parseCheckpoint} from '@coursemark/core'
 *   import {checkLinks} from '@coursemark/cli/links'
 *
 *   const {checkpoint} = parseCheckpoint(markdown, {path: 'lesson.md'})
 *   const report = await checkLinks([checkpoint])
 *   for (const message of report.messages) console.log(String(message))
 */

/** Check links: all at once (`checkLinks`), or as they are found (`createLinkRun`); see `CheckLinksOptions`. */
export {checkLinks, createLinkRun} from './check.js'
/** A link run under way: URLs go in as they are found (`createLinkRun`). */
export type {LinkRun} from './check.js'
/** What happened to a URL (`LinkClass`), the result per unique URL, and a run's report and numbers. */
export type {LinkClass, LinkReport, LinkStats, UrlFinding, UrlResult} from './types.js'
/** Option defaults: the cache file of a project, and the `User-Agent` sent. */
export {defaultCachePath, defaultUserAgent} from './options.js'
/** The options of a check, of its cache, and its progress callback. */
export type {CheckLinksOptions, LinkCacheOptions, LinkProgress} from './options.js'
/** Read a `Retry-After` header (seconds or an HTTP date) as milliseconds from now. */
export {parseRetryAfter} from './retry-after.js'
/** Gather and normalise the URLs to check. */
export {collectLinks, normaliseUrl} from './collect.js'
/** One use of a URL in a file, and a URL as normalised for deduplication. */
export type {LinkOccurrence, NormalisedUrl} from './collect.js'
/** The private-address guard. */
export {checkHost, isPrivateAddress, systemLookup} from './address.js'
/** What the guard decided for a host, and the DNS lookup it uses (replaceable in tests). */
export type {HostDecision, Lookup} from './address.js'
/** Read and write the cache file, with each URL's history (last seen working, first failed, failed checks). */
export {cacheFormat, cacheVersion, foreignCacheMessage, historyOf, nextHistory, readCache, writeCache} from './cache.js'
/** The shapes of the cache file, its entries and histories, and the options to read and write it. */
export type {ArchivedCopy, ArchiveLookup, CacheEntry, CacheFile, LinkHistory, LoadedCache, ReadCacheOptions, WriteCacheOptions} from './cache.js'
/** Merge the caches of shards (`coursemark links --merge-cache`) or their entries. */
export {mergeCacheEntries, mergeCaches} from './merge.js'
/** The options of a merge, and what it gives. */
export type {MergeCachesOptions, MergedCache} from './merge.js'
/** Which shard of `--shard i/n` checks a host. */
export {shardOf} from './shard.js'
/** Archived copies of dead links (Wayback availability API). */
export {archiveBodyCap, defaultArchiveEndpoint, isArchiveCopyUrl, readAvailability, waybackDay} from './archive.js'
/** Options of the archive lookup. */
export type {ArchiveOptions} from './archive.js'
/** Results as diagnostics, and the wording of history and archived copies. */
export {archivedCopy, deadSince, linkMessage, linkMessages} from './report.js'
/** Options of the link messages (clock, when an unverifiable link becomes an error, when an archived copy may replace it). */
export type {ReportOptions} from './report.js'
/** Read one linkinator result. */
export {classify, statusText} from './classify.js'
/** What one check of one URL said, as `classify` reads it. */
export type {Answer} from './classify.js'
