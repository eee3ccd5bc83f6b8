/**
 * The default format, for people at a terminal: one finding per line,
 *
 *     lessons/intro.md:12:3  error  Unexpected `time` value `x`, expected …  frontmatter-schema
 *
 * `path:line:column` first, the form terminals, editors and problem matchers
 * turn into a link to the place (markdownlint-cli2 and compilers print it so;
 * ESLint's file header above bare `line:column` rows is a link in fewer
 * terminals), then the severity, the message and the rule id (the source only
 * when it is not coursemark's). Files sorted by path, each a block with its
 * columns aligned; messages by place (vfile-sort's order); clean files are not
 * listed; a last line counts the problems.
 *
 * Piped (no `columns`), each finding stays one line, whatever its length, so
 * `grep` and editors read it. At a terminal (`columns` given), the message
 * and rule id wrap to the width, continuation lines indented under the
 * message; when the path leaves the message too little room, the severity
 * and message go below the place, indented by four. Widths are display widths
 * (`string-width`, loaded only when some text is not printable ASCII). A path
 * is never broken, so only a path wider than the terminal makes a wider line.
 */
import type {FileResult, LintMessage} from '../types.js'
import type {ReportContext} from './report-context.js'

/** The escapes of one report (all empty without colour). */
interface Style {
  bold: string
  dim: string
  normalIntensity: string
  red: string
  cyan: string
  green: string
  yellow: string
  defaultColor: string
}

/** Fewest columns the message may have beside the place before it moves below it. */
const minimumMessageWidth = 30
/** Indent of a message below its place. */
const belowIndent = 4
const gap = '  '
const lineBreaks = /[ \t]*(?:\r\n|\r|\n)[ \t]*|\t/g
const printableAscii = /^[\u0020-\u007E]*$/
const controls = /[\u0000-\u001F\u007F-\u009F]/g

type Measure = (text: string) => number

/** Format results for a terminal (`context.columns`) or a pipe. */
export async function stylish(results: FileResult[], context: ReportContext): Promise<string> {
  const style = createStyle(context.color)
  const sorted = [...results].sort(compareFile)
  const measure = await measurer(sorted)
  const columns = context.columns !== undefined && context.columns > 0 ? context.columns : undefined
  const blocks: string[] = []
  const all = {error: 0, warning: 0, info: 0}

  for (const result of sorted) {
    if (result.messages.length === 0) continue
    const messages = result.messages.length > 1 ? [...result.messages].sort(compareMessage) : result.messages
    const places = messages.map((message) => placeOf(oneLine(result.path), message))
    const placeWidth = Math.max(...places.map((place) => measure(place)))
    const severityWidth = Math.max(...messages.map((message) => message.severity.length))
    const lines: string[] = []
    for (const [index, message] of messages.entries()) {
      all[message.severity]++
      const place = places[index] ?? result.path
      const severity = paint(style, message.severity) + ' '.repeat(severityWidth - message.severity.length) + gap
      const head = place + ' '.repeat(placeWidth - measure(place)) + gap
      lines.push(...messageLines(style, message, {head, severity, placeWidth, severityWidth}, columns, measure))
    }

    blocks.push(lines.join('\n'))
  }

  const total = all.error + all.warning + all.info
  if (total === 0) {
    if (context.quiet || sorted.length === 0) return ''
    return `${style.green}✔${style.defaultColor} no problems in ${sorted.length} file${sorted.length === 1 ? '' : 's'}\n`
  }

  return blocks.join('\n\n') + '\n\n' + byline(style, all, total) + '\n'
}

/** The start of a finding's line: its place and severity, padded to their columns. */
interface Head {
  head: string
  severity: string
  placeWidth: number
  severityWidth: number
}

/**
 * The lines of one finding: place, severity, message and rule id; wrapped
 * when `columns` is given, beside the place or (when the place leaves too
 * little room) below it.
 */
function messageLines(style: Style, message: LintMessage, head: Head, columns: number | undefined, measure: Measure): string[] {
  const reason = oneLine(message.reason)
  const rule = ruleName(message)
  const ruleText = rule === '' ? '' : gap + style.dim + rule + style.normalIntensity
  if (columns === undefined) return [(head.head + head.severity + formatReason(style, reason, 0, reason.length) + ruleText).trimEnd()]

  const severityColumn = head.severityWidth + gap.length
  const beside = columns - (head.placeWidth + gap.length + severityColumn) >= minimumMessageWidth
  const indent = (beside ? head.placeWidth + gap.length : belowIndent) + severityColumn
  // The rule id is wrapped as the message's last word.
  const ranges = wrap(reason + (rule === '' ? '' : gap + rule), Math.max(columns - indent, 1), measure)
  const first = beside ? head.head + head.severity : ' '.repeat(belowIndent) + head.severity
  const lines: string[] = beside ? [] : [head.head.trimEnd()]
  if (ranges.length === 0) lines.push(first.trimEnd())
  for (const [index, [start, end]] of ranges.entries()) {
    lines.push(((index === 0 ? first : ' '.repeat(indent)) + renderRange(style, reason, rule, start, end)).trimEnd())
  }

  return lines
}

/** The text `[start, end)` of `reason + gap + rule`, in colour: the reason's part bold (code cyan), the rule's part dim. */
function renderRange(style: Style, reason: string, rule: string, start: number, end: number): string {
  let text = ''
  if (start < reason.length) text += formatReason(style, reason, start, Math.min(end, reason.length))
  const ruleStart = reason.length + gap.length
  if (rule !== '' && end > reason.length) {
    const from = Math.max(start, reason.length)
    text += ' '.repeat(Math.max(0, Math.min(end, ruleStart) - from))
    if (end > ruleStart) text += style.dim + rule.slice(Math.max(0, start - ruleStart), end - ruleStart) + style.normalIntensity
  }

  return text
}

/**
 * Lines of at most `width` columns, as `[start, end)` offsets into `text`:
 * breaks at white space (dropped at the break), a word wider than a line split by
 * code point.
 */
export function wrap(text: string, width: number, measure: Measure): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const words = [...text.matchAll(/\S+/g)]
  let start = -1
  let end = -1
  let used = 0
  for (const match of words) {
    const wordStart = match.index
    const word = match[0]
    const size = measure(word)
    if (start !== -1 && used + measure(text.slice(end, wordStart)) + size <= width) {
      used += measure(text.slice(end, wordStart)) + size
      end = wordStart + word.length
      continue
    }

    if (start !== -1) ranges.push([start, end])
    if (size <= width) {
      start = wordStart
      end = wordStart + word.length
      used = size
      continue
    }

    // A word wider than the line: as much of it per line as fits.
    let pieceStart = wordStart
    let pieceWidth = 0
    let offset = wordStart
    for (const character of word) {
      const characterWidth = measure(character)
      if (pieceWidth + characterWidth > width && offset > pieceStart) {
        ranges.push([pieceStart, offset])
        pieceStart = offset
        pieceWidth = 0
      }

      pieceWidth += characterWidth
      offset += character.length
    }

    start = pieceStart
    end = offset
    used = pieceWidth
  }

  if (start !== -1) ranges.push([start, end])
  return ranges
}

/** `path:line:column` (a missing or zero number as 1), or the path for a message about the whole file. */
function placeOf(path: string, message: LintMessage): string {
  if (!message.place) return path
  return `${path}:${message.place.start.line || 1}:${message.place.start.column || 1}`
}

/** The rule id; with its source when that is not coursemark (a message of another plugin). */
function ruleName(message: LintMessage): string {
  const name = message.source === 'coursemark' || message.source === '' ? message.ruleId : `${message.source}:${message.ruleId}`
  return oneLine(name)
}

/**
 * Text on one line: line breaks and tabs as spaces (a finding is one line
 * when piped), other control characters as `\uFFFD`, so that a file's name or
 * content cannot send escape sequences to the terminal.
 */
function oneLine(text: string): string {
  return text.replace(lineBreaks, ' ').replace(controls, '\uFFFD').trim()
}

function paint(style: Style, severity: LintMessage['severity']): string {
  if (severity === 'error') return style.red + severity + style.defaultColor
  if (severity === 'warning') return style.yellow + severity + style.defaultColor
  return severity
}

/** `reason[start, end)` bold, with code (runs between backtick fences of the same size) in cyan. */
function formatReason(style: Style, reason: string, start: number, end: number): string {
  if (style.bold === '' || start >= end) return reason.slice(start, end)
  const code = codeRanges(reason)
  let text = style.bold
  let offset = start
  for (const [codeStart, codeEnd] of code) {
    if (codeEnd <= offset || codeStart >= end) continue
    const from = Math.max(codeStart, offset)
    const to = Math.min(codeEnd, end)
    text += reason.slice(offset, from) + style.cyan + reason.slice(from, to) + style.defaultColor
    offset = to
  }

  return text + reason.slice(offset, end) + style.normalIntensity
}

/** `[start, end)` of each code span of a reason, fences included. */
function codeRanges(reason: string): Array<[number, number]> {
  const splits: Array<{index: number; size: number}> = []
  let index = reason.indexOf('`')
  while (index !== -1) {
    const split = {index, size: 1}
    splits.push(split)
    while (reason.codePointAt(index + 1) === 96) {
      split.size++
      index++
    }

    index = reason.indexOf('`', index + 1)
  }

  const ranges: Array<[number, number]> = []
  for (let open = 0; open < splits.length; open++) {
    const start = splits[open]
    const closeAt = start ? splits.findIndex((split, at) => at > open && split.size === start.size) : -1
    const close = splits[closeAt]
    if (!start || !close) continue
    ranges.push([start.index, close.index + close.size])
    open = closeAt
  }

  return ranges
}

/** `✖ 3 problems (2 errors, 1 warning)`. */
function byline(style: Style, counts: Record<LintMessage['severity'], number>, total: number): string {
  const parts: string[] = []
  if (counts.error) parts.push(`${counts.error} error${counts.error === 1 ? '' : 's'}`)
  if (counts.warning) parts.push(`${counts.warning} warning${counts.warning === 1 ? '' : 's'}`)
  if (counts.info) parts.push(`${counts.info} info`)
  const mark = counts.error ? style.red + '✖' + style.defaultColor : style.yellow + '⚠' + style.defaultColor
  return `${mark} ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`
}

/** The width of text on a terminal: its length when all is printable ASCII, else what `string-width` says. */
async function measurer(results: FileResult[]): Promise<Measure> {
  const ascii = results.every(
    (result) => printableAscii.test(result.path) && result.messages.every((message) => printableAscii.test(message.reason) && printableAscii.test(ruleName(message)))
  )
  if (ascii) return (text) => text.length
  // Loaded only when needed: its module start is slow.
  const {default: stringWidth} = await import('string-width')
  return (text) => stringWidth(text)
}

function createStyle(color: boolean): Style {
  const escape = (code: number) => (color ? `\u001B[${code}m` : '')
  return {
    bold: escape(1),
    dim: escape(2),
    normalIntensity: escape(22),
    red: escape(31),
    cyan: escape(36),
    green: escape(32),
    yellow: escape(33),
    defaultColor: escape(39)
  }
}

/** vfile-sort's `compareFile`. */
function compareFile(a: FileResult, b: FileResult): number {
  return a.path.localeCompare(b.path)
}

/** vfile-sort's `compareMessage`: line, column, error before warning before info, source, rule id, reason. */
export function compareMessage(a: LintMessage, b: LintMessage): number {
  return (
    (a.place?.start.line || 0) - (b.place?.start.line || 0) ||
    (a.place?.start.column || 0) - (b.place?.start.column || 0) ||
    severityScore[a.severity] - severityScore[b.severity] ||
    a.source.localeCompare(b.source) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.reason.localeCompare(b.reason)
  )
}

const severityScore: Record<LintMessage['severity'], number> = {error: 0, warning: 1, info: 2}
