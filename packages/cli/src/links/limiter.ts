/**
 * Slots for requests: at most `global` at once, and at most `perHost` at once
 * for any one host name. A free slot goes to the host with the longest queue
 * (ties: the host that has waited longest at that length), so the busiest
 * host starts first and does not finish last, while the per-host limit never
 * idles the rest.
 */

interface Waiter {
  grant: (granted: boolean) => void
}

interface HostState {
  name: string
  active: number
  peak: number
  waiters: Waiter[]
  /** The bucket (queue length) the host is filed under while it may take a slot, else -1. */
  bucket: number
}

/** Global and per-host request slots. */
export class Limiter {
  readonly #global: number
  readonly #perHost: number
  readonly #hosts = new Map<string, HostState>()
  /** Hosts that have waiters and a free slot, by queue length. */
  readonly #buckets: Array<Set<HostState>> = []
  /** The highest bucket that may be non-empty. */
  #top = 0
  /** The most slots each host ever held (kept after the host goes idle). */
  readonly #peaks = new Map<string, number>()
  #active = 0
  #peak = 0
  #closed = false

  constructor(global: number, perHost: number) {
    this.#global = global
    this.#perHost = perHost
  }

  /** Wait for a slot for `host`; resolves `false` when the limiter was closed first. */
  acquire(host: string): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false)
    const state = this.#host(host)
    return new Promise<boolean>((resolve) => {
      state.waiters.push({grant: resolve})
      this.#file(state)
      this.#pump()
    })
  }

  /** Give back a slot taken with `acquire`. */
  release(host: string): void {
    const state = this.#host(host)
    state.active--
    this.#active--
    if (state.waiters.length > 0) this.#file(state)
    else if (state.active === 0) this.#hosts.delete(host)
    this.#pump()
  }

  /** Refuse every waiting and future `acquire` (at the deadline). */
  close(): void {
    this.#closed = true
    for (const state of this.#hosts.values()) {
      for (const waiter of state.waiters.splice(0)) waiter.grant(false)
      state.bucket = -1
    }

    this.#buckets.length = 0
    this.#top = 0
  }

  /** The most slots in use at once. */
  get peak(): number {
    return this.#peak
  }

  /** The most slots in use at once for each host. */
  get hostPeaks(): Map<string, number> {
    return new Map(this.#peaks)
  }

  #host(host: string): HostState {
    let state = this.#hosts.get(host)
    if (!state) {
      state = {name: host, active: 0, peak: this.#peaks.get(host) ?? 0, waiters: [], bucket: -1}
      this.#hosts.set(host, state)
    }

    return state
  }

  /** File a host under its queue length when it may take a slot; take it out when it may not. */
  #file(state: HostState): void {
    const length = state.active < this.#perHost ? state.waiters.length : 0
    if (state.bucket === length) return
    if (state.bucket > 0) this.#buckets[state.bucket]?.delete(state)
    state.bucket = -1
    if (length === 0) return
    let bucket = this.#buckets[length]
    if (!bucket) {
      bucket = new Set()
      this.#buckets[length] = bucket
    }

    bucket.add(state)
    state.bucket = length
    if (length > this.#top) this.#top = length
  }

  /** The host with the longest queue that may take a slot. */
  #next(): HostState | undefined {
    while (this.#top > 0) {
      const bucket = this.#buckets[this.#top]
      const state = bucket?.values().next().value
      if (state) return state
      this.#top--
    }

    return undefined
  }

  #pump(): void {
    while (this.#active < this.#global) {
      const state = this.#next()
      const waiter = state?.waiters.shift()
      if (!state || !waiter) return
      state.active++
      this.#active++
      if (state.active > state.peak) {
        state.peak = state.active
        this.#peaks.set(state.name, state.peak)
      }

      if (this.#active > this.#peak) this.#peak = this.#active
      this.#file(state)
      waiter.grant(true)
    }
  }
}
