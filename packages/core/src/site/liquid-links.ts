/**
 * Jekyll's Liquid in link destinations, as the built site has it: used by
 * the link resolver for the `jekyll` flavour, without the Jekyll site
 * builder (and the YAML reader it loads).
 */
import type {Site} from './types.js'

/** `{{ page.root }}`, `{{ site.root }}`, `{{ site.baseurl }}`: the way back to the site root, written before a root-relative path. */
const rootVariable = /\{\{-?\s*(?:page\.root|site\.root|site\.baseurl|relative_root_path)\s*-?\}\}/g

/** `{% link path %}`: the URL of the source file `path` (from the site root). */
const linkTag = /\{%-?\s*link\s+(\S+?)\s*-?%\}/g

/**
 * A link destination written with Liquid, as Jekyll outputs it: `{% link P %}`
 * becomes the URL of `P`, the root variables the site root. `{file}` when
 * the link names a file that has no page URL (a missing file, an image):
 * the link then leads to that file as written. `undefined` when Liquid is
 * left that Jekyll alone can fill in.
 */
export function expandLiquid(site: Site, value: string): {url: string} | {file: string; rest: string} | undefined {
  let file: string | undefined
  let rest = ''
  let url = value.replace(linkTag, (whole, path: string, offset: number) => {
    const published = site.files[path]?.url
    if (published !== undefined) return published
    file ??= path
    rest = value.slice(offset + whole.length)
    return ''
  })
  if (file !== undefined) return {file, rest}
  url = url.replace(rootVariable, '/')
  if (url.includes('{{') || url.includes('{%')) return undefined
  // `{{ page.root }}/x/` and `{{ page.root }}{% link x.md %}` give one `/` too many.
  return {url: url.replace(/^\/{2,}/, '/')}
}
