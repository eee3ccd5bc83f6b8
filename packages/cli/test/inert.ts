/**
 * What a markdown report makes when GitHub renders it, for tests that feed it
 * hostile values: every node the tool did not make itself (a link, image,
 * HTML, emphasis, table, mention or `#123` reference from outside text).
 */
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {Node} from 'unist'

interface AnyNode extends Node {
  value?: string
  url?: string
  children?: AnyNode[]
}

/** HTML the markdown report writes itself: its collapsed sections. */
const ownHtml = /^(?:<details>\n<summary>[^<>`\n]*(?:<code>--allow-private<\/code>[^<>`\n]*)?<\/summary>|<\/details>)$/

/** Node types the markdown report never makes. */
const foreign = new Set(['image', 'imageReference', 'linkReference', 'definition', 'footnoteReference', 'footnoteDefinition', 'table', 'emphasis', 'delete', 'code'])

/**
 * What is wrong with a rendered report: a description per node it should
 * not hold. `isOwnLink` says which link destinations the report makes (the
 * places of each URL).
 */
export function foreignMarkup(markdown: string, isOwnLink: (url: string) => boolean): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as AnyNode
  // remark-gfm finds literal URLs and emails in a transform, not in `parse`.
  const done = unified().use(remarkParse).use(remarkGfm).runSync(tree as never) as AnyNode
  const problems: string[] = []
  const visit = (node: AnyNode) => {
    if (foreign.has(node.type)) problems.push(`${node.type} node`)
    if (node.type === 'html' && !ownHtml.test(node.value ?? '')) problems.push(`html ${JSON.stringify(node.value)}`)
    if (node.type === 'link' && !isOwnLink(node.url ?? '')) problems.push(`link to ${JSON.stringify(node.url)}`)
    if (node.type === 'heading' && !['Link report', 'Dead links'].includes(textOf(node))) problems.push(`heading ${JSON.stringify(textOf(node))}`)
    if (node.type === 'text') {
      const value = node.value ?? ''
      // GitHub's mention and reference filters run on rendered text outside code.
      if (/(?:^|[^A-Za-z0-9])@[A-Za-z0-9]/.test(value)) problems.push(`mention in ${JSON.stringify(value)}`)
      if (/#\d/.test(value) || /\bGH-\d/i.test(value)) problems.push(`reference in ${JSON.stringify(value)}`)
    }

    for (const child of node.children ?? []) visit(child)
  }

  visit(done)
  return problems
}

/** The values of the code spans of a rendered report. */
export function codeSpans(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as AnyNode
  const spans: string[] = []
  const visit = (node: AnyNode) => {
    if (node.type === 'inlineCode') spans.push(node.value ?? '')
    for (const child of node.children ?? []) visit(child)
  }

  visit(tree)
  return spans
}

function textOf(node: AnyNode): string {
  return node.value ?? (node.children ?? []).map(textOf).join('')
}
