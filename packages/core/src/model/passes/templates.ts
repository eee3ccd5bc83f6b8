/**
 * Template syntax in the source: Liquid `{{ page.root }}` and `{% link x.md %}`
 * (Jekyll), Hugo shortcodes `{{< note >}}` and `{{% note %}}`. Read from the
 * source, not the tree: `{{<note>}}` reaches the tree as text around an HTML
 * tag. Code and frontmatter are left out.
 */
import type {Template} from '../checkpoint.js'
import type {TemplateSyntax} from '../../profiles.js'
import {offsets, type Document} from './document.js'
import {liquidTemplate} from './liquid.js'

/** Templates found, and their offsets (sorted) to tell what lies inside one. */
export interface Templates {
  templates: Template[]
  ranges: Array<[number, number]>
}

const patterns: Record<TemplateSyntax, RegExp> = {
  // `{{ expression }}` (not `{{<`, `{{%`) and `{% tag %}`, on one line or a few.
  liquid: liquidTemplate,
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

