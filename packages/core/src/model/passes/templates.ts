/**
 * Template syntax in the source: Liquid `{{ page.root }}` and `{% link x.md %}`
 * (Jekyll), Hugo shortcodes `{{< note >}}` and `{{% note %}}`. Read from the
 * source, not the tree: `{{<note>}}` reaches the tree as text around an HTML
 * tag. Code and frontmatter are left out.
 */
import type {Template} from '../checkpoint.js'
import type {TemplateSyntax} from '../../profiles.js'
import {offsets, type Document} from './document.js'

/** Templates found, and their offsets (sorted) to tell what lies inside one. */
export interface Templates {
  templates: Template[]
  ranges: Array<[number, number]>
}

const patterns: Record<TemplateSyntax, RegExp> = {
  // `{{ expression }}` (not `{{<`, `{{%`) and `{% tag %}`, on one line or a few.
  liquid: /\{\{(?![<%])[^{}]{0,300}?\}\}|\{%[^%]{0,300}?%\}/g,
  hugo: /\{\{<[\s\S]{0,300}?>\}\}|\{\{%[\s\S]{0,300}?%\}\}/g
}

const namePattern = /^\{[{%][<%]?-?\s*(\/?[^\s}%>]*)/

/** Read the templates of the profile's syntaxes. */
export function readTemplates(document: Document): Templates {
  const syntaxes = document.profile.templates
  if (syntaxes.length === 0 || !document.value.includes('{')) return {templates: [], ranges: []}
  const found = findTemplates(document.value, syntaxes, codeRanges(document))
  return {
    templates: found.map(({syntax, start, end, name}) => ({
      syntax,
      name,
      position: document.locator.toPosition(start, end)
    })),
    ranges: found.map(({start, end}) => [start, end])
  }
}

/** A template found in the source. */
export interface FoundTemplate {
  syntax: TemplateSyntax
  start: number
  end: number
  name: string
}

/** The templates of `syntaxes` in `value`, sorted, outside the sorted `skipped` ranges (code, frontmatter). */
export function findTemplates(value: string, syntaxes: readonly TemplateSyntax[], skipped: ReadonlyArray<[number, number]>): FoundTemplate[] {
  const found: FoundTemplate[] = []
  for (const syntax of syntaxes) {
    const pattern = patterns[syntax]
    pattern.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = pattern.exec(value))) {
      const start = match.index
      const end = start + match[0].length
      if (inside(skipped, start)) continue
      found.push({syntax, start, end, name: namePattern.exec(match[0])?.[1] ?? ''})
    }
  }

  return found.sort((a, b) => a.start - b.start)
}

/** Whether `offset` lies in one of the sorted `ranges`. */
export function inside(ranges: ReadonlyArray<[number, number]>, offset: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const range = ranges[middle]
    if (!range) break
    if (offset < range[0]) high = middle - 1
    else if (offset >= range[1]) low = middle + 1
    else return true
  }

  return false
}

/** Offsets of code, inline code and frontmatter, sorted. */
export function codeRanges(document: Document): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const type of ['code', 'inlineCode', 'yaml', 'toml'] as const) {
    for (const node of document.nodes.byType.get(type) ?? []) ranges.push(offsets(node))
  }

  return ranges.sort((a, b) => a[0] - b[0])
}

/**
 * A markdown link or image whose destination holds Liquid with spaces:
 * `[commit]({{ page.root }}{% link reference.md %}#commit)`. CommonMark
 * ends a destination at a space, so the parser leaves it as text; Jekyll
 * fills the Liquid in first, and the site has a link.
 */
const liquidLink = /(!?)\[([^[\]\n]*)\]\(((?:\{\{[^{}\n]*\}\}|\{%[^%\n]*%\}|[^\s()])+)\)/g

/** A Liquid link found in text: its text, destination and offsets in that text. */
export interface LiquidLink {
  image: boolean
  text: string
  url: string
  start: number
  end: number
}

/** The Liquid links of `text` (destinations with `{{` or `{%` only). */
export function findLiquidLinks(text: string): LiquidLink[] {
  if (!text.includes('](')) return []
  const found: LiquidLink[] = []
  liquidLink.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = liquidLink.exec(text))) {
    const url = match[3] ?? ''
    if (!url.includes('{{') && !url.includes('{%')) continue
    found.push({image: match[1] === '!', text: match[2] ?? '', url, start: match.index, end: match.index + match[0].length})
  }

  return found
}

/**
 * Heading text as the site renders it: a Liquid link becomes its text and
 * other Liquid is dropped, so no template text reaches the slug.
 */
export function withoutLiquid(text: string): string {
  let out = text
  for (const link of findLiquidLinks(text).reverse()) out = out.slice(0, link.start) + link.text + out.slice(link.end)
  return out.replace(patterns.liquid, '').replace(/\s+/g, ' ').trim()
}
