/**
 * ## What is this?
 *
 * Checks for headings written without a space after the `#` marks, such as
 * `##Setup`. CommonMark reads such a line as a paragraph, so the "heading"
 * shows as plain text with hashes and is missing from the outline.
 *
 * To stay quiet on hashtags and numbers, a line is only reported when it
 * starts a paragraph (or, with two or more marks, is a later line of one:
 * `##Heading` right under text), the character after the marks is a letter
 * (or `*`, `_`, `` ` ``, `[`), it holds no other `#word`, and it does not read
 * like a sentence (ending in `.` after more than ten words). A freeCodeCamp
 * section marker written without its space (`#--hints--`) is reported too:
 * the challenge parser no longer finds the section.
 *
 * ## When should I use this?
 *
 * Always: the author meant a heading.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * Fixable: `coursemark lint --fix` inserts the space. On in `recommended` and
 * `strict` as an error (the outline and anchors are wrong without it).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Setup
 *
 *   #1 tip: practise daily.
 *
 *   #python #data
 *
 *   # --hints--
 *
 *   #-- not a marker --
 *
 * @example
 *   {"label": "input", "name": "missing-space.md"}
 *
 *   ##Setup
 *
 *   Install Python.
 *
 *   ###**Next steps**
 *
 *   Read the manual.
 *   ##Exercises
 *   See #python too.
 *
 *   #--hints--
 *
 * @example
 *   {"label": "output", "name": "missing-space.md"}
 *
 *   1:1-1:8: Unexpected heading `##Setup` without a space after `##`, expected `## Setup`
 *   5:1-5:18: Unexpected heading `###**Next` without a space after `###`, expected `### **Next`
 *   8:1-8:12: Unexpected heading `##Exercises` without a space after `##`, expected `## Exercises`
 *   11:1-11:11: Unexpected heading `#--hints--` without a space after `#`, expected `# --hints--`
 */
import type {Root} from 'mdast'
import {setFix} from '../fix.js'
import {positionAt, sourceOf} from '../position.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'no-missing-heading-space',
  description: 'Report `##Heading` lines (no space after the `#` marks), which render as text; fixable',
  tags: ['headings', 'fixable'],
  fixable: true,
  presets: {recommended: 'error', strict: 'error'}
}

const marks = /^(#{1,6})([\p{L}*_`[])/u
/** A freeCodeCamp section marker written without its space: `#--hints--`. */
const sectionMarker = /^(#{1,6})(--[a-z][a-z-]*--)[ \t]*$/

const rule = defineRule(meta, ({tree, file, report}) => {
  const value = sourceOf(file)

  for (const node of tree.children) {
    if (node.type !== 'paragraph' || !node.position) continue
    const start = node.position.start.offset
    const end = node.position.end.offset
    if (start === undefined || end === undefined) continue
    let lineStart = start

    // Every line of a paragraph: `##Heading` right under text joins the paragraph.
    while (lineStart < end) {
      const newline = value.indexOf('\n', lineStart)
      const lineEnd = newline === -1 || newline > end ? end : newline
      const first = lineStart === start
      check(value.slice(lineStart, lineEnd).replace(/\r$/, ''), lineStart, first)
      lineStart = lineEnd + 1
    }
  }

  function check(line: string, offset: number, first: boolean) {
    const match = marks.exec(line) ?? sectionMarker.exec(line)
    if (!match) return
    const hashes = match[1] ?? ''
    // Within a paragraph, a single `#` starts a hashtag more often than a heading.
    if (!first && hashes.length < 2) return
    const text = line.slice(hashes.length)
    // Hashtags (`#python #data`) and sentences are not headings.
    if (/\s#[^\s#]/.test(text)) return
    const words = text.trim().split(/\s+/)
    if (words.length > 10 && /[.!?]$/.test(text.trim())) return

    const word = words[0] ?? ''
    const message = report(
      `Unexpected heading \`${hashes}${word}\` without a space after \`${hashes}\`, expected \`${hashes} ${word}\``,
      {place: positionAt(file, offset, offset + line.trimEnd().length)}
    )
    message.actual = hashes + word
    message.expected = [hashes + ' ' + word]
    setFix(message, [{start: offset + hashes.length, end: offset + hashes.length, text: ' '}])
  }
})

export default rule
