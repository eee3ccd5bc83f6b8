/**
 * ## What is this?
 *
 * Checks for links that learners cannot open: edit and sharing links to
 * private documents (Google Docs, Sheets and Slides `/edit` pages,
 * `usp=sharing` links, Drive folders), workspace chat (Slack channels and
 * messages, Microsoft Teams, Discord channels), Google Workspace links of one
 * organisation (`docs.google.com/a/<domain>/…`), local or intranet addresses
 * (`localhost`, `127.0.0.1`, `10.…`, `192.168.…`, single-label hosts such as
 * `http://wiki/`, `*.local`, `*.internal`, `*.corp`), and `file:` URLs.
 *
 * A Google Drive `/view` link or a published document (`/pub`) is not
 * reported: those are how a document is shared with everyone. Neither is a
 * local address shown as its own link text (`<http://localhost:3000>`): that
 * is an address learners open on their own machine, while
 * `[the admin page](http://localhost:4000/admin)` is a link copied from the
 * author's preview.
 *
 * ## When should I use this?
 *
 * On material that learners outside the authors' organisation read. Authors
 * copy links from their own browser, where every document opens.
 *
 * ## Options
 *
 * An object:
 *
 * - `patterns` (`Array<{host, path?, description, suggestion?, allowShown?}>`, default
 *   `[]`): more links to report, checked after the built-in ones. `host` and
 *   `path` are regular expressions (as strings, matched case-insensitively);
 *   `host` is matched against the lower-cased host name, `path` against
 *   everything after the host (path, query and fragment). `description`
 *   names what the link points to ("our Grafana dashboard") and
 *   `suggestion` what to link instead; `allowShown: true` skips links whose
 *   text is their own address. A pattern that is not a valid regular
 *   expression is reported as an error naming the option.
 * - `defaults` (`boolean`, default `true`): `false` drops the built-in
 *   patterns and the `file:` check.
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (error): a document shared "with
 * anyone who has the link" may open after all, so only the author can tell.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Read the [published notes](https://docs.google.com/document/d/1AbC/pub)
 *   and the [slides](https://drive.google.com/file/d/1XyZ/view); ask on
 *   [the forum](https://forum.example.com/c/help).
 *
 * @example
 *   {"label": "input", "name": "private.md"}
 *
 *   Add your name to the [tracker](https://docs.google.com/spreadsheets/d/1AbC/edit?usp=sharing).
 *
 *   Ask in [#help](https://example.slack.com/archives/C024BE91L) or open
 *   [the dashboard](http://grafana.corp/d/abc).
 *
 *   Start the server and open <http://localhost:3000>, not
 *   [the admin page](http://localhost:4000/admin).
 *
 *   ![Diagram](file:///Users/me/Desktop/diagram.png)
 *
 * @example
 *   {"label": "output", "name": "private.md"}
 *
 *   1:22-1:93: Unexpected link to a private Google Sheets edit page, expected a link students can open (a published or view link)
 *   3:8-3:61: Unexpected link to a Slack workspace, expected a link students can open (a public page, or the content itself)
 *   4:1-4:43: Unexpected link to an intranet host, expected a link students can open (a public URL)
 *   7:1-7:46: Unexpected link to a local address, expected a link students can open (a public URL, or the address itself as the link text)
 *   9:1-9:49: Unexpected image from a file on the author's computer, expected a link students can open (a file next to the checkpoint, or a public URL)
 *
 * @example
 *   {"label": "input", "name": "custom.md", "config": {"defaults": false, "patterns": [{"host": "^grafana\\.example\\.com$", "path": "^/d/", "description": "our Grafana dashboard", "suggestion": "a screenshot"}]}}
 *
 *   See [the dashboard](https://grafana.example.com/d/abc) and [a doc](https://docs.google.com/document/d/1/edit).
 *
 * @example
 *   {"label": "output", "name": "custom.md"}
 *
 *   1:5-1:55: Unexpected link to our Grafana dashboard, expected a link students can open (a screenshot)
 *
 * @example
 *   {"label": "input", "name": "bad-pattern.md", "config": {"patterns": [{"host": "(", "description": "x"}]}}
 *
 *   Text.
 *
 * @example
 *   {"label": "output", "name": "bad-pattern.md"}
 *
 *   1:1: Unexpected value `(` for `patterns[0].host`, expected a valid regular expression (Invalid regular expression: /(/i: Unterminated group)
 */
import type {Root} from 'mdast'
import {isWebUrl, parseUrl} from '../url-parts.js'
import {isImage, urlsOf, type RuleLinkUse} from '../link-uses.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** A kind of link learners cannot open. */
export interface Pattern {
  /** Regular expression matched against the lower-cased host. */
  host: string
  /** Regular expression matched against everything after the host. */
  path?: string | undefined
  /** What the link points to, as in "Unexpected link to <description>". */
  description: string
  /** What to link instead. */
  suggestion?: string | undefined
  /**
   * Do not report a link whose text is its own address (`<http://localhost:3000>`):
   * an address the learner opens on their own machine.
   */
  allowShown?: boolean | undefined
}

/** Options of `no-inaccessible-link`. */
export interface Options {
  /** More patterns, checked after the built-in ones. */
  patterns?: Pattern[] | undefined
  /** `false` drops the built-in patterns. */
  defaults?: boolean | undefined
}

interface Compiled {
  host: RegExp
  path: RegExp | undefined
  description: string
  suggestion: string | undefined
  allowShown: boolean
}

const meta: RuleMetaInput = {
  id: 'no-inaccessible-link',
  description: 'Warn on links students cannot open (private document edit or share links, workspace chat, local and intranet hosts)',
  tags: ['links', 'access'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'error'}
}

const google = '^(?:docs|drive)\\.google\\.com$'
const documentPath = (kind: string) =>
  `^/(?:a/[^/]+/)?${kind}/(?:u/\\d+/)?d/[^/?#]+/edit(?:[/?#]|$)`
const viewLink = 'a published or view link'

const defaultPatterns: Pattern[] = [
  {
    host: google,
    path: documentPath('document'),
    description: 'a private Google Docs edit page',
    suggestion: viewLink
  },
  {
    host: google,
    path: documentPath('spreadsheets'),
    description: 'a private Google Sheets edit page',
    suggestion: viewLink
  },
  {
    host: google,
    path: documentPath('presentation'),
    description: 'a private Google Slides edit page',
    suggestion: viewLink
  },
  {
    host: google,
    path: documentPath('(?:forms|drawings)'),
    description: 'a private Google Drive edit page',
    suggestion: viewLink
  },
  {
    host: google,
    path: '^/a/[^/]+/',
    description: 'a Google Workspace document that only its organisation can open',
    suggestion: viewLink
  },
  {
    host: google,
    path: '[?&]usp=sharing(?:[&#]|$)',
    description: 'a Google Drive sharing link',
    suggestion: viewLink
  },
  {
    host: '^drive\\.google\\.com$',
    path: '^/(?:drive/(?:u/\\d+/)?)?(?:folders|my-drive|shared-with-me|recent)(?:[/?#]|$)',
    description: 'a Google Drive folder',
    suggestion: 'a view link to a file'
  },
  {
    host: '^(?:[\\w-]+\\.)?slack\\.com$',
    path: '^/(?:client|archives|messages|app_redirect|files-pri)(?:[/?#]|$)',
    description: 'a Slack workspace',
    suggestion: 'a public page, or the content itself'
  },
  {
    host: '^teams\\.microsoft\\.com$',
    path: '^/l/',
    description: 'a Microsoft Teams chat',
    suggestion: 'a public page, or the content itself'
  },
  {
    host: '^(?:discord|discordapp)\\.com$',
    path: '^/channels/',
    description: 'a Discord channel',
    suggestion: 'an invite link, or the content itself'
  },
  {
    host: '^(?:localhost|[\\w.-]+\\.localhost|127(?:\\.\\d{1,3}){3}|0\\.0\\.0\\.0|::1)$',
    description: 'a local address',
    suggestion: 'a public URL, or the address itself as the link text',
    allowShown: true
  },
  {
    host: '^(?:10(?:\\.\\d{1,3}){3}|192\\.168(?:\\.\\d{1,3}){2}|172\\.(?:1[6-9]|2\\d|3[01])(?:\\.\\d{1,3}){2}|169\\.254(?:\\.\\d{1,3}){2})$',
    description: 'a private network address',
    suggestion: 'a public URL'
  },
  {
    host: '^(?:[\\w-]+|[\\w.-]+\\.(?:local|internal|intranet|corp|lan|home\\.arpa))$',
    description: 'an intranet host',
    suggestion: 'a public URL'
  }
]

/** Paths longer than this are cut before matching, so no pattern runs on unbounded input. */
const maxPathLength = 2048

interface Checks {
  patterns: Compiled[]
  /** Whether the built-in checks are on (they include `file:` URLs). */
  defaults: boolean
}

const compiledDefaults: Checks = {patterns: compile(defaultPatterns, 'defaults'), defaults: true}
const compiledOptions = new WeakMap<Options, Checks>()

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: {defaults: true}},
  ({tree, file, options, report}) => {
    const {patterns, defaults} = readOptions(options)

    for (const use of urlsOf(tree, file)) {
      const url = use.url.trim()
      if (defaults && /^file:/i.test(url)) {
        const message = report(
          `Unexpected ${noun(use)} a file on the author's computer, expected a link students can open (a file next to the checkpoint, or a public URL)`,
          {place: use.position}
        )
        message.actual = use.url
        continue
      }

      const parts = parseUrl(url)
      // A host name has at most 253 characters; longer is not a host to match.
      if (!parts || !isWebUrl(parts) || parts.host === '' || parts.host.length > 253) continue
      const rest = url.slice(parts.pathStart, parts.pathStart + maxPathLength)
      const found = patterns.find(
        (pattern) => pattern.host.test(parts.host) && (!pattern.path || pattern.path.test(rest))
      )
      if (!found || (found.allowShown && shown(use.text, url))) continue
      const message = report(
        `Unexpected ${noun(use)} ${found.description}, expected a link students can open${found.suggestion ? ` (${found.suggestion})` : ''}`,
        {place: use.position}
      )
      message.actual = use.url
    }
  }
)

export default rule

function noun(use: RuleLinkUse): string {
  if (isImage(use)) return 'image from'
  return use.source === 'html-embed' ? 'embed of' : 'link to'
}

function readOptions(options: Options | undefined): Checks {
  if (options === undefined || options === null) return compiledDefaults
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(
      `Unexpected options \`${JSON.stringify(options)}\`, expected an object with \`patterns\` and \`defaults\``
    )
  }

  const cached = compiledOptions.get(options)
  if (cached) return cached
  const patterns: unknown = options.patterns ?? []
  if (!Array.isArray(patterns)) {
    throw new Error(
      `Unexpected value \`${JSON.stringify(patterns)}\` for \`patterns\`, expected a list of \`{host, path, description}\` objects`
    )
  }

  if (options.defaults !== undefined && typeof options.defaults !== 'boolean') {
    throw new Error(
      `Unexpected value \`${JSON.stringify(options.defaults)}\` for \`defaults\`, expected \`true\` or \`false\``
    )
  }

  const defaults = options.defaults !== false
  const compiled: Checks = {
    patterns: [...(defaults ? compiledDefaults.patterns : []), ...compile(patterns, 'patterns')],
    defaults
  }
  compiledOptions.set(options, compiled)
  return compiled
}

function compile(patterns: unknown[], name: string): Compiled[] {
  return patterns.map((pattern, index) => {
    const at = `${name}[${index}]`
    if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) {
      throw new Error(
        `Unexpected value \`${JSON.stringify(pattern)}\` for \`${at}\`, expected an object with \`host\`, \`path\` and \`description\``
      )
    }

    const fields = pattern as Record<string, unknown>
    const description = fields.description
    if (typeof description !== 'string' || description.trim() === '') {
      throw new Error(
        `Unexpected value \`${JSON.stringify(description)}\` for \`${at}.description\`, expected what the link points to, such as \`our dashboard\``
      )
    }

    const suggestion = fields.suggestion
    if (suggestion !== undefined && typeof suggestion !== 'string') {
      throw new Error(
        `Unexpected value \`${JSON.stringify(suggestion)}\` for \`${at}.suggestion\`, expected a string`
      )
    }

    const allowShown = fields.allowShown
    if (allowShown !== undefined && typeof allowShown !== 'boolean') {
      throw new Error(
        `Unexpected value \`${JSON.stringify(allowShown)}\` for \`${at}.allowShown\`, expected \`true\` or \`false\``
      )
    }

    return {
      host: regex(fields.host, `${at}.host`) ?? /(?:)/,
      path: regex(fields.path, `${at}.path`),
      description,
      suggestion,
      allowShown: allowShown ?? false
    }
  })
}

/** Is the link text the address itself (scheme and trailing slash aside)? */
function shown(text: string, url: string): boolean {
  const bare = (value: string) => value.trim().toLowerCase().replace(/^[a-z][a-z\d+.-]*:\/\//, '').replace(/\/$/, '')
  return text !== '' && bare(text) === bare(url)
}

function regex(value: unknown, at: string): RegExp | undefined {
  if (value === undefined && at.endsWith('.path')) return undefined
  if (typeof value !== 'string') {
    throw new Error(
      `Unexpected value \`${JSON.stringify(value)}\` for \`${at}\`, expected a regular expression as a string`
    )
  }

  try {
    return new RegExp(value, 'i')
  } catch (error) {
    throw new Error(
      `Unexpected value \`${value}\` for \`${at}\`, expected a valid regular expression (${error instanceof Error ? error.message : String(error)})`
    )
  }
}
