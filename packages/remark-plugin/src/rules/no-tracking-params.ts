/**
 * ## What is this?
 *
 * Checks that external links carry no tracking parameters: `utm_*`,
 * `fbclid`, `gclid`, `mc_cid`, … on any host, and site-specific ones such as
 * `ref`, `qid`, `sr` and `keywords` on Amazon (which also puts `ref=…` in the
 * path). They are copied along with a link from a search result or a
 * newsletter; they make links long, leak where the author came from, and
 * break link deduplication.
 *
 * The message points at the tracking parameters. The fix removes them and
 * keeps every other parameter and the `#fragment`; it is only offered when
 * the URL is written verbatim in the file (no escapes or entities).
 *
 * ## When should I use this?
 *
 * On any course material.
 *
 * ## Options
 *
 * An object:
 *
 * - `params` (`string[]`): parameters to remove on every host; `utm_*`
 *   matches a prefix; replaces the default list (`utm_*`, `fbclid`,
 *   `gclid`, `gclsrc`, `dclid`, `gbraid`, `wbraid`, `msclkid`, `mc_cid`,
 *   `mc_eid`, `_hsenc`, `_hsmi`, `__hstc`, `__hssc`, `__hsfp`, `igshid`,
 *   `igsh`, `yclid`, `twclid`, `ttclid`, `li_fat_id`, `mkt_tok`, `_ga`, `_gl`,
 *   `ref_src`, `ref_url`)
 * - `hostParams` (`Record<string, string[]>`): parameters to remove on some
 *   hosts only, merged over the defaults (Amazon, YouTube, Medium, LinkedIn,
 *   Twitter/X); a key is a host (`amazon.*` matches any top-level domain, a
 *   host also matches its subdomains); an empty list turns a default off.
 *   On these hosts a path segment `name=value` with a listed name is removed
 *   too
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (warning). Fixable.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Read [the guide](https://example.com/guide?page=2#setup) and
 *   [search jobs](https://example.com/jobs?keywords=python&ref=home).
 *
 * @example
 *   {"label": "input", "name": "tracking.md"}
 *
 *   Read [the quick reference](https://example.org/ref?utm_source=news&utm_medium=email).
 *
 *   [book]: https://www.amazon.com/Book-Title/dp/1449080340/ref=sr_1_1?ie=UTF8&qid=1532970655&sr=8-1
 *
 * @example
 *   {"label": "output", "name": "tracking.md"}
 *
 *   1:52-1:84: Unexpected tracking parameters `utm_source` and `utm_medium`, expected the URL without them
 *   3:57-3:97: Unexpected tracking parameters `ref`, `qid` and `sr`, expected the URL without them
 *
 * @example
 *   {"label": "input", "name": "config.md", "config": {"params": ["source"], "hostParams": {"amazon.*": []}}}
 *
 *   [a](https://example.com/a?source=feed&utm_source=x) [b](https://amazon.com/dp/1/?qid=1)
 *
 * @example
 *   {"label": "output", "name": "config.md"}
 *
 *   1:27-1:38: Unexpected tracking parameter `source`, expected the URL without it
 */
import type {Root} from 'mdast'
import {setFix} from '../fix.js'
import {positionAt, sourceOf} from '../position.js'
import {hostMatches, isWebUrl, parseUrl, type UrlParts} from '../url-parts.js'
import {urlsOf} from '../link-uses.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** Options of `no-tracking-params`. */
export interface Options {
  /** Parameters to remove on every host (`utm_*` matches a prefix); replaces the defaults. */
  params?: string[] | undefined
  /** Parameters to remove on some hosts only, merged over the defaults. */
  hostParams?: Record<string, string[]> | undefined
}

const id = 'no-tracking-params'

const meta: RuleMetaInput = {
  id,
  description: 'Warn on tracking parameters in external URLs (`utm_*`, `fbclid`, Amazon `ref`, `qid`, …)',
  tags: ['links'],
  fixable: true,
  presets: {recommended: 'warning', strict: 'warning'}
}

/** Parameters that only ever track, on any host. */
const defaultParams = [
  'utm_*',
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'igshid',
  'igsh',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mkt_tok',
  '_ga',
  '_gl',
  'ref_src',
  'ref_url'
]

/** Parameters that track on some hosts (and may mean something elsewhere). */
const defaultHostParams: Record<string, string[]> = {
  'amazon.*': [
    'ref',
    'ref_',
    'qid',
    'sr',
    'keywords',
    'crid',
    'sprefix',
    'dpID',
    'preST',
    'dpSrc',
    'pd_rd_*',
    'pf_rd_*',
    'dib',
    'dib_tag',
    'content-id',
    'social_share'
  ],
  'youtube.com': ['si', 'feature'],
  'youtu.be': ['si', 'feature'],
  'medium.com': ['source'],
  'linkedin.com': ['trk', 'trkInfo', 'trackingId', 'lipi', 'refId'],
  'twitter.com': ['s', 't', 'ref_src'],
  'x.com': ['s', 't', 'ref_src']
}

interface Item {
  name: string
  start: number
  end: number
}

interface Token {
  text: string
  start: number
}

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: {params: defaultParams}},
  ({tree, file, options, report}) => {
    const {params, hostParams} = readOptions(options)
    const value = sourceOf(file)
    const global = matcher(params)

    for (const use of urlsOf(tree, file)) {
      const verbatim = use.range !== undefined
      const raw = verbatim ? use.url : use.url.trim()
      const parts = parseUrl(raw)
      if (!parts || !isWebUrl(parts) || parts.host === '') continue
      const hostLists = Object.entries(hostParams)
        .filter(([host]) => hostMatches(parts.host, host))
        .flatMap(([, names]) => names)
      const local = matcher(hostLists)
      const html = use.source.startsWith('html')
      const result = analyse(raw, parts, (name) => global(name) || local(name), local, html)
      if (!result) continue

      const names = [...new Set(result.items.map((item) => item.name))]
      const reason =
        names.length === 1
          ? `Unexpected tracking parameter ${list(names)}, expected the URL without it`
          : `Unexpected tracking parameters ${list(names)}, expected the URL without them`
      const first = result.items[0]?.start ?? 0
      const last = result.items.at(-1)?.end ?? raw.length
      const place =
        use.range === undefined
          ? use.position
          : positionAt(file, use.range.start.offset + first, use.range.start.offset + last)
      const message = report(reason, {place})
      message.actual = raw.slice(first, last)
      message.expected = [result.cleaned]
      const at = use.range?.start.offset
      // A bare URL is left to the author: without its parameters it may no longer read back as one link.
      const bare = at === use.position.start.offset
      if (at !== undefined && !bare && value.slice(at, at + raw.length) === raw) {
        setFix(message, [{start: at, end: at + raw.length, text: result.cleaned}])
      }
    }
  }
)

export default rule

/** Find tracking parameters in `raw` and the URL without them. */
function analyse(
  raw: string,
  parts: UrlParts,
  isTracking: (name: string) => boolean,
  isTrackingSegment: (name: string) => boolean,
  html: boolean
): {items: Item[]; cleaned: string} | undefined {
  const items: Item[] = []
  const pathEnd = parts.queryStart === -1 ? parts.hashStart : parts.queryStart
  const segments = split(raw.slice(parts.pathStart, pathEnd), /\//g, parts.pathStart)
  const keptSegments: string[] = []
  for (const segment of segments) {
    const equals = segment.text.indexOf('=')
    const name = equals === -1 ? '' : decode(segment.text.slice(0, equals))
    if (name !== '' && isTrackingSegment(name)) {
      items.push({name, start: segment.start, end: segment.start + segment.text.length})
    } else {
      keptSegments.push(segment.text)
    }
  }

  const keptTokens: string[] = []
  let separator = '&'
  if (parts.queryStart !== -1) {
    const query = raw.slice(parts.queryStart + 1, parts.hashStart)
    const pattern = html ? /&amp;|&/g : /&/g
    separator = pattern.exec(query)?.[0] ?? '&'
    for (const token of split(query, html ? /&amp;|&/g : /&/g, parts.queryStart + 1)) {
      const equals = token.text.indexOf('=')
      const name = decode(equals === -1 ? token.text : token.text.slice(0, equals))
      if (name !== '' && isTracking(name)) {
        items.push({name, start: token.start, end: token.start + token.text.length})
      } else if (token.text !== '') {
        keptTokens.push(token.text)
      }
    }
  }

  if (items.length === 0) return undefined
  items.sort((a, b) => a.start - b.start)
  const path = keptSegments.join('/')
  const cleaned =
    raw.slice(0, parts.pathStart) +
    (path === '' && segments.length > 1 ? '/' : path) +
    (keptTokens.length > 0 ? '?' + keptTokens.join(separator) : '') +
    raw.slice(parts.hashStart)
  return {items, cleaned}
}

/** Split `value` on `pattern`, keeping the offset (plus `base`) of each part. */
function split(value: string, pattern: RegExp, base: number): Token[] {
  const tokens: Token[] = []
  let from = 0
  for (const match of value.matchAll(pattern)) {
    tokens.push({text: value.slice(from, match.index), start: base + from})
    from = match.index + match[0].length
  }

  tokens.push({text: value.slice(from), start: base + from})
  return tokens
}

function matcher(names: string[]): (name: string) => boolean {
  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const name of names) {
    const lower = name.toLowerCase()
    if (lower.endsWith('*')) prefixes.push(lower.slice(0, -1))
    else exact.add(lower)
  }

  return (name) => {
    const lower = name.toLowerCase()
    return exact.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix))
  }
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}

function list(names: string[]): string {
  const quoted = names.map((name) => '`' + name + '`')
  if (quoted.length <= 1) return quoted.join('')
  return quoted.slice(0, -1).join(', ') + ' and ' + quoted.at(-1)
}

function readOptions(options: Options | undefined): {
  params: string[]
  hostParams: Record<string, string[]>
} {
  const params = options?.params ?? defaultParams
  if (!isStringList(params)) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(params)}\` for \`params\`, expected a list of parameter names`
    )
  }

  const extra: unknown = options?.hostParams ?? {}
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(extra)}\` for \`hostParams\`, expected an object of host names to parameter lists`
    )
  }

  const hostParams: Record<string, string[]> = {...defaultHostParams}
  for (const [host, names] of Object.entries(extra)) {
    if (!isStringList(names)) {
      throw new Error(
        `Unexpected value \`${JSON.stringify(names)}\` for \`hostParams.${host}\`, expected a list of parameter names`
      )
    }

    hostParams[host] = names
  }

  return {params, hostParams}
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
