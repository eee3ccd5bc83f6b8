/**
 * ## What is this?
 *
 * Checks that no paragraph of substantial length appears twice in a
 * checkpoint. A repeated paragraph is almost always a copy-paste left over
 * from restructuring a lesson, and learners read it twice.
 *
 * Paragraphs are compared by their text with white space collapsed
 * (formatting, link URLs and image alt text ignored, so the same figure shown
 * twice is not reported). The message names the first place,
 * which is also the message's `cause`. In a format that writes them, format
 * markup is not prose: the fences of pandoc fenced divs (`:::::::`), kramdown
 * attribute lists (`{: .output}`) and template tags (`{% include links.md %}`)
 * may repeat.
 *
 * ## When should I use this?
 *
 * On lessons that are edited over time.
 *
 * ## Options
 *
 * An object:
 *
 * - `minLength` (`number`, default `80`): shorter paragraphs (a repeated
 *   "Try it yourself." or a caption) are not compared.
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (warning).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Try it yourself.
 *
 *   ## Part two
 *
 *   Try it yourself.
 *
 * @example
 *   {"label": "input", "name": "duplicate.md"}
 *
 *   Networking is how most people find their first job in tech, so start early and keep at it.
 *
 *   ## Why network?
 *
 *   Networking is how most people find their *first job* in tech, so start early and keep at it.
 *
 * @example
 *   {"label": "output", "name": "duplicate.md"}
 *
 *   5:1-5:93: Unexpected duplicate paragraph, expected it only once (first at 1:1-1:91)
 *
 * @example
 *   {"label": "input", "name": "short.md", "config": {"minLength": 10}}
 *
 *   Try it yourself.
 *
 *   > Try   it yourself.
 *
 * @example
 *   {"label": "output", "name": "short.md"}
 *
 *   3:3-3:21: Unexpected duplicate paragraph, expected it only once (first at 1:1-1:17)
 */
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {VFileMessage} from 'vfile-message'
import {isMarkupParagraph, markupLines} from '../format-syntax.js'
import {getModel} from '../file-model.js'
import {positionAt} from '../position.js'
import {formatPlace} from '../util.js'
import {nodesOfType} from '../node-index.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** Options of `no-duplicate-paragraph`. */
export interface Options {
  /** Paragraphs shorter than this many characters are not compared (default `80`). */
  minLength?: number | undefined
}

const id = 'no-duplicate-paragraph'

const meta: RuleMetaInput = {
  id,
  description: 'Warn on a long paragraph that appears twice',
  tags: ['content'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'}
}

/** Paragraphs shorter than this are not compared, by default. */
const defaultMinLength = 80

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: {minLength: defaultMinLength}},
  ({tree, file, options, report}) => {
    const minLength = readOptions(options)
    // Offsets of each paragraph's first place; positions only for what is reported.
    const seen = new Map<string, [number, number]>()
    let markup: Set<number> | undefined

    for (const node of nodesOfType(tree, 'paragraph')) {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      // The text is never longer than its source: skip short paragraphs unread.
      if (start === undefined || end === undefined || end - start < minLength) continue
      const text = collapseSpace(toString(node, {includeImageAlt: false}))
      if (text.length < minLength) continue
      markup ??= markupLines(getModel(tree, file).checkpoint, file)
      if (isMarkupParagraph(node, markup)) continue
      const firstAt = seen.get(text)
      if (!firstAt) {
        seen.set(text, [start, end])
        continue
      }

      const place = positionAt(file, start, end)
      const first = positionAt(file, firstAt[0], firstAt[1])
      const message = report(
        `Unexpected duplicate paragraph, expected it only once (first at ${formatPlace(first)})`,
        {
          place,
          cause: new VFileMessage('First occurrence of the paragraph', {
            place: first,
            ruleId: id,
            source: 'coursemark'
          })
        }
      )
      message.actual = text
    }
  }
)

export default rule

/**
 * White space collapsed to one space, trimmed: what `.replace(/\s+/g, ' ')
 * .trim()` gives, without the replace where no white space but single spaces
 * is there (a replace builds its result from every match, one a word).
 */
export function collapseSpace(text: string): string {
  return (otherSpace.test(text) ? text.replace(/\s+/g, ' ') : text).trim()
}

/** White space other than one space between non-space characters. */
const otherSpace = /[^\S ]| {2}/

function readOptions(options: Options | undefined): number {
  const minLength = options?.minLength ?? defaultMinLength
  if (typeof minLength !== 'number' || !Number.isFinite(minLength) || minLength < 1) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(minLength)}\` for \`minLength\`, expected a positive number of characters`
    )
  }

  return minLength
}
