/**
 * The markdown link report, for a GitHub issue body or a pull request
 * comment: a summary line with counts per class, one entry per dead URL (its
 * status, since when, the archived copy, every place it is used, linked),
 * and collapsed sections for redirected and unverifiable URLs. It stays under
 * GitHub's 65,536-character limit by leaving out entries, with a note.
 */
import type {LinkData} from './types.js'
import {classOrder, countByClass, day, fileCount, linkRows, plural, type LinkRow, type Place} from './link-rows.js'

/** GitHub's limit on an issue body or comment, in characters. */
export const markdownLimit = 65_536

/** Format the link check as markdown, at most `limit` characters. */
export function markdown(data: LinkData, limit = markdownLimit): string {
  const rows = linkRows(data.results, data.sourceBase)
  const counts = countByClass(data.results)
  const parts = classOrder
    .filter((kind) => (counts.get(kind) ?? 0) > 0 || kind === 'dead')
    .map((kind, index) => (index === 0 ? `**${counts.get(kind) ?? 0} ${kind}**` : `${counts.get(kind) ?? 0} ${kind}`))
  const header = [
    '## Link report',
    '',
    `${parts.join(' · ')}: ${plural(data.results.length, 'URL')} in ${plural(fileCount(data.results), 'file')}, checked ${day(data.checkedAt)}.`,
    ''
  ].join('\n')

  const dead = rows.filter((row) => row.class === 'dead').map(deadEntry)
  const redirected = rows.filter((row) => row.class === 'redirected').map(shortEntry)
  const unverifiable = rows.filter((row) => row.class === 'unverifiable').map(shortEntry)
  return assemble(header, {dead, redirected, unverifiable}, limit)
}

interface Entries {
  dead: string[]
  redirected: string[]
  unverifiable: string[]
}

/** The report with as many entries as fit in `limit` (dead ones first), and a note on the rest. */
function assemble(header: string, entries: Entries, limit: number): string {
  const full = render(header, entries, 0)
  if (full.length <= limit) return full
  // Room for the note and the two `<details>` wrappers; then entries in order until full.
  let room = limit - render(header, {dead: [], redirected: [], unverifiable: []}, Number.MAX_SAFE_INTEGER).length - 200
  const kept: Entries = {dead: [], redirected: [], unverifiable: []}
  let left = 0
  for (const kind of ['dead', 'redirected', 'unverifiable'] as const) {
    for (const entry of entries[kind]) {
      if (left === 0 && entry.length + 1 <= room) {
        kept[kind].push(entry)
        room -= entry.length + 1
      } else {
        left++
      }
    }
  }

  return render(header, kept, left)
}

function render(header: string, entries: Entries, left: number): string {
  const lines = [header]
  lines.push('### Dead links', '')
  if (entries.dead.length === 0 && left === 0) lines.push('None: every link that was checked answered.', '')
  else if (entries.dead.length > 0) lines.push(...entries.dead, '')
  for (const [kind, title] of [
    ['redirected', 'permanently redirected URL'],
    ['unverifiable', 'unverifiable URL']
  ] as const) {
    const list = entries[kind]
    if (list.length === 0) continue
    lines.push('<details>', `<summary>${plural(list.length, title)}</summary>`, '', ...list, '', '</details>', '')
  }

  if (left > 0) {
    lines.push(`> [!NOTE]`, `> ${plural(left, 'more URL')} ${left === 1 ? 'is' : 'are'} not shown, to stay under GitHub's limit of 65,536 characters; the HTML report lists them all.`, '')
  }

  return lines.join('\n')
}

/** `- \`url\`: status, since\n  - suggestion\n  - used in places`. */
function deadEntry(row: LinkRow): string {
  const lines = [`- ${code(row.url)}: ${[row.status, row.since].filter(Boolean).join(', ')}`]
  if (row.suggestion) lines.push(`  - ${row.suggestion}`)
  lines.push(`  - used in ${places(row.places)}`)
  return lines.join('\n')
}

/** One line: `- \`url\` (status), since, suggestion: places`. */
function shortEntry(row: LinkRow): string {
  const details = [row.since, row.suggestion].filter(Boolean)
  return `- ${code(row.url)} (${row.status})${details.length > 0 ? ', ' + details.join(', ') : ''}: ${places(row.places)}`
}

function places(list: readonly Place[]): string {
  return list.map((place) => `[${escape(place.label)}](${place.href.replaceAll('(', '%28').replaceAll(')', '%29')})`).join(', ')
}

/** A code span that holds any text (a longer fence when the text has backticks). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = longest > 0 ? ' ' : ''
  return fence + pad + text + pad + fence
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&')
}
