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
