/**
 * ## What is this?
 *
 * Checks that local links and images point at something:
 *
 * - a relative path (`images/plot.png`, `../setup.md`, `<img src="a.gif">`)
 *   must name a file or folder that exists, relative to the checkpoint's
 *   folder;
 * - in the same case as on disk: `Images/Plot.PNG` works on macOS and
 *   Windows but breaks on Linux servers (the message gives the real name);
 * - a `#anchor` must match the slug of a heading of the checkpoint (GitHub
 *   slugs, headings in block quotes and lists included), a heading's `{#id}`,
 *   an HTML `id` or `name` (`<span id>`, `<a name>`), or an anchor the format
 *   sets: kramdown `{: #id}` (`odin`, `carpentries`), pandoc `{#id}` and
 *   `[term]{#term}` (`carpentries`, `hugo`), the `id`/`name` of a Hugo
 *   shortcode (`{{< tabs name="Example" >}}` makes `#example`, `#example-1`…);
 * - `other.md#anchor` must match a heading of `other.md` (read once per run,
 *   up to 1 MiB).
 *
 * Links resolve the way the built site does (core's `resolveLink` on the
 * file's site, which `coursemark lint` and the plugin under remark-cli
 * build): a link works when one of its candidates exists (the path on disk,
 * a page URL of the site, a folder the site serves at a URL); its `#anchor`
 * is checked against that file. A link the site serves from elsewhere
 * (a route such as freeCodeCamp's `/learn/`) is not checked. A root-absolute
 * path (`/images/x.png`) is checked when the site root is known (a site
 * model, or `site.root` and `site.static` in the config); otherwise it is not
 * reported, only counted (`coursemark lint` says once per run how many it
 * could not check). Without a site (a single file in a pipeline), the `root`
 * setting is the site root. A relative path from a file inside the root that
 * leaves it is reported. Templated URLs
 * (Liquid `{{ page.root }}`, `{% link … %}`, Hugo `{{< ref "x" >}}`,
 * `{{% relref "x" %}}`) are filled in by the site generator: they are never
 * checked as paths, nor their anchors. A file with no path (as in
 * a browser) is only checked for `#anchors`. Folder listings and headings of
 * other files are read once per processor (one lint run) and cached.
 *
 * ## When should I use this?
 *
 * When checkpoints are linted where their images and sibling files live
 * (the repository), not on a copy of the markdown alone.
 *
 * ## Options
 *
 * None. The project root is the `root` setting.
 *
 * ## Recommendation
 *
 * On in `recommended` (error) and `strict` (error): a missing image or a dead
 * internal link is always a bug.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ## Set up
 *
 *   > ### Windows users
 *
 *   See [Set up](#set-up), [Windows](#windows-users) and
 *   [the setup page]({{page.root}}/setup.md).
 *
 *   <a name="faq"></a>Read the [FAQ](#faq).
 *
 * @example
 *   {"name": "format-anchors.md"}
 *
 *   ## Tidy columns {#columns}
 *
 *   A promise is <span id="pending">pending</span>.
 *
 *   See [columns](#columns), [pending](#pending), [the setup]({{< ref "setup" >}})
 *   and [the reference]({{ page.root }}{% link reference.md %}#cd).
 *
 * @example
 *   {"label": "input", "name": "anchors.md"}
 *
 *   ## Set up
 *
 *   See [setup](#setup) and [Set up](#set-up).
 *
 * @example
 *   {"label": "output", "name": "anchors.md"}
 *
 *   3:13-3:19: Unexpected anchor `#setup` that matches no heading, expected an anchor such as `#set-up`
 *
 * @example
 *   {"label": "input", "name": "files.md"}
 *
 *   ![Plot of the results](images/no-such-plot.png)
 *
 *   Read [the docs](www.example.com/docs).
 *
 * @example
 *   {"label": "output", "name": "files.md"}
 *
 *   1:24-1:47: Unexpected missing file `images/no-such-plot.png`, expected a path to an existing file
 *   3:17-3:37: Unexpected missing file `www.example.com/docs`, expected a path to an existing file (or `https://www.example.com/docs` for a web address)
 */
import type {Position} from '@coursemark/core'
import {buildSite, headingIds, resolveLink, type HeadingText, type Site, type SluggerName} from '@coursemark/core'
import {autoIdsAfter, closestMatch, linkKind} from '@coursemark/core/internal'
import GithubSlugger from 'github-slugger'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {urlPosition, urlsOf} from '../link-uses.js'
import {indexOf} from '../node-index.js'
import {addAnchors, hasMarkupAnchor, type MarkupAnchors} from '../format-syntax.js'
import {getModel} from '../file-model.js'
import {sourceOf} from '../position.js'
import {defineRule, type Report, type RuleMetaInput} from '../rule.js'
import {siteOf} from '../file-site.js'

const meta: RuleMetaInput = {
  id: 'no-missing-local-target',
  description: 'Require relative links and images to exist on disk in the same case, and `#anchors` to match a heading',
  tags: ['links', 'images', 'files'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'}
}

/** Files larger than this are not read for their headings. */
const maxMarkdownSize = 1024 * 1024

/** Longer heading lines of other files are slugged as written. */
const maxHeadingLength = 1000

const markdownExtension = /\.(?:md|markdown|mdx|mdown|mkd|rmd)$/i
const webAddress = /^(?:www\.|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|edu|gov|co|uk|de|fr|app)(?:[/?#]|$))/i

interface Listing {
  exact: Set<string>
  lower: Map<string, string>
}

/** What one lint run (one processor) has read from disk. */
interface Cache {
  dirs: Map<string, Promise<Listing | undefined>>
  headings: Map<string, Promise<Anchors | undefined>>
}

/** The anchors of a file: heading slugs, and anchors set by markup. */
interface Anchors {
  slugs: Set<string>
  markup: MarkupAnchors
}

type Fs = typeof import('node:fs/promises')
type Path = typeof import('node:path')

/** The rule, with a fresh cache for every processor it is attached to. */
export default defineRule<undefined, Cache>(
  meta,
  ({tree, file, report, state}) => check(tree, file, report, state),
  {setup: () => ({dirs: new Map(), headings: new Map()})}
)

async function check(tree: Root, file: VFile, report: Report, cache: Cache): Promise<undefined> {
  let ownSlugs: Anchors | undefined
  let node: {fs: Fs; path: Path} | undefined
  let place: Place | undefined
  let unchecked = 0

  for (const use of urlsOf(tree, file)) {
    const url = use.url.trim()
    // `[x]((url))` is `no-malformed-link`'s.
    if (url === '' || /^\(.*\)$/.test(url)) continue
    // Template syntax: the site generator fills it in; the site model expands what it can (Jekyll's `{% link %}` and root variables).
    const kind = linkKind(url, true)
    const templated = kind === 'template'
    if (templated && siteOf(file)?.site.flavour !== 'jekyll') continue
    const at = urlPosition(use)

    if (kind === 'anchor') {
      ownSlugs ??= treeAnchors(tree, file)
      checkAnchor(report, at, url.slice(1), ownSlugs, undefined)
      continue
    }

    if ((kind !== 'relative' && !templated) || !file.path) continue
    const end = url.search(/[?#]/)
    const written = end === -1 ? url : url.slice(0, end)
    const hash = url.indexOf('#')
    const fragment = hash === -1 ? '' : url.slice(hash + 1)
    if (written === '') continue

    node ??= {fs: await import('node:fs/promises'), path: await import('node:path')}
    place ??= placeOf(file, node.path)
    const resolution = resolveLink(place.site, place.path, url)
    const found = await firstExisting(node, cache, place, resolution.candidates)

    if (found === undefined || found.walked.wrongCase) {
      if (found) {
        const expected = correctedLink(written, found.walked.corrected)
        const message = report(`Unexpected path \`${written}\` in the wrong case, expected \`${expected}\``, {place: at})
        message.actual = written
        message.expected = [expected]
      } else if (resolution.unchecked === undefined) {
        const hint = webAddress.test(written) ? ` (or \`https://${written}\` for a web address)` : ''
        const message = report(`Unexpected missing file \`${written}\`, expected a path to an existing file${hint}`, {place: at})
        message.actual = written
      } else if (written.startsWith('/') && !place.site.rootKnown) {
        unchecked++
      }

      continue
    }

    // Only a file inside the root can leave it (a file linted from elsewhere keeps its own links).
    if (place.bounded && (found.candidate === '..' || found.candidate.startsWith('../'))) {
      const message = report(
        `Unexpected path \`${written}\` outside the project root, expected a file inside \`${place.shownRoot}\``,
        {place: at}
      )
      message.actual = written
      continue
    }

    if (fragment === '') continue
    if (found.candidate === place.path) {
      ownSlugs ??= treeAnchors(tree, file)
      checkAnchor(report, at, fragment, ownSlugs, undefined)
      continue
    }

    if (!markdownExtension.test(found.walked.dir)) continue
    const slugs = await headingsOf(node.fs, cache, found.walked.dir, siteOf(file)?.site.slugger ?? 'github')
    if (slugs) checkAnchor(report, at, fragment, slugs, written)
  }

  // Counted for the run (the CLI says once how many root-absolute links it could not check), never reported per link.
  if (unchecked > 0) file.data.coursemarkRootUnchecked = unchecked
  return undefined
}

/**
 * Where a file's links resolve: its site (set by the CLI or the plugin), or
 * without one a plain site rooted at the `root` setting (root-absolute links
 * lead there) or at the file's folder.
 */
interface Place {
  site: Site
  /** The file's path in the site. */
  path: string
  /** The repository root, absolute. */
  root: string
  /** Whether links that leave the root are reported (the file is inside a known root). */
  bounded: boolean
  /** The root as the message names it. */
  shownRoot: string
}

function placeOf(file: VFile, path: Path): Place {
  const own = path.resolve(file.cwd, file.path)
  const settingsRoot = file.data.coursemarkSettings?.root
  const given = siteOf(file)
  if (given) {
    const root = path.resolve(own, ...given.path.split('/').map(() => '..'))
    return {site: given.site, path: given.path, root, bounded: true, shownRoot: settingsRoot ?? root}
  }

  const root = settingsRoot === undefined ? undefined : path.resolve(file.cwd, settingsRoot)
  const empty = {paths: [], read: () => undefined}
  if (root !== undefined && inside(path, root, own)) {
    const relative = path.relative(root, own).split(path.sep).join('/')
    return {site: buildSite(empty, {root: ''}), path: relative, root, bounded: true, shownRoot: settingsRoot ?? root}
  }

  return {site: buildSite(empty), path: path.basename(own), root: path.dirname(own), bounded: false, shownRoot: ''}
}

/** A candidate of the resolver that exists on disk, and how it was found. */
interface Found {
  candidate: string
  walked: Walked
}

/**
 * The first candidate that exists in the same case; else the first that
 * exists in another case (reported as such); `undefined` when none exists.
 */
async function firstExisting(node: {fs: Fs; path: Path}, cache: Cache, place: Place, candidates: string[]): Promise<Found | undefined> {
  let inOtherCase: Found | undefined
  for (const candidate of candidates) {
    // A link to the file itself: it exists (it is being linted), even when only in memory.
    if (candidate === place.path) return {candidate, walked: {dir: node.path.join(place.root, candidate), corrected: [], wrongCase: false, missing: false}}
    const walked = await walk(node, cache, place.root, candidate)
    if (walked.missing) continue
    if (!walked.wrongCase) return {candidate, walked}
    inOtherCase ??= {candidate, walked}
  }

  return inOtherCase
}

/** The link as written, each segment that exists in another case spelled as on disk. */
function correctedLink(written: string, corrected: string[]): string {
  const segments = written.split('/')
  let index = corrected.length - 1
  for (let at = segments.length - 1; at >= 0 && index >= 0; at--, index--) {
    const real = corrected[index] ?? ''
    const segment = segments[at] ?? ''
    if (decode(segment).toLowerCase() === real.toLowerCase() && decode(segment) !== real) segments[at] = real
  }

  return segments.join('/')
}

/** Where a path of the repository leads: each segment looked up in its folder's listing, in any case. */
interface Walked {
  /** The folder or file reached (as far as the path exists). */
  dir: string
  /** The segments as they are on disk. */
  corrected: string[]
  wrongCase: boolean
  missing: boolean
}

async function walk(node: {fs: Fs; path: Path}, cache: Cache, root: string, candidate: string): Promise<Walked> {
  const {path} = node
  let dir = root
  const corrected: string[] = []
  let wrongCase = false
  for (const segment of candidate.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      dir = path.dirname(dir)
      corrected.push(segment)
      continue
    }

    const listing = await list(node.fs, cache, dir)
    const real = listing?.exact.has(segment) ? segment : listing?.lower.get(segment.toLowerCase())
    if (real === undefined) return {dir, corrected, wrongCase, missing: true}
    if (real !== segment) wrongCase = true
    corrected.push(real)
    dir = path.join(dir, real)
  }

  return {dir, corrected, wrongCase, missing: false}
}

function inside(path: Path, root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function checkAnchor(
  report: Report,
  place: Position,
  raw: string,
  anchors: Anchors,
  target: string | undefined
) {
  const fragment = decode(raw)
  if (fragment === '' || fragment === 'top') return
  const {slugs, markup} = anchors
  if (slugs.has(fragment) || slugs.has(fragment.toLowerCase()) || hasMarkupAnchor(markup, fragment)) return
  const nearest = closestAnchor(fragment.toLowerCase(), anchors)
  const where = target === undefined ? '' : ` in \`${target}\``
  const expected = nearest
    ? `an anchor such as \`#${nearest}\``
    : `the slug of a heading${target === undefined ? '' : ' of `' + target + '`'}`
  const message = report(
    `Unexpected anchor \`#${raw}\`${where} that matches no heading, expected ${expected}`,
    {place}
  )
  message.actual = '#' + raw
  if (nearest) message.expected = ['#' + nearest]
}

/**
 * Anchors of the checkpoint: heading slugs (as written, and without a
 * trailing attribute list), the anchors of the model (HTML `id` and `name`;
 * the attribute lists of the format: kramdown `{: #id}`, pandoc `{#id}` and
 * `[term]{#term}`), and those of Hugo shortcodes.
 */
function treeAnchors(tree: Root, file: VFile): Anchors {
  const slugger = new GithubSlugger()
  const slugs = new Set<string>()
  const siteSlugger = siteOf(file)?.site.slugger
  const headings: HeadingText[] = []
  const top = new Set<unknown>(tree.children)
  for (const node of indexOf(tree).all) {
    if (node.type !== 'heading') continue
    const text = toString(node)
    if (siteSlugger === undefined || siteSlugger === 'github') addHeading(slugs, slugger, text)
    else headings.push({depth: node.depth, text, topLevel: top.has(node)})
  }

  if (siteSlugger !== undefined && siteSlugger !== 'github') for (const id of headingIds(siteSlugger, headings)) slugs.add(id)

  const {checkpoint} = getModel(tree, file)
  const markup: MarkupAnchors = {ids: new Set(checkpoint.anchors.map((anchor) => anchor.id)), numbered: new Set()}
  const value = sourceOf(file)
  for (const template of checkpoint.templates) {
    if (template.syntax === 'hugo') addAnchors(markup, value.slice(template.position.start.offset, template.position.end.offset))
  }

  return {slugs, markup}
}

/** A heading's slug, its `{#id}`, and the slug of its text without a trailing attribute list. */
function addHeading(slugs: Set<string>, slugger: GithubSlugger, text: string) {
  slugs.add(slugger.slug(text))
  const custom = /\{#([^}\s]+)\}\s*$/.exec(text)
  if (custom?.[1]) slugs.add(custom[1])
  const bare = text.replace(/\s*\{:?\s*[#.][^{}]*\}\s*$/, '')
  if (bare !== text && bare !== '') slugs.add(new GithubSlugger().slug(bare))
}

async function list(fs: Fs, cache: Cache, dir: string): Promise<Listing | undefined> {
  let listing = cache.dirs.get(dir)
  if (!listing) {
    listing = fs.readdir(dir).then(
      (names) => ({
        exact: new Set(names),
        lower: new Map(names.map((name) => [name.toLowerCase(), name]))
      }),
      () => undefined
    )
    cache.dirs.set(dir, listing)
  }

  return listing
}

async function headingsOf(fs: Fs, cache: Cache, file: string, slugger: SluggerName): Promise<Anchors | undefined> {
  const key = slugger + '\0' + file
  let slugs = cache.headings.get(key)
  if (!slugs) {
    slugs = fs.stat(file).then(
      async (stats) =>
        stats.isFile() && stats.size <= maxMarkdownSize
          ? markdownSlugs(await fs.readFile(file, 'utf8'), slugger)
          : undefined,
      () => undefined
    )
    cache.headings.set(key, slugs)
  }

  return slugs
}

/**
 * Heading slugs of another markdown file, read with a line scanner instead of
 * a full parse: ATX and setext headings outside fenced code and frontmatter,
 * inline markup removed, plus anchors set by markup (HTML `id`s, attribute
 * lists, Hugo shortcodes).
 */
function markdownSlugs(value: string, siteSlugger: SluggerName): Anchors {
  const slugger = new GithubSlugger()
  const headings: HeadingText[] = []
  const slugs = new Set<string>()
  const markup: MarkupAnchors = {ids: new Set(), numbered: new Set()}
  const lines = value.split(/\r?\n|\r/)
  let fence: string | undefined
  let index = 0
  if (lines[0] === '---' || lines[0] === '+++') {
    const close = lines.indexOf(lines[0], 1)
    if (close !== -1) index = close + 1
  }

  for (; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence !== undefined) {
      if (fenceMatch?.[1]?.startsWith(fence)) fence = undefined
      continue
    }

    if (fenceMatch?.[1]) {
      fence = fenceMatch[1]
      continue
    }

    addAnchors(markup, line)
    // A kramdown glossary: `{:auto_ids}` gives each term of the definition list after it an id.
    if (/^ {0,3}\{:[ \t]*auto_ids[ \t]*\}[ \t]*$/.test(line)) {
      for (const term of autoIdsAfter('\n' + lines.slice(index + 1).join('\n'), 0)) markup.ids.add(term.id)
    }

    const quoted = line.replace(/^(?: {0,3}>\s?)+/, '')
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(quoted)
    let text: string | undefined = atx ? (atx[1] ?? '') : undefined
    const next = lines[index + 1] ?? ''
    if (text === undefined && quoted.trim() !== '' && /^ {0,3}(?:=+|-+)[ \t]*$/.test(next)) {
      text = quoted.trim()
    }

    if (text === undefined) continue
    // Stripping markup is only needed (and only cheap) on heading-sized text.
    const plain = text.length > maxHeadingLength ? text : plainText(text)
    if (siteSlugger === 'github') addHeading(slugs, slugger, plain)
    else headings.push({depth: atx ? (/#+/.exec(quoted)?.[0].length ?? 1) : next.trim().startsWith('=') ? 1 : 2, text: plain, topLevel: quoted === line && !/^\s*(?:[-*+]|\d+[.)])\s/.test(line)})
  }

  if (siteSlugger !== 'github') for (const id of headingIds(siteSlugger, headings)) slugs.add(id)
  return {slugs, markup}
}

function plainText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*{1,3}|~~)(?=\S)(.*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}_])(_{1,3})(?=\S)(.*?\S)\2(?![\p{L}\p{N}_])/gu, '$1$3')
    .trim()
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The anchor closest to `wanted`; a numbered one (`#tabs-2`) keeps its number. */
function closestAnchor(wanted: string, {slugs, markup}: Anchors): string | undefined {
  const suffix = /-\d+$/.exec(wanted)?.[0]
  const stem = suffix === undefined ? '' : wanted.slice(0, -suffix.length)
  // `closestMatch` never offers the word itself: a known stem is the match.
  const base = suffix === undefined ? undefined : markup.numbered.has(stem) ? stem : closestMatch(stem, markup.numbered)
  return base === undefined ? closestMatch(wanted, new Set([...slugs, ...markup.ids, ...markup.numbered])) : base + suffix
}
