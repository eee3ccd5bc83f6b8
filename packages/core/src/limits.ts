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

/** The column (0-based, a tab to the next multiple of 4) reached after `value` from `start` to `end`. */
function columnAt(value: string, start: number, end: number): number {
  let column = 0
  for (let index = start; index < end; index++) column += value.charCodeAt(index) === 9 ? 4 - (column % 4) : 1
  return column
}

/** The end of the spaces and tabs from `start`. */
function indentEnd(value: string, start: number, end: number): number {
  let index = start
  while (index < end && (value.charCodeAt(index) === 32 || value.charCodeAt(index) === 9)) index++
  return index
}

/**
 * The column where the content of the list item whose marker ends at
 * `marker` starts: after 1 to 4 spaces, or 1 column past the marker when
 * there are more (then the content is code) or none.
 */
function contentColumn(value: string, start: number, marker: number, end: number): number {
  const after = columnAt(value, start, marker)
  const content = columnAt(value, start, indentEnd(value, marker, end))
  return content - after >= 1 && content - after <= 4 ? content : after + 1
}

/**
 * Scan text for what would make the markdown parser slow or its tree too deep
 * to walk: NUL bytes (binary), more links than `maxLinks`, deeply nested
 * containers on one line or by the indentation of list markers (spaces alone,
 * as in code, are not nesting), long runs of emphasis markers.
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

  // The list items still open, by the column of their content: a line whose
  // marker sits inside one (before its column plus 4) nests in it. Only
  // markers nest: spaces alone (a line of code, text indented far) do not.
  const open: Array<{column: number; depth: number}> = []
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

    if (depth > 0) {
      const indent = columnAt(value, lineStart, indentEnd(value, lineStart, lineEnd))
      while (open.length > 0 && (open.at(-1)?.column ?? 0) > indent) open.pop()
      const outer = open.at(-1)
      // Four columns past the content of the item it would nest in: code, not a marker.
      if (indent < (outer?.column ?? 0) + 4) {
        depth += outer?.depth ?? 0
        open.push({column: contentColumn(value, lineStart, index, lineEnd), depth})
      } else {
        depth = 0
      }
    }

    if (depth > limits.maxNesting) {
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
