/**
 * What the markdown and HTML link reports share: the order of classes,
 * counts, each URL's status, since when, suggestion, and places.
 */
import {archivedCopy, deadSince, type LinkClass, type UrlResult} from '../links/index.js'
import {code} from './escape.js'

/** Classes, worst first: the order of counts, sections and rows. */
export const classOrder: readonly LinkClass[] = ['dead', 'redirected', 'unverifiable', 'ok', 'skipped']

/** One place a URL is written. */
export interface Place {
  file: string
  /** `lessons/a.md:3:5` (or just the path without a position). */
  label: string
  /** Link to the line: `<sourceBase>lessons/a.md#L3`. */
  href: string
}

/** A URL as the reports show it. */
export interface LinkRow {
  url: string
  class: LinkClass
  /** The status or error as written in messages (may hold `code` in backticks). */
  status: string
  /** "dead since 2026-11-02 (3 checks)", "unverifiable since 2026-11-02", or `''`. */
  since: string
  /** "archived copy: `<url>` from 2019-03-02", "moved to `<url>`", or `''` (values in code spans, as in `status`). */
  suggestion: string
  places: Place[]
  /** A `skipped` URL whose host is a private address (`--allow-private` checks it). */
  privateAddress: boolean
}

/** Counts per class, in `classOrder`. */
export function countByClass(results: readonly UrlResult[]): Map<LinkClass, number> {
  const counts = new Map<LinkClass, number>(classOrder.map((kind) => [kind, 0]))
  for (const result of results) counts.set(result.class, (counts.get(result.class) ?? 0) + 1)
  return counts
}

/** Rows in `classOrder`, then by URL. */
export function linkRows(results: readonly UrlResult[], sourceBase: string): LinkRow[] {
  const rank = (kind: LinkClass) => classOrder.indexOf(kind)
  return [...results]
    .sort((a, b) => rank(a.class) - rank(b.class) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .map((result) => ({
      url: result.url,
      class: result.class,
      status: result.reason,
      since: sinceOf(result),
      suggestion: suggestionOf(result),
      places: placesOf(result, sourceBase),
      privateAddress: result.privateAddress === true
    }))
}

/** The files the results are used in. */
export function fileCount(results: readonly UrlResult[]): number {
  return new Set(results.flatMap((result) => result.occurrences.map((occurrence) => occurrence.file ?? ''))).size
}

/** `YYYY-MM-DD` (UTC) of a time in ms. */
export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** "1 URL", "3 URLs". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function sinceOf(result: UrlResult): string {
  if (result.class === 'dead' && result.history) return deadSince(result.history)
  if (result.class === 'unverifiable' && result.unverifiableSince) return `unverifiable since ${result.unverifiableSince.slice(0, 10)}`
  return ''
}

function suggestionOf(result: UrlResult): string {
  if (result.class === 'dead' && result.archive?.copy) return archivedCopy(result.archive.copy)
  if (result.class === 'redirected' && result.redirectedTo) return `moved to ${code(result.redirectedTo)}`
  return ''
}

function placesOf(result: UrlResult, sourceBase: string): Place[] {
  return result.occurrences.map((occurrence) => {
    const file = occurrence.file ?? ''
    const start = occurrence.position?.start
    const path = file.split('/').map(encodeURIComponent).join('/')
    return {
      file,
      label: start ? `${file}:${start.line}:${start.column}` : file,
      href: sourceBase + path + (start ? `#L${start.line}` : '')
    }
  })
}
