/**
 * What a URL as written is (`LinkKind`), apart from the parser: the site
 * resolver needs it, and a cached rerun that resolves links loads no pass of
 * the model.
 */
import type {LinkKind} from './model/checkpoint.js'

const templateSyntax = /\{\{|\{%/

/**
 * Classify a URL as written. With `templates`, a URL made of template
 * syntax (`{{ page.root }}/x`, `{% link x.md %}`) is `template`.
 */
export function linkKind(url: string, templates = false): LinkKind {
  const value = url.trim()
  if (templates && templateSyntax.test(value)) return 'template'
  if (value.startsWith('#')) return 'anchor'
  if (/^\/\//.test(value)) return 'external'
  const scheme = /^([a-zA-Z][a-zA-Z\d+.-]*):/.exec(value)
  if (!scheme) return 'relative'
  const name = scheme[1]?.toLowerCase()
  if (name === 'http' || name === 'https') return 'external'
  if (name === 'mailto') return 'mailto'
  return 'other'
}
