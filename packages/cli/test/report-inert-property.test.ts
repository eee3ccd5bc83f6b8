/**
 * The markdown link report, fed random hostile values (backticks, brackets,
 * parentheses, line breaks, `@`, `#`, `<`, `|`, bidi controls) as URLs,
 * redirect targets, statuses, archive answers and file names, rendered with
 * remark-gfm as GitHub would: it holds no mention, reference, link, image or
 * HTML that the report did not make, and every value stays in its code span.
 */
import fc from 'fast-check'
import type {UrlResult} from '../src/links/index.js'
import {describe, expect, it} from 'vitest'
import {markdown} from '../dist/reporters/markdown.js'
import {codeSpans, foreignMarkup} from './inert.js'

/** Pieces that mean something to markdown or GitHub, and some plain ones. */
const pieces = [
  '`', '``', '[', ']', '(', ')', '!', '<', '>', '|', '\\', '*', '_', '~', '&', '$', ':', '/', '.', '-', ' ', '=',
  '\n', '\r', '\t', '\u202E', '\u2066', '\u200F', '\u0000',
  '@', '#', '@everyone', '@octo-org/team', '#123', 'GH-7', 'www.', 'https://', 'javascript:',
  '<details>', '</details>', '<img src=x>', '&#64;', '![t](https://t.example/p.png)', '[x](https://x.example)',
  'a', 'b', '1', '2', 'é', '😀'
]
const hostile = fc.array(fc.constantFrom(...pieces), {maxLength: 12}).map((parts) => parts.join(''))

const day = '2026-11-02T06:00:00.000Z'

/** A code span that fits its value, as the link check writes one. */
function code(value: string): string {
  const fence = '`'.repeat(Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  return `${fence} ${value} ${fence}`
}

function results(url: string, target: string, status: string, copy: string, file: string): UrlResult[] {
  const occurrences = [{url, file, position: {start: {line: 3, column: 5, offset: 40}, end: {line: 3, column: 50, offset: 85}}}]
  const base = {attempts: 1, requests: 1, checkedAt: day, fromCache: false, occurrences}
  return [
    // As the link check writes reasons: values in code spans that fit them.
    {...base, url: `https://a.example/${url}`, class: 'dead', reason: `\`404 Not Found\` after a redirect to ${code(target)}`, history: {firstFailedAt: day, failedChecks: 2}, archive: {checkedAt: day, copy: {url: copy, timestamp: '20190302101500'}}},
    // A reason as an older cache may hold it: a value in plain backticks, or no backticks at all.
    {...base, url: `https://b.example/${url}`, class: 'dead', reason: `\`404\` after a redirect to \`${target}\``},
    {...base, url: `https://c.example/${url}`, class: 'unverifiable', reason: status, unverifiableSince: day},
    {...base, url: `https://d.example/${url}`, class: 'redirected', status: 301, redirectedTo: target, reason: '`301 Moved Permanently`'},
    {...base, url, class: 'skipped', reason: `private address ${code(status)}`, privateAddress: true}
  ]
}

/** The report's own links: to line 3 of the (encoded) file. */
function ownLink(file: string) {
  const href = file.split('/').map(encodeURIComponent).join('/') + '#L3'
  return (url: string) => url === href.replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/g, (character) => encodeURIComponent(character).replace('(', '%28').replace(')', '%29'))
}

describe('the markdown report of hostile values', () => {
  it('renders no mention, reference, link, image or HTML it did not make', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, (url, target, status, copy, file) => {
        const text = markdown({results: results(url, target, status, copy, file), checkedAt: Date.UTC(2026, 10, 28), sourceBase: ''})
        expect(foreignMarkup(text, ownLink(file))).toEqual([])
        // Five entries, each one list item: no value started a line of its own.
        expect(text.match(/^- /gm)).toHaveLength(5)
      }),
      {numRuns: 120}
    )
  })

  it('keeps every value from outside whole in one code span', () => {
    fc.assert(
      // A code span of spaces only keeps them all (CommonMark strips none), so its padding would show.
      fc.property(hostile.filter((value) => value.trim() !== ''), hostile.filter((value) => value.trim() !== ''), (target, copy) => {
        const text = markdown({results: results('x', target, '`500`', copy, 'a.md'), checkedAt: Date.UTC(2026, 10, 28), sourceBase: ''})
        const spans = codeSpans(text)
        const shown = (value: string) => value.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g, (character) => {
          if (character === '\n') return '\\n'
          if (character === '\r') return '\\r'
          if (character === '\t') return '\\t'
          return `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`
        })
        expect(spans).toContain(shown(target))
        expect(spans).toContain(shown(copy))
      }),
      {numRuns: 80}
    )
  })
})
