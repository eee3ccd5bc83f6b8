/** Read start tags out of raw HTML, without a DOM: enough for links, images and embeds. */

/** A start tag found in raw HTML. */
export interface HtmlTag {
  /** Lower-cased element name. */
  name: string
  attributes: {[name: string]: string}
  /** Offset of `<` within the HTML. */
  index: number
  /** The tag's source text. */
  source: string
}

const tagPattern =
  /<([a-zA-Z][\w:.-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g
const attributePattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

/** Every start tag in `html`, in order. */
export function readTags(html: string): HtmlTag[] {
  const tags: HtmlTag[] = []
  tagPattern.lastIndex = 0
  let match: RegExpExecArray | null

  while ((match = tagPattern.exec(html))) {
    const attributes: {[name: string]: string} = {}
    const raw = match[2] ?? ''
    attributePattern.lastIndex = 0
    let attribute: RegExpExecArray | null
    while ((attribute = attributePattern.exec(raw))) {
      const name = (attribute[1] ?? '').toLowerCase()
      Object.defineProperty(attributes, name, {
        value: attribute[2] ?? attribute[3] ?? attribute[4] ?? '',
        enumerable: true,
        writable: true,
        configurable: true
      })
    }

    tags.push({
      name: (match[1] ?? '').toLowerCase(),
      attributes,
      index: match.index,
      source: match[0]
    })
  }

  return tags
}

const attributeIndices = new RegExp(attributePattern.source, 'dg')

/**
 * Where the value of attribute `name` is written in the start tag that is
 * exactly `value.slice(start, end)`: its offsets in `value` (inside the
 * quotes, if any), or `undefined` when that span is not one start tag or has
 * no such value. When an attribute is repeated, the last one counts, as in
 * `readTags`.
 *
 * @example
 *   htmlValueRange('<a href="x.md">', 0, 15, 'href') // [9, 13]
 */
export function htmlValueRange(value: string, start: number, end: number, name: string): [number, number] | undefined {
  const source = value.slice(start, end)
  tagPattern.lastIndex = 0
  const tag = tagPattern.exec(source)
  if (!tag || tag.index !== 0 || tag[0].length !== source.length) return undefined
  const base = start + 1 + (tag[1] ?? '').length
  let found: [number, number] | undefined
  attributeIndices.lastIndex = 0
  let attribute: RegExpExecArray | null
  while ((attribute = attributeIndices.exec(tag[2] ?? ''))) {
    if ((attribute[1] ?? '').toLowerCase() !== name) continue
    const at = attribute.indices?.[2] ?? attribute.indices?.[3] ?? attribute.indices?.[4]
    found = at ? [base + at[0], base + at[1]] : undefined
  }

  return found
}

/** Elements that embed content in a page. */
export const embedElements = new Set([
  'iframe',
  'video',
  'audio',
  'object',
  'embed',
  'script',
  'canvas',
  'svg',
  'math',
  'form'
])

/** Standard HTML elements that only format text: not embeds. */
export const formattingElements = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br',
  'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn',
  'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'label', 'li', 'main', 'mark',
  'nav', 'ol', 'p', 'picture', 'pre', 'q', 's', 'samp', 'section', 'small', 'source',
  'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'time', 'tr', 'track', 'tt', 'u', 'ul', 'var', 'wbr', 'input', 'button',
  'select', 'option', 'textarea', 'link', 'meta', 'style', 'head', 'body', 'html', 'title'
])
