/**
 * The markdown link report, for a GitHub issue body or a pull request
 * comment: a summary line with counts per class, one entry per dead URL (its
 * status, since when, the archived copy, every place it is used, linked),
 * and collapsed sections for redirected, unverifiable and private (skipped)
 * URLs. It stays under GitHub's 65,536-character limit: a value longer than
 * `valueLimit` is shortened, a URL's places past `placesLimit` are counted,
 * and entries that still do not fit are left out, with a note.
 *
 * Every value from outside (URL, status, redirect target, archived copy, file
 * name) is written through `./escape.js`: it reads as text in the issue and
 * never makes a link, image, HTML, mention or reference.
 */
import {code, linkDestination, markdownMessage, markdownText, visible} from './escape.js'
import type {LinkData} from './report-context.js'
import {classOrder, countByClass, day, fileCount, linkRows, plural, type LinkRow, type Place} from './link-rows.js'

/** GitHub's limit on an issue body or comment, in characters. */
export const markdownLimit = 65_536

/** Characters of one value (a URL, say) shown before it is cut with `…`. */
export const valueLimit = 1000

/** Places listed for one URL; the rest are counted. */
export const placesLimit = 20

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
  const private_ = rows.filter((row) => row.class === 'skipped' && row.privateAddress).map(shortEntry)
  return assemble(header, {dead, redirected, unverifiable, private: private_}, limit)
}

interface Entries {
  dead: string[]
  redirected: string[]
  unverifiable: string[]
  private: string[]
}

const noEntries = (): Entries => ({dead: [], redirected: [], unverifiable: [], private: []})

/** The report with as many entries as fit in `limit` (dead ones first), and a note on the rest. */
function assemble(header: string, entries: Entries, limit: number): string {
  const full = render(header, entries, 0)
  if (full.length <= limit) return full
  // Room for the note and the two `<details>` wrappers; then entries in order until full.
  let room = limit - render(header, noEntries(), Number.MAX_SAFE_INTEGER).length - 300
  const kept = noEntries()
  let left = 0
  for (const kind of ['dead', 'redirected', 'unverifiable', 'private'] as const) {
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
    ['unverifiable', 'unverifiable URL'],
    ['private', 'URL']
  ] as const) {
    const list = entries[kind]
    if (list.length === 0) continue
    const summary = kind === 'private' ? `${plural(list.length, title)} skipped: private address (<code>--allow-private</code> checks ${list.length === 1 ? 'it' : 'them'})` : plural(list.length, title)
    lines.push('<details>', `<summary>${summary}</summary>`, '', ...list, '', '</details>', '')
  }

  if (left > 0) {
    lines.push(`> [!NOTE]`, `> ${plural(left, 'more URL')} ${left === 1 ? 'is' : 'are'} not shown, to stay under GitHub's limit of 65,536 characters; the HTML report lists them all.`, '')
  }

  return lines.join('\n')
}

/** `- \`url\`: status, since\n  - suggestion\n  - used in places`. */
function deadEntry(row: LinkRow): string {
  const lines = [`- ${value(row.url)}: ${[markdownMessage(row.status, value), markdownText(row.since)].filter(Boolean).join(', ')}`]
  if (row.suggestion) lines.push(`  - ${markdownMessage(row.suggestion, value)}`)
  lines.push(`  - used in ${places(row.places)}`)
  return lines.join('\n')
}

/** One line: `- \`url\` (status), since, suggestion: places`. */
function shortEntry(row: LinkRow): string {
  const details = [markdownText(row.since), markdownMessage(row.suggestion, value)].filter(Boolean)
  return `- ${value(row.url)} (${markdownMessage(row.status, value)})${details.length > 0 ? ', ' + details.join(', ') : ''}: ${places(row.places)}`
}

/** Links to the first `placesLimit` places, and how many more. */
function places(list: readonly Place[]): string {
  const shown = list.slice(0, placesLimit).map((place) => `[${markdownText(shorten(place.label))}](${linkDestination(shorten(place.href))})`)
  const more = list.length - shown.length
  return shown.join(', ') + (more > 0 ? ` and ${plural(more, 'more place')}` : '')
}

/** A value in a code span, cut to `valueLimit` characters with a note when longer. */
function value(text: string): string {
  const shown = visible(text)
  const cut = shorten(shown)
  return cut === shown ? code(shown) : `${code(cut)} (shortened from ${shown.length.toLocaleString('en-US')} characters)`
}

/** The first `valueLimit` characters and `…`, never half a surrogate pair. */
function shorten(text: string): string {
  if (text.length <= valueLimit) return text
  const end = /[\uD800-\uDBFF]/.test(text.charAt(valueLimit - 1)) ? valueLimit - 1 : valueLimit
  return text.slice(0, end) + '…'
}
