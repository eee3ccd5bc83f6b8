/**
 * YAML as the site generators read it. Jekyll reads frontmatter with libyaml
 * and Hugo with go-yaml (a port of libyaml); both accept a few things the
 * YAML 1.2 spec, and so the `yaml` package, reject. Lessons built with those
 * tools for years carry them, so they are read as those tools read them and
 * reported as a warning, never an error.
 *
 * One case is known from real lessons (legacy Carpentries episodes): a
 * quoted value that continues on a line indented no deeper than the list
 * item or key it belongs to:
 *
 * ```yaml
 * keypoints:
 * - "The shell's main advantages are its support for
 * automating repetitive tasks."
 * ```
 *
 * libyaml does not check the indentation of a quoted value's continuation
 * lines; a quoted value folds its line breaks and drops leading spaces, so
 * indenting those lines does not change the value. The repair indents them
 * (one space past the line the value starts on) and keeps a map back to the
 * offsets of the text as written. It is used only when the repaired text
 * reads without any error; anything else stays an error.
 */
import type {YAMLError} from 'yaml'

/** A repaired text, its warnings, and the way back to offsets in the text as written. */
export interface Repair {
  /** The text with the repairs made. */
  text: string
  /** One warning per repair, at the text as written. */
  warnings: Array<{reason: string; range: readonly [number, number]; severity: 'warning'}>
  /** An offset in the repaired text -> the offset in the text as written. */
  toOriginal(offset: number): number
}

const reason =
  'Unexpected quoted value continued on a line indented no deeper than its key or item, expected the line indented past it (not portable YAML: libyaml, used by Jekyll, and go-yaml, used by Hugo, read it; other YAML readers do not)'

/** At most this many quoted values are repaired in one text. */
const maxRepairs = 50

/**
 * Repair what the generators accept and `yaml` rejects, if anything, given
 * the errors of the strict reading. `undefined` when there is nothing to
 * repair. The caller parses the repaired text and uses it only when it reads
 * without error.
 */
export function repairForGenerators(text: string, errors: readonly YAMLError[]): Repair | undefined {
  let current = text
  // origin[i]: the offset in `text` of character `i` of `current` (and of its end).
  let origin = Array.from({length: text.length + 1}, (_, index) => index)
  const warnings: Repair['warnings'] = []
  const quotes = errors.filter((error) => error.code === 'MISSING_CHAR' && /Missing closing ["']quote/.test(error.message))
  if (quotes.length === 0) return undefined

  let from = 0
  for (let round = 0; round < maxRepairs; round++) {
    const found = nextUnderIndentedQuote(current, from)
    if (!found) break
    const inserts = found.lines
    let next = ''
    let last = 0
    const nextOrigin: number[] = []
    for (const [lineStart, count] of inserts) {
      next += current.slice(last, lineStart) + ' '.repeat(count)
      nextOrigin.push(...origin.slice(last, lineStart), ...Array.from({length: count}, () => origin[lineStart] ?? 0))
      last = lineStart
    }

    next += current.slice(last)
    nextOrigin.push(...origin.slice(last))
    const first = inserts[0]
    if (first) {
      const start = origin[first[0]] ?? 0
      let lineEnd = text.indexOf('\n', start)
      if (lineEnd === -1) lineEnd = text.length
      if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--
      warnings.push({reason, range: [start + indentOf(text, start), lineEnd], severity: 'warning'})
    }

    from = found.end + inserts.reduce((sum, [, count]) => sum + count, 0)
    current = next
    origin = nextOrigin
  }

  if (warnings.length === 0) return undefined
  const map = origin
  return {
    text: current,
    warnings,
    toOriginal(offset) {
      return map[Math.max(0, Math.min(offset, map.length - 1))] ?? offset
    }
  }
}

/**
 * The next quoted value from `from` that spans lines indented no deeper than
 * the line it starts on: where to insert spaces (line start, count) and the
 * offset of its closing quote.
 */
function nextUnderIndentedQuote(
  text: string,
  from: number
): {lines: Array<[number, number]>; end: number} | undefined {
  let index = from
  while (index < text.length) {
    const open = nextOpeningQuote(text, index)
    if (open === undefined) return undefined
    const close = closingQuote(text, open)
    if (close === undefined) return undefined
    const lineStart = text.lastIndexOf('\n', open) + 1
    const needed = indentOf(text, lineStart) + 1
    const lines: Array<[number, number]> = []
    let newline = text.indexOf('\n', open)
    while (newline !== -1 && newline < close) {
      const start = newline + 1
      const indent = indentOf(text, start)
      const blank = /^[ \t]*(?:\r?\n|$)/.test(text.slice(start, start + indent + 2))
      if (!blank && indent < needed) lines.push([start, needed - indent])
      newline = text.indexOf('\n', start)
    }

    if (lines.length > 0) return {lines, end: close}
    index = close + 1
  }

  return undefined
}

function indentOf(text: string, lineStart: number): number {
  let index = lineStart
  while (text.charCodeAt(index) === 32) index++
  return index - lineStart
}

/**
 * The next quote from `from` that opens a quoted value: after the start of a
 * line's content, `- `, `: `, `? `, `[`, `{` or `,`. Comments are skipped.
 */
function nextOpeningQuote(text: string, from: number): number | undefined {
  const pattern = /(^|[-:?] |[[{,])[ \t]*(["'])|#.*$/gm
  pattern.lastIndex = from
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text))) {
    if (match[2] === undefined) continue
    const at = match.index + match[0].length - 1
    // `#` starts a comment only after white space; a quote inside an unquoted value does not open.
    if (match[1] === '' && !/^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', at) + 1, at))) continue
    return at
  }

  return undefined
}

/** The offset of the quote that closes the value opened at `open`. */
function closingQuote(text: string, open: number): number | undefined {
  const quote = text.charAt(open)
  for (let index = open + 1; index < text.length; index++) {
    const char = text.charAt(index)
    if (quote === '"' && char === '\\') {
      index++
    } else if (char === quote) {
      if (quote === "'" && text.charAt(index + 1) === "'") {
        index++
      } else {
        return index
      }
    }
  }

  return undefined
}
