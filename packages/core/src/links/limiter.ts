/**
 * Slots for requests: at most `global` at once, and at most `perHost` at once
 * for any one host name. Waiters are served host by host in turn, so one big
 * host cannot starve the others and the per-host limit never idles the rest.
 */

interface Waiter {
  grant: (granted: boolean) => void
}

interface HostState {
  active: number
  peak: number
  waiters: Waiter[]
}

/** Global and per-host request slots. */
export class Limiter {
  readonly #global: number
  readonly #perHost: number
  readonly #hosts = new Map<string, HostState>()
  /** Hosts that have waiters and a free slot, in turn order. */
  readonly #ready = new Set<string>()
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
      if (state.active < this.#perHost) this.#ready.add(host)
      this.#pump()
    })
  }

  /** Give back a slot taken with `acquire`. */
  release(host: string): void {
    const state = this.#host(host)
    state.active--
    this.#active--
    if (state.waiters.length > 0) this.#ready.add(host)
    else if (state.active === 0) this.#hosts.delete(host)
    this.#pump()
  }

  /** Refuse every waiting and future `acquire` (at the deadline). */
  close(): void {
    this.#closed = true
    for (const state of this.#hosts.values()) {
      for (const waiter of state.waiters.splice(0)) waiter.grant(false)
    }

    this.#ready.clear()
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
      state = {active: 0, peak: this.#peaks.get(host) ?? 0, waiters: []}
      this.#hosts.set(host, state)
    }

    return state
  }

  #pump(): void {
    while (this.#active < this.#global && this.#ready.size > 0) {
      const host = this.#ready.values().next().value
      if (host === undefined) break
      this.#ready.delete(host)
      const state = this.#hosts.get(host)
      const waiter = state?.waiters.shift()
      if (!state || !waiter) continue
      state.active++
      this.#active++
      if (state.active > state.peak) {
        state.peak = state.active
        this.#peaks.set(host, state.peak)
      }

      if (this.#active > this.#peak) this.#peak = this.#active
      if (state.waiters.length > 0 && state.active < this.#perHost) this.#ready.add(host)
      waiter.grant(true)
    }
  }
}
