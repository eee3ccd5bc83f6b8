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

/** A table cell: what is printed, and the same text without our escapes. */
interface Cell {
  text: string
  plain: string
}

/** A line printed as it is, or a row of aligned cells. */
type Row = string | Cell[]

/** How many messages of each severity. */
interface Counts {
  fatal: number
  warn: number
  total: number
}

const eol = /\r?\n|\r/
const printableAscii = /^[\u0020-\u007E]*$/

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

/** Files by path, each with its header and message rows, then the byline. */
function createRows(style: Style, results: FileResult[], quiet: boolean): Row[] {
  const rows: Row[] = []
  const all: LintMessage[] = []
  let lastWasMessage = false

  for (const result of [...results].sort(compareFile)) {
    const messages = [...result.messages].sort(compareMessage)
    if (quiet && messages.length === 0) continue
    all.push(...messages)
    // A blank line between a file's messages and the next file's header.
    if (lastWasMessage) rows.push('')
    rows.push(createFileLine(style, result.path, messages))
    for (const message of messages) rows.push(...createMessageRows(style, message))
    lastWasMessage = messages.length > 0
  }

  const counts = count(all)
  if (counts.fatal || counts.warn) rows.push('', createByline(style, counts))
  return rows
}

function createFileLine(style: Style, path: string, messages: LintMessage[]): string {
  const counts = count(messages)
  const color = counts.fatal ? style.red : counts.total ? style.yellow : style.green
  const name = style.underline + color + path + style.defaultColor + style.noUnderline
  return counts.total ? name : name + ': no issues found'
}

/**
 * The row of a message, then each further line of its reason as it is. As in
 * vfile-reporter, the rest starts one character after the first line break, so
 * after a `\r\n` it starts at the `\n` and an empty line follows.
 */
function createMessageRows(style: Style, message: LintMessage): Row[] {
  let reason = message.reason
  let rest: string[] = []
  const match = eol.exec(reason)
  if (match) {
    rest = reason.slice(match.index + 1).split(eol)
    reason = reason.slice(0, match.index)
  }

  const place = stringifyPosition(message.place)
  const labelColor = message.severity === 'error' ? style.red : style.yellow
  const row: Cell[] = [
    {text: place, plain: place},
    {text: labelColor + message.severity + style.defaultColor, plain: message.severity},
    {text: formatReason(style, reason), plain: reason},
    {text: message.ruleId, plain: message.ruleId},
    {text: message.source, plain: message.source}
  ]
  return [row, ...rest]
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
  const point = (value: {line: number; column: number}) => (value.line || 1) + ':' + (value.column || 1)
  return point(place.start) + '-' + point(place.end)
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
async function serializeRows(rows: Row[]): Promise<string> {
  const tables = rows.filter((row) => typeof row !== 'string')
  const width = await measure(tables)
  const sizes: number[] = []
  for (const row of tables) {
    for (const [index, cell] of row.entries()) sizes[index] = Math.max(sizes[index] ?? 0, width(cell))
  }

  return rows
    .map((row) => {
      if (typeof row === 'string') return row.trimEnd()
      return row.map((cell, index) => cell.text + ' '.repeat((sizes[index] ?? 0) + 1 - width(cell))).join('').trimEnd()
    })
    .join('\n')
}

/** The width of a cell: its plain length when every cell is printable ASCII, else `string-width` of what is printed. */
async function measure(tables: Cell[][]): Promise<(cell: Cell) => number> {
  if (tables.every((row) => row.every((cell) => printableAscii.test(cell.plain)))) return (cell) => cell.plain.length
  const {default: stringWidth} = await import('string-width')
  return (cell) => stringWidth(cell.text)
}
