/**
 * A small seeded PRNG (mulberry32) and helpers, so the corpus is the same on
 * every machine and every run.
 *
 * @example
 *   const random = createRandom(42)
 *   random.int(1, 6) // the same number on every run
 */

/**
 * @typedef Random
 * @property {() => number} next
 *   Uniform in [0, 1).
 * @property {(min: number, max: number) => number} int
 *   Integer in [min, max].
 * @property {<T>(items: readonly T[]) => T} pick
 *   One item.
 * @property {(probability: number) => boolean} chance
 *   `true` with `probability`.
 */

/**
 * @param {number} seed
 * @returns {Random}
 */
export function createRandom(seed) {
  let state = seed >>> 0

  function next() {
    state = (state + 0x6d_2b_79_f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1))
    },
    pick(items) {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    chance(probability) {
      return next() < probability
    }
  }
}
