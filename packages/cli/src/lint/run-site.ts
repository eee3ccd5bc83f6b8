/**
 * The site of a run (core's `Site`, and what the rules need besides), built once in the main thread and read
 * by the engine in every thread. The workers get it once each: the main
 * thread writes it as JSON into a growable shared buffer the pool hands every
 * worker when it starts (before the site is built), and a worker parses it
 * the first time a file needs it; tasks carry only the file's path in it.
 */
import type {ProjectSite} from '@coursemark/remark-plugin/config'

/** Bytes before the JSON: its length (an `Int32`, written last), and room to keep the JSON aligned. */
const headerBytes = 8

/** At most this many bytes of site JSON are shared (the buffer reserves them; memory is used as it grows). */
const maxSiteBytes = 512 * 1024 * 1024

let current: ProjectSite | undefined
/** In a worker, the buffer its pool shares the site in (`useSiteBuffer`); this module does not load `node:worker_threads` (2 ms of a one-file run). */
let shared: unknown

/** The site of this run, in the main thread (`undefined`: none, or a run without sites). */
export function setRunSite(site: ProjectSite | undefined): void {
  current = site
}

/** The site of this run: the one set in the main thread, or in a worker the one shared with it. */
export function runSite(): ProjectSite | undefined {
  if (current === undefined && shared !== undefined) current = readShared(shared)
  return current
}

/** In a worker: read the site from `buffer` (its `workerData.site`, from `siteBuffer`) once the main thread has shared it. */
export function useSiteBuffer(buffer: unknown): void {
  shared = buffer
}

/** The buffer a pool gives its workers, empty until `shareSite`. */
export function siteBuffer(): SharedArrayBuffer {
  const Growable = SharedArrayBuffer as unknown as new (length: number, options: {maxByteLength: number}) => SharedArrayBuffer
  return new Growable(headerBytes, {maxByteLength: headerBytes + maxSiteBytes})
}

/** Write `site` into `buffer` for the workers; `false` when it is too large to share (the workers then lint without it). */
export function shareSite(buffer: SharedArrayBuffer, site: ProjectSite): boolean {
  const header = new Int32Array(buffer, 0, 1)
  if (Atomics.load(header, 0) !== 0) return true
  const bytes = new TextEncoder().encode(JSON.stringify(site))
  if (bytes.length > maxSiteBytes) return false
  ;(buffer as unknown as {grow(length: number): void}).grow(headerBytes + bytes.length)
  new Uint8Array(buffer, headerBytes, bytes.length).set(bytes)
  Atomics.store(header, 0, bytes.length)
  return true
}

function readShared(buffer: unknown): ProjectSite | undefined {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < headerBytes) return undefined
  const length = Atomics.load(new Int32Array(buffer, 0, 1), 0)
  if (length === 0) return undefined
  // A decoder reads no shared memory: one copy.
  const bytes = new Uint8Array(length)
  bytes.set(new Uint8Array(buffer, headerBytes, length))
  return JSON.parse(new TextDecoder().decode(bytes)) as ProjectSite
}
