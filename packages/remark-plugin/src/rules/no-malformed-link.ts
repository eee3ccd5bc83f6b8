/**
 * ## What is this?
 *
 * Checks for links that markdown did not read as links, or read wrongly:
 *
 * - `[text]((https://…))`: doubled parentheses, so the URL starts with `(`
 *   and the link is broken;
 * - `[text] (https://…)`: a space between `]` and `(`, so the learner sees
 *   the brackets and the raw URL instead of a link;
 * - a bare `](` left in the text, from a link whose `[` was lost or whose URL
 *   has a space in it.
 *
 * Only prose is checked: code, inline code and HTML are not. Escaped
 * brackets (`\[text\] (…)`) are intended and are not reported, and neither
 * are templated URLs (`[text]({{ page.root }}/…)`), which a site generator
 * fills in before markdown is read.
 *
 * ## When should I use this?
 *
 * Always. These are editing mistakes that render as visible markup.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (error). The first two are
 * fixable: the fix removes the extra parentheses or the space.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Read [the guide](https://example.com/guide) (ten minutes).
 *
 *   Write links as `[text](url)`; \[draft\] (see below) is not a link.
 *
 *   See [the setup page]({{ page.root }}{% link setup.md %}).
 *
 * @example
 *   {"label": "input", "name": "malformed.md"}
 *
 *   Read [the guide]((https://example.com/guide)).
 *
 *   Read [the guide] (https://example.com/guide) first.
 *
 *   Read the guide](https://example.com/guide).
 *
 * @example
 *   {"label": "output", "name": "malformed.md"}
 *
 *   1:6-1:46: Unexpected parentheses around the URL `(https://example.com/guide)`, expected `[text](https://example.com/guide)`
 *   3:6-3:45: Unexpected space between `]` and `(`, expected a link written as `[text](url)`
 *   5:15-5:17: Unexpected `](` in text, expected a link written as `[text](url)`
 */
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {setFix} from '../fix.js'
import {nodesOfType} from '../node-index.js'
import {positionAt, sourceOf} from '../position.js'
import {proseTexts, snippetPosition} from '../prose.js'
import {urlsOf} from '../link-uses.js'
import {defineRule, type Report, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'no-malformed-link',
  description: 'Warn on broken link syntax (`[x]((url))`, `[x] (url)`, a bare `](` in text)',
  tags: ['links', 'syntax'],
  fixable: true,
  presets: {recommended: 'warning', strict: 'error'}
}

const target = String.raw`(?:https?:\/\/|mailto:|www\.|\.{1,2}\/|\/|#)[^()\s]*|[\w./-]+\.(?:md|markdown|html?|png|jpe?g|gif|svg|webp|pdf)(?:#[\w-]*)?`
const spaced = new RegExp(String.raw`!?\[[^[\]\n]+\]([ \t]+)\((?:${target})\)`, 'g')
const bare = /\]\(/g

const rule = defineRule(meta, ({tree, file, report}) => {
  for (const use of urlsOf(tree, file)) {
    if (use.source !== 'link' && use.source !== 'image') continue
    const url = use.url
    if (url.length < 3 || !url.startsWith('(') || !url.endsWith(')')) continue
    const inner = url.slice(1, -1)
    const message = report(
      `Unexpected parentheses around the URL \`${url}\`, expected \`[text](${inner})\``,
      {place: use.position}
    )
    message.actual = url
    message.expected = [inner]
    if (use.range !== undefined) {
      const {start, end} = use.range
      setFix(message, [
        {start: start.offset, end: start.offset + 1, text: ''},
        {start: end.offset - 1, end: end.offset, text: ''}
      ])
    }
  }

  for (const text of proseTexts(tree, file)) {
    const covered: Array<[number, number]> = []
    // Each pattern needs a character most texts lack: a plain search first
    // (`matchAll` copies its pattern on every call).
    const spacedFound = text.value.includes('[') ? text.value.matchAll(spaced) : []
    const bareFound = text.value.includes('](') ? text.value.matchAll(bare) : []

    for (const match of spacedFound) {
      const place = snippetPosition(file, text, match.index, match[0].length)
      covered.push([match.index, match.index + match[0].length])
      if (!place) continue
      const message = report(
        'Unexpected space between `]` and `(`, expected a link written as `[text](url)`',
        {place}
      )
      message.actual = match[0]
      const space = match[1] ?? ''
      const at = place.start.offset + match[0].indexOf(']' + space + '(') + 1
      message.expected = [match[0].replace(']' + space + '(', '](')]
      if (text.start !== undefined) setFix(message, [{start: at, end: at + space.length, text: ''}])
    }

    for (const match of bareFound) {
      if (covered.some(([start, end]) => match.index >= start && match.index < end)) continue
      // A templated URL (`[setup]({{ page.root }}/setup.md)`) is filled in before markdown runs.
      if (/^\s*(?:\{\{|\{%)/.test(text.value.slice(match.index + 2))) continue
      const place = snippetPosition(file, text, match.index, 2)
      if (!place) continue
      report('Unexpected `](` in text, expected a link written as `[text](url)`', {place})
    }
  }

  spacedBeforeLiterals(tree, file, report)
})

const spacedBefore = /!?\[[^[\]\n]+\]([ \t]+)\($/

/**
 * `[text] (https://…)` where GFM reads the URL as a bare link (autolink
 * literal): the text nodes around it no longer hold the whole pattern.
 */
function spacedBeforeLiterals(tree: Root, file: VFile, report: Report) {
  const value = sourceOf(file)
  for (const link of nodesOfType(tree, 'link')) {
    const start = link.position?.start.offset
    const end = link.position?.end.offset
    if (start === undefined || end === undefined || value.charAt(end) !== ')') continue
    const first = value.charAt(start)
    if (first === '[' || first === '<') continue
    const lineStart = value.lastIndexOf('\n', start - 1) + 1
    const match = spacedBefore.exec(value.slice(lineStart, start))
    if (!match) continue
    const from = lineStart + match.index
    const space = match[1] ?? ''
    const message = report(
      'Unexpected space between `]` and `(`, expected a link written as `[text](url)`',
      {place: positionAt(file, from, end + 1)}
    )
    message.actual = value.slice(from, end + 1)
    const at = start - 1 - space.length
    message.expected = [value.slice(from, at) + value.slice(at + space.length, end + 1)]
    setFix(message, [{start: at, end: at + space.length, text: ''}])
  }
}

export default rule
