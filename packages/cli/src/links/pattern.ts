/**
 * URL patterns of `exclude` (`links.skip` in the config): a URL prefix in
 * which `*` matches any run of characters. A config in a pull request is
 * untrusted, so a pattern is matched without backtracking: each literal part
 * is found with `indexOf` after the end of the previous one (the leftmost
 * place is always the right one, since `*` matches anything and the pattern
 * is a prefix), in O(pattern × URL) time at worst, never more.
 */

/**
 * A test for one wildcard prefix pattern.
 *
 * @example
 *   wildcardPrefix('*://*.internal/')('https://wiki.internal/page') // true
 *   wildcardPrefix('https://www.linkedin.com/')('https://linkedin.com/') // false
 */
export function wildcardPrefix(pattern: string): (text: string) => boolean {
  const [first = '', ...rest] = pattern.split('*')
  const parts = rest.filter((part) => part !== '')
  return (text) => {
    if (!text.startsWith(first)) return false
    let from = first.length
    for (const part of parts) {
      const index = text.indexOf(part, from)
      if (index === -1) return false
      from = index + part.length
    }

    return true
  }
}
