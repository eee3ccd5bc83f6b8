/**
 * Syntax of curriculum formats that is not markdown, as the rules meet it:
 * lines that are markup (pandoc fenced div fences `::: challenge`, kramdown
 * attribute lists `{: .callout}`, template tags `{% include links.md %}`)
 * and anchors set by markup (`{: #id}`, `{#id}`, `[term]{#term}`,
 * `<span id>`, Hugo shortcodes with an `id` or `name`). Rules use it so that
 * they never report format syntax as prose, links or missing anchors.
 */
import {getProfile, type Checkpoint} from '@coursemark/core'
import GithubSlugger from 'github-slugger'
import type {Paragraph} from 'mdast'
import type {VFile} from 'vfile'
import {sourceOf} from './position.js'

/** A kramdown attribute list on its own line: `{: .language-bash}`, `{: #setup}`. */
const attributeLine = /^ {0,3}\{:[^{}\n]*\}[ \t]*$/

/** An attribute list, bounded so that hostile lines stay linear: `{: #id}`, `{#id .class}` (also after `[text]`). */
const attributeList = /\{(:?[ \t]*[#.\w][^{}\n]{0,300}?)\}/g
/** The `#id` of an attribute list's content. */
const attributeId = /(?:^:?|[ \t])[ \t]*#([\w:.-]+)/
/** HTML `id` and `name` attributes. */
const htmlAnchor = /\s(?:id|name)\s*=\s*["']?([^"'\s>]+)/gi
/** Hugo shortcodes, whose `id` or `name` parameter becomes an anchor (`{{< tabs name="Example" >}}`). */
const shortcode = /\{\{[<%][^\n]{0,300}?[>%]\}\}/g
const shortcodeName = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>%]+))/g

const markupCache = new WeakMap<VFile, Set<number>>()

/**
 * The lines (1-based) of a file that are format markup, read from its model:
 * the fences of fenced divs (`::::: challenge`, `:::`), the block class that
 * ends a kramdown div (`{: .challenge}`), lines made only of template tags
 * (`{% include links.md %}`, `{{< /tabs >}}`), and kramdown attribute lines
 * (`{: .language-bash}`) in formats that write them.
 */
export function markupLines(checkpoint: Checkpoint, file: VFile): Set<number> {
  const cached = markupCache.get(file)
  if (cached) return cached
  const lines = new Set<number>()
  for (const div of checkpoint.divs) {
    if (div.syntax === 'fenced') lines.add(div.position.start.line)
    lines.add(div.position.end.line)
  }

  const texts = sourceOf(file).split(/\r?\n|\r/)
  const rest = new Map<number, string>()
  for (const template of checkpoint.templates) {
    const {start, end} = template.position
    if (start.line !== end.line) continue
    const line = rest.get(start.line) ?? texts[start.line - 1] ?? ''
    const written = sourceOf(file).slice(start.offset, end.offset)
    rest.set(start.line, line.replace(written, ''))
  }

  for (const [line, left] of rest) if (left.trim() === '') lines.add(line)
  if (getProfile(checkpoint.format).attributes.includes('kramdown')) {
    for (const [index, text] of texts.entries()) if (attributeLine.test(text)) lines.add(index + 1)
  }

  markupCache.set(file, lines)
  return lines
}

/** Whether every line of a paragraph is format markup (see `markupLines`). */
export function isMarkupParagraph(node: Paragraph, lines: ReadonlySet<number>): boolean {
  const start = node.position?.start.line
  const end = node.position?.end.line
  if (start === undefined || end === undefined) return false
  for (let line = start; line <= end; line++) if (!lines.has(line)) return false
  return true
}

/**
 * Anchors set by markup: `ids` as written; `numbered` made by Hugo shortcodes
 * from an `id` or `name` parameter, which also number their parts
 * (`{{< tabs name="Example" >}}` makes `#example`, `#example-1`, ...).
 */
export interface MarkupAnchors {
  ids: Set<string>
  numbered: Set<string>
}

/** Add the anchors a piece of markdown sets with markup: attribute lists, HTML ids, Hugo shortcode names. */
export function addAnchors(anchors: MarkupAnchors, text: string): void {
  if (text.includes('{')) {
    for (const match of text.matchAll(attributeList)) {
      const id = attributeId.exec(match[1] ?? '')?.[1]
      if (id) anchors.ids.add(id)
    }

    for (const match of text.matchAll(shortcode)) {
      for (const anchor of shortcodeAnchors(match[0])) anchors.numbered.add(anchor)
    }
  }

  if (text.includes('=')) {
    for (const match of text.matchAll(htmlAnchor)) if (match[1]) anchors.ids.add(match[1])
  }
}

/** The anchor a shortcode's `id` or `name` parameter makes, slugged as Hugo's `anchorize` does. */
function shortcodeAnchors(tag: string): string[] {
  const anchors: string[] = []
  for (const match of tag.matchAll(shortcodeName)) {
    const value = match[1] ?? match[2] ?? match[3] ?? ''
    if (value !== '') anchors.push(new GithubSlugger().slug(value))
  }

  return anchors
}

/** Whether markup sets `anchor` (a shortcode's anchor, or one of its numbered parts). */
export function hasMarkupAnchor(anchors: MarkupAnchors, anchor: string): boolean {
  if (anchors.ids.has(anchor) || anchors.numbered.has(anchor)) return true
  const numbered = /^(.+)-\d+$/.exec(anchor)
  return numbered?.[1] !== undefined && anchors.numbered.has(numbered[1])
}

/**
 * Whether the brackets from `open` (the `[`) to `close` (after the `]`) are
 * format syntax rather than a reference: a pandoc span or attribute list
 * (`[term]{#term}`), a link whose URL is a template
 * (`[setup]({{ page.root }}/setup.html)`, `[x]({{< ref "x" >}})`), a tab
 * label of a Hugo shortcode (`===[[Answer]]===`), or a GitHub alert
 * (`> [!TIP]`).
 */
export function isBracketSyntax(value: string, open: number, close: number): boolean {
  const after = value.slice(close, close + 4)
  if (after.startsWith('{') || /^\(\s*\{[{%]/.test(after)) return true
  if (value.startsWith('===[[', open - 3) || value.startsWith('===[[', open - 4)) return true
  const lineStart = value.lastIndexOf('\n', open - 1) + 1
  return value.charCodeAt(open + 1) === 33 /* `!` */ && /^[ \t]*(?:>[ \t]*)+$/.test(value.slice(lineStart, open))
}

/** Whether a file includes other files with a template tag (`{% include links.md %}`), so definitions may come from there. */
export function hasTemplateInclude(value: string): boolean {
  return /\{%-?\s*include(?:_relative)?\s/.test(value)
}
