/**
 * Merge link caches: the jobs of a sharded run (`coursemark links --shard
 * i/n`) each write their own cache; merged, they seed the next run.
 */
import {stat} from 'node:fs/promises'
import type {VFileMessage} from 'vfile-message'
import {createMessage} from '../messages.js'
import {readCache, writeCache, type CacheEntry} from './cache.js'

/** What merging gave. */
export interface MergedCache {
  /** URLs in the merged cache. */
  entries: number
  /** Why an input or the output could not be used; nothing is written when an input fails. */
  messages: VFileMessage[]
}

/**
 * Per URL, the newest entry (by `checkedAt`) with every field it has; on a
 * tie, the later cache wins.
 *
 * @example
 *   mergeCacheEntries([shard1.entries, shard2.entries])
 */
export function mergeCacheEntries(caches: ReadonlyArray<ReadonlyMap<string, CacheEntry>>): Map<string, CacheEntry> {
  const merged = new Map<string, CacheEntry>()
  for (const entries of caches) {
    for (const [url, entry] of entries) {
      const current = merged.get(url)
      if (!current || Date.parse(entry.checkedAt) >= Date.parse(current.checkedAt)) merged.set(url, entry)
    }
  }

  return merged
}

/**
 * Read the caches at `inputs`, merge them (`mergeCacheEntries`) and write the
 * result to `output` atomically. An input that is missing, corrupt or not a
 * link cache is reported and nothing is written.
 */
export async function mergeCaches(inputs: readonly string[], output: string): Promise<MergedCache> {
  const messages: VFileMessage[] = []
  const caches: Array<Map<string, CacheEntry>> = []
  for (const path of inputs) {
    const exists = await stat(path).then((info) => info.isFile(), () => false)
    if (!exists) {
      messages.push(createMessage('Unexpected missing link cache, expected a file written by `coursemark links`', {ruleId: 'link-cache', place: undefined, severity: 'error', file: path}))
      continue
    }

    const loaded = await readCache(path)
    for (const message of loaded.messages) messages.push(message)
    if (loaded.messages.length === 0) caches.push(loaded.entries)
  }

  if (messages.length > 0) return {entries: 0, messages}
  const merged = mergeCacheEntries(caches)
  const warning = await writeCache(output, merged)
  return {entries: merged.size, messages: warning ? [warning] : []}
}
