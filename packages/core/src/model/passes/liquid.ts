/**
 * Liquid (Jekyll) in markdown: its template syntax, and links whose
 * destination is Liquid. Shared by the template pass, the headings and the
 * link reader; imports nothing, so any pass may use it.
 */

/** `{{ expression }}` (not `{{<`, `{{%`) and `{% tag %}`, on one line or a few. */
export const liquidTemplate = /\{\{(?![<%])[^{}]{0,300}?\}\}|\{%[^%]{0,300}?%\}/g

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
  return out.replace(liquidTemplate, '').replace(/\s+/g, ' ').trim()
}
