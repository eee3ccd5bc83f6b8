/**
 * "Did you mean …?": one edit distance and one threshold for every
 * suggestion coursemark makes (frontmatter keys and values, config options
 * and rule ids, anchors).
 *
 * The distance is the optimal string alignment distance (Levenshtein plus
 * transpositions of neighbours, each edit once), compared case-insensitively.
 * A candidate is close when it is at most `max(2, ⌊length / 3⌋)` edits away
 * and needs fewer edits than either word has characters (replacing a whole
 * short word is not a typo).
 */

/**
 * The candidate closest to `value`, or `undefined` when none is close
 * enough to be a typo. Ties go to the first candidate.
 *
 * @example
 *   closestMatch('titel', ['title', 'time']) // 'title'
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const lower = value.toLowerCase()
  let best: string | undefined
  let bestDistance = suggestionLimit(value) + 1
  for (const candidate of candidates) {
    if (candidate === value) continue
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance)
    if (distance < bestDistance && distance < Math.min(value.length, candidate.length)) {
      best = candidate
      bestDistance = distance
    }
  }

  return best
}

/** The most edits a suggestion for `value` may need. */
export function suggestionLimit(value: string): number {
  return Math.max(2, Math.floor(value.length / 3))
}

/**
 * Optimal string alignment distance between `a` and `b` (case-sensitive),
 * or `cap` when it is `cap` or more (the search stops early).
 */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= cap) return cap
  let before: number[] = []
  let previous: number[] = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i]
    let rowMinimum = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let distance = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      )
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        distance = Math.min(distance, (before[j - 2] ?? 0) + 1)
      }

      current[j] = distance
      if (distance < rowMinimum) rowMinimum = distance
    }

    if (rowMinimum >= cap) return cap
    before = previous
    previous = current
  }

  return Math.min(previous[b.length] ?? cap, cap)
}
