/**
 * ## What is this?
 *
 * Checks that web links, images and embeds use `https://`. An `http://` link
 * sends learners over an insecure connection (school networks often block
 * it), and an `http://` image or `<iframe>` inside an `https://` course page
 * is mixed content that browsers block or warn about.
 *
 * Local and intranet addresses (`localhost`, `127.0.0.1`, `192.168.…`,
 * `*.local`, single-label hosts) are skipped: `https://` is not the norm
 * there. The fix is not automatic: only the author can check that the site
 * serves `https://`.
 *
 * ## When should I use this?
 *
 * On course material published on the web.
 *
 * ## Options
 *
 * An object:
 *
 * - `allowHttp` (`string[]`, default `[]`): hosts where `http://` is fine,
 *   for sites that have no `https://`. `example.com` also allows its
 *   subdomains; `example.*` allows any top-level domain.
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (warning).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   See [the docs](https://docs.python.org/3/) or run the server and open
 *   <http://localhost:8000/>.
 *
 * @example
 *   {"name": "allowed.md", "config": {"allowHttp": ["man.he.net"]}}
 *
 *   Search [the manual](http://man.he.net/).
 *
 * @example
 *   {"label": "input", "name": "http.md"}
 *
 *   Find events on [Hackathons](http://www.hackathon.io/events).
 *
 *   <iframe src="http://trinket.example.org/embed/1"></iframe>
 *
 *   [map]: HTTP://maps.example.com/campus
 *
 * @example
 *   {"label": "output", "name": "http.md"}
 *
 *   1:29-1:59: Unexpected insecure link to `www.hackathon.io`, expected an `https://` URL
 *   3:14-3:48: Unexpected insecure embed from `trinket.example.org`, expected an `https://` URL
 *   5:8-5:38: Unexpected insecure link to `maps.example.com`, expected an `https://` URL
 */
import type {Root} from 'mdast'
import {hostMatches, isLoopback, isPrivateHost, parseUrl} from '../url-parts.js'
import {urlPosition, urlsOf, type RuleLinkUse} from '../link-uses.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** Options of `prefer-https`. */
export interface Options {
  /** Hosts where `http://` is fine (`example.com` includes subdomains, `example.*` any TLD). */
  allowHttp?: string[] | undefined
}

const meta: RuleMetaInput = {
  id: 'prefer-https',
  description: 'Warn on `http://` links, images and embeds (local and intranet hosts, and `allowHttp`, excepted)',
  tags: ['links', 'security'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'}
}

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: {allowHttp: []}},
  ({tree, file, options, report}) => {
    const allowHttp = readOptions(options)

    for (const use of urlsOf(tree, file)) {
      const parts = parseUrl(use.url.trim())
      if (!parts || parts.scheme !== 'http' || parts.host === '') continue
      const {host} = parts
      if (isLoopback(host) || isPrivateHost(host)) continue
      if (allowHttp.some((pattern) => hostMatches(host, pattern))) continue
      const message = report(
        `Unexpected insecure ${noun(use)} \`${host}\`, expected an \`https://\` URL`,
        {place: urlPosition(use)}
      )
      message.actual = use.url
      message.expected = ['https:' + use.url.trim().slice(use.url.trim().indexOf(':') + 1)]
    }
  }
)

export default rule

function noun(use: RuleLinkUse): string {
  if (use.source === 'image' || use.source === 'html-image') return 'image from'
  if (use.source === 'html-embed') return 'embed from'
  return 'link to'
}

function readOptions(options: Options | undefined): string[] {
  const allowHttp = options?.allowHttp ?? []
  if (!Array.isArray(allowHttp) || !allowHttp.every((item) => typeof item === 'string')) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(allowHttp)}\` for \`allowHttp\`, expected a list of host names`
    )
  }

  return allowHttp
}
