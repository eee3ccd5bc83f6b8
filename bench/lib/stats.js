/**
 * Medians and spreads of repeated measurements.
 *
 * @example
 *   summarise([3, 1, 2]) // {runs: 3, median: 2, min: 1, max: 3}
 */

/**
 * @typedef Summary
 * @property {number} runs
 * @property {number} median
 * @property {number} min
 * @property {number} max
 */

/**
 * @param {number[]} values
 * @returns {Summary}
 */
export function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length === 0
      ? Number.NaN
      : sorted.length % 2 === 1
        ? /** @type {number} */ (sorted[middle])
        : (/** @type {number} */ (sorted[middle - 1]) + /** @type {number} */ (sorted[middle])) / 2
  return {runs: sorted.length, median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN}
}

/**
 * Milliseconds as text: `850 ms`, `12.3 s`.
 *
 * @param {number | undefined} ms
 */
export function formatMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return 'n/a'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 100_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  return `${Math.round(ms / 1000)} s`
}

/**
 * @param {number | undefined} value
 * @param {number} [digits]
 */
export function formatRatio(value, digits = 2) {
  if (value === undefined || Number.isNaN(value) || !Number.isFinite(value)) return 'n/a'
  return `${value.toFixed(digits)}x`
}
