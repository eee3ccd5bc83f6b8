/**
 * Shards of a link check by host: `coursemark links --shard i/n` in each job
 * of a CI matrix checks the URLs of the hosts that hash to shard `i`, so two
 * jobs never request the same host and the per-host limit holds across the
 * matrix.
 */

/**
 * The shard (1-based, of `count`) that checks URLs on `hostname`: FNV-1a of
 * the lower-case host name, modulo `count`. The same on every machine.
 *
 * @example
 *   shardOf('example.com', 4) // 1, 2, 3 or 4, always the same
 */
export function shardOf(hostname: string, count: number): number {
  const name = hostname.toLowerCase()
  let hash = 0x81_1c_9d_c5
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index)
    hash = Math.imul(hash, 0x01_00_01_93)
  }

  return ((hash >>> 0) % count) + 1
}
