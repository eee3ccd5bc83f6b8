/**
 * The default format: remark-cli's look, byte for byte what `vfile-reporter`
 * 8.1.1 prints with our options (`color`, `quiet`), made from our plain
 * messages without building VFiles.
 *
 * Ported from vfile-reporter (with vfile-sort's `compareFile` and
 * `compareMessage`, vfile-statistics and unist-util-stringify-position): only
 * what our input reaches. Left out, because the CLI never passes them: the
 * single-file mode and `defaultName` (we always pass a list of files with
 * paths), `silent`, `verbose` (URLs, notes and ancestor traces are shown only
 * with it), causes (our messages have none) and `written` files (`stored` is
 * never set).
 *
 * Columns are aligned by display width. Our cells are printable ASCII almost
 * always, and then a cell's width is its length without the escapes we add;
 * only when some cell holds anything else is `string-width` loaded (its module
 * start costs tens of milliseconds), and then it measures every cell, as
 * vfile-reporter does.
 */
import type {FileResult, LintMessage} from '../types.js'
import type {ReportContext} from './types.js'

/** The escapes of one report (all empty without colour). */
interface Style {
  bold: string
  underline: string
  normalIntensity: string
  noUnderline: string
  red: string
  cyan: string
  green: string
  yellow: string
  defaultColor: string
}

/**
 * The row of a message: its five cells (place, severity, reason, rule id,
 * source), each what is printed and then the same text without our escapes,
 * in one array (a report of 3,000 findings made six objects a row).
 */
type MessageRow = [string, string, string, string, string, string, string, string, string, string]

/** A line printed as it is, or a row of aligned cells. */
type Row = string | MessageRow

/** Cells in a row. */
const cellCount = 5

/** How many messages of each severity. */
interface Counts {
  fatal: number
  warn: number
  total: number
}

const eol = /\r?\n|\r/
const printableAscii = /^[\u0020-\u007E]*$/
/** Rule ids and sources known to be printable ASCII (they repeat in every file). */
const asciiNames = new Set<string>()
/** What `trimEnd` trims (white space and line terminators: `\s`). */
const trailingSpace = /\s$/

/** Format results like remark-cli. */
export async function stylish(results: FileResult[], context: ReportContext): Promise<string> {
  const text = await serializeRows(createRows(createStyle(context.color), results, context.quiet))
  return text === '' ? '' : text + '\n'
}

function createStyle(color: boolean): Style {
  const escape = (code: number) => (color ? `\u001B[${code}m` : '')
  return {
    bold: escape(1),
    underline: escape(4),
    normalIntensity: escape(22),
    noUnderline: escape(24),
    red: escape(31),
    cyan: escape(36),
    green: escape(32),
    yellow: escape(33),
    defaultColor: escape(39)
  }
}

/**
 * The rows of a report, and the widest plain text of each column. Written
 * with plain loops and no intermediate arrays: a report is made once per run,
 * so its code runs cold (a warm `--cache` rerun of 2,000 files prints 3,000
 * rows).
 */
interface Table {
  rows: Row[]
  /** The longest `plain` of each column. */
  lengths: number[]
  /** Whether every cell's `plain` is printable ASCII (then its width is its length). */
  ascii: boolean
  /** Whether cells have escapes (else each cell's text is its plain text). */
  color: boolean
}

/** Files by path, each with its header and message rows, then the byline. */
function createRows(style: Style, results: FileResult[], quiet: boolean): Table {
  const table: Table = {rows: [], lengths: [0, 0, 0, 0, 0], ascii: true, color: style.bold !== ''}
  const rows = table.rows
  const all: Counts = {fatal: 0, warn: 0, total: 0}
  let lastWasMessage = false

  for (const result of [...results].sort(compareFile)) {
    const messages = result.messages.length > 1 ? [...result.messages].sort(compareMessage) : result.messages
    if (quiet && messages.length === 0) continue
    // A blank line between a file's messages and the next file's header.
    if (lastWasMessage) rows.push('')
    const counts = count(messages)
    all.fatal += counts.fatal
    all.warn += counts.warn
    all.total += counts.total
    rows.push(createFileLine(style, result.path, counts))
    for (const message of messages) addMessageRows(style, message, table)
    lastWasMessage = messages.length > 0
  }

  if (all.fatal || all.warn) rows.push('', createByline(style, all))
  return table
}

function createFileLine(style: Style, path: string, counts: Counts): string {
  const color = counts.fatal ? style.red : counts.total ? style.yellow : style.green
  const name = style.underline + color + path + style.defaultColor + style.noUnderline
  return counts.total ? name : name + ': no issues found'
}

/**
 * The row of a message, then each further line of its reason as it is. As in
 * vfile-reporter, the rest starts one character after the first line break, so
 * after a `\r\n` it starts at the `\n` and an empty line follows.
 */
function addMessageRows(style: Style, message: LintMessage, table: Table): void {
  let reason = message.reason
  let rest: string[] | undefined
  if (reason.includes('\n') || reason.includes('\r')) {
    const match = eol.exec(reason)
    if (match) {
      rest = reason.slice(match.index + 1).split(eol)
      reason = reason.slice(0, match.index)
    }
  }

  const place = stringifyPosition(message.place)
  const {severity, ruleId, source} = message
  const row: MessageRow = table.color
    ? [place, place, (severity === 'error' ? style.red : style.yellow) + severity + style.defaultColor, severity, formatReason(style, reason), reason, ruleId, ruleId, source, source]
    : [place, place, severity, severity, reason, reason, ruleId, ruleId, source, source]
  const lengths = table.lengths
  for (let index = 0; index < cellCount; index++) {
    const length = (row[2 * index + 1] as string).length
    if (length > (lengths[index] as number)) lengths[index] = length
  }

  // The place (digits, `:` and `-`) and the severity are always printable ASCII.
  if (table.ascii && !(printableAscii.test(reason) && isAsciiName(ruleId) && isAsciiName(source))) table.ascii = false
  table.rows.push(row)
  if (rest) for (const line of rest) table.rows.push(line)
}

function isAsciiName(name: string): boolean {
  if (asciiNames.has(name)) return true
  if (!printableAscii.test(name)) return false
  asciiNames.add(name)
  return true
}

/** Bold reason, with code (runs between backtick fences of the same size) in cyan. */
function formatReason(style: Style, reason: string): string {
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

  let result = ''
  let textStart = 0
  for (let open = 0; open < splits.length; open++) {
    const start = splits[open]
    const closeAt = start ? splits.findIndex((split, at) => at > open && split.size === start.size) : -1
    const close = splits[closeAt]
    if (!start || !close) continue
    const codeEnd = close.index + close.size
    result += reason.slice(textStart, start.index) + style.cyan + reason.slice(start.index, codeEnd) + style.defaultColor
    textStart = codeEnd
    open = closeAt
  }

  return style.bold + result + reason.slice(textStart) + style.normalIntensity
}

/** `l:c-l:c`, a missing or zero number as `1`; no place: empty. */
function stringifyPosition(place: LintMessage['place']): string {
  if (!place) return ''
  const {start, end} = place
  return (start.line || 1) + ':' + (start.column || 1) + '-' + (end.line || 1) + ':' + (end.column || 1)
}

function createByline(style: Style, counts: Counts): string {
  let result = ''
  if (counts.fatal) {
    result = style.red + '✖' + style.defaultColor + ' ' + counts.fatal + ' error' + (counts.fatal === 1 ? '' : 's')
  }

  if (counts.warn) {
    result =
      (result ? result + ', ' : '') + style.yellow + '⚠' + style.defaultColor + ' ' + counts.warn + ' warning' + (counts.warn === 1 ? '' : 's')
  }

  return counts.total !== counts.fatal && counts.total !== counts.warn ? counts.total + ' messages (' + result + ')' : result
}

function count(messages: LintMessage[]): Counts {
  let fatal = 0
  let warn = 0
  for (const message of messages) {
    if (message.severity === 'error') fatal++
    else if (message.severity === 'warning') warn++
  }

  return {fatal, warn, total: messages.length}
}

/** vfile-sort's `compareFile`. */
function compareFile(a: FileResult, b: FileResult): number {
  return a.path.localeCompare(b.path)
}

/** vfile-sort's `compareMessage`: line, column, error before warning before info, source, rule id, reason. */
function compareMessage(a: LintMessage, b: LintMessage): number {
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

/** Lines with the cells padded to their column's width plus one, trailing spaces trimmed. */
async function serializeRows({rows, lengths, ascii, color}: Table): Promise<string> {
  let sizes = lengths
  // A cell's width: its plain text's length, or (when some cell is not printable ASCII) what a terminal shows of its text.
  let width = (row: MessageRow, index: number) => (row[2 * index + 1] as string).length
  if (!ascii) {
    const {default: stringWidth} = await import('string-width')
    width = (row, index) => stringWidth(row[2 * index] as string)
    sizes = [0, 0, 0, 0, 0]
    for (const row of rows) {
      if (typeof row === 'string') continue
      for (let index = 0; index < cellCount; index++) sizes[index] = Math.max(sizes[index] ?? 0, width(row, index))
    }
  }

  let text = ''
  let first = true
  for (const row of rows) {
    if (!first) text += '\n'
    first = false
    if (typeof row === 'string') {
      text += row.trimEnd()
      continue
    }

    // The padding after the last cell is trimmed: when that cell ends in
    // anything but white space (the source, almost always), only the padding is.
    const last = cellCount - 1
    const lastText = row[2 * last] as string
    const padLast = lastText === '' || trailingSpace.test(lastText)
    let line = ''
    for (let index = 0; index < cellCount; index++) {
      const cell = row[2 * index] as string
      if (index === last && !padLast) line += cell
      else if (ascii && !color) line += cell.padEnd((sizes[index] as number) + 1)
      else line += cell + ' '.repeat((sizes[index] as number) + 1 - width(row, index))
    }

    text += padLast ? line.trimEnd() : line
  }

  return text
}
