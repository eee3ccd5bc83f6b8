/**
 * Merge link caches: the jobs of a sharded run (`coursemark links --shard
 * i/n`) each write their own cache; merged, they seed the next run.
 */
import {stat} from 'node:fs/promises'
import type {VFileMessage} from 'vfile-message'
import {createMessage} from '@coursemark/core/messages'
import {mergeCacheEntries, readCache, writeCache, type CacheEntry} from './cache.js'

/** What merging gave. */
export interface MergedCache {
  /** URLs in the merged cache. */
  entries: number
  /** Why an input or the output could not be used; nothing is written when an input fails. */
  messages: VFileMessage[]
}

export {mergeCacheEntries} from './cache.js'

/** Options of `mergeCaches`. */
export interface MergeCachesOptions {
  /** The clock (ms since 1970, default `Date.now()`): a time after it is taken as it. */
  now?: number | undefined
}

/**
 * Read the caches at `inputs`, merge them (`mergeCacheEntries`) and write the
 * result to `output` atomically. An input that is missing, corrupt or not a
 * link cache is reported and nothing is written; so is an `output` that is
 * there and is not a link cache.
 */
export async function mergeCaches(inputs: readonly string[], output: string, options: MergeCachesOptions = {}): Promise<MergedCache> {
  const messages: VFileMessage[] = []
  const caches: Array<Map<string, CacheEntry>> = []
  for (const path of inputs) {
    const exists = await stat(path).then((info) => info.isFile(), () => false)
    if (!exists) {
      messages.push(createMessage('Unexpected missing link cache, expected a file written by `coursemark links`', {ruleId: 'link-cache', place: undefined, severity: 'error', file: path}))
      continue
    }

    const loaded = await readCache(path, options)
    for (const message of loaded.messages) messages.push(message)
    if (loaded.messages.length === 0) caches.push(loaded.entries)
  }

  if (messages.length > 0) return {entries: 0, messages}
  const merged = mergeCacheEntries(caches)
  const warning = await writeCache(output, merged, options)
  return {entries: merged.size, messages: warning ? [warning] : []}
}
