/**
 * Limits that keep hostile input from exhausting time or memory. Each is an
 * option of `parseCheckpoint`; the defaults are far above what real
 * checkpoints need, in size, nesting and links.
 */

/** The defaults of the input limits. */
export const defaultLimits = {
  /** Largest input, in characters (UTF-16 code units), parsed. */
  maxSize: 5 * 1024 * 1024,
  /** Deepest nesting of block containers (lists, block quotes) or emphasis parsed. */
  maxNesting: 100,
  /**
   * Most links (`](` pairs) in one file. Real checkpoints have far fewer;
   * remark's memory while parsing grows with each link.
   */
  maxLinks: 5000
} as const

/** Input limits. */
export interface Limits {
  maxSize: number
  maxNesting: number
  maxLinks: number
}

/** A reason not to parse, with the offset where it shows. */
export interface LimitFinding {
  kind: 'binary' | 'too-deep' | 'too-many-links'
  offset: number
  end: number
}

const containerPrefix = /[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))/y

/**
 * Scan text for what would make the markdown parser slow or its tree too deep
 * to walk: NUL bytes (binary), more links than `maxLinks`, deeply nested
 * containers on one line or by indentation, long runs of emphasis markers.
 * Linear in the size of the text.
 */
export function scanLimits(value: string, limits: Limits): LimitFinding | undefined {
  const nul = value.indexOf('\u0000')
  if (nul !== -1) return {kind: 'binary', offset: nul, end: nul + 1}

  let links = 0
  let link = value.indexOf('](')
  while (link !== -1) {
    if (++links > limits.maxLinks) return {kind: 'too-many-links', offset: link, end: link + 2}
    link = value.indexOf('](', link + 2)
  }

  let lineStart = 0
  while (lineStart <= value.length) {
    let lineEnd = value.indexOf('\n', lineStart)
    if (lineEnd === -1) lineEnd = value.length

    // Containers opened on this line.
    let depth = 0
    let index = lineStart
    containerPrefix.lastIndex = index
    while (index < lineEnd && containerPrefix.test(value)) {
      index = containerPrefix.lastIndex
      depth++
    }

    // Indentation opens containers too (lists nested by two spaces or more).
    let indent = 0
    for (let i = lineStart; i < lineEnd; i++) {
      const code = value.charCodeAt(i)
      if (code === 32) indent++
      else if (code === 9) indent += 4
      else break
    }

    if (depth > limits.maxNesting || indent / 2 > limits.maxNesting) {
      return {kind: 'too-deep', offset: lineStart, end: lineEnd}
    }

    // Runs of emphasis markers inside text.
    let run = 0
    let runStart = lineStart
    let other = false
    for (let i = lineStart; i < lineEnd; i++) {
      const code = value.charCodeAt(i)
      if (code === 42 /* `*` */ || code === 95 /* `_` */) {
        if (run === 0) runStart = i
        run++
        if (run > limits.maxNesting * 2 && other) {
          return {kind: 'too-deep', offset: runStart, end: i + 1}
        }
      } else {
        if (run > limits.maxNesting * 2 && code !== 32) {
          return {kind: 'too-deep', offset: runStart, end: i}
        }

        if (code !== 32 && code !== 9) other = true
        run = 0
      }
    }

    lineStart = lineEnd + 1
  }

  return undefined
}
