/**
 * ## What is this?
 *
 * Checks that no two files of a course are published at the same URL: two
 * files whose site URLs (slugs, permalinks, flattened folders, aliases) are
 * the same are both reported at their first line, each naming the others.
 *
 * ## When should I use this?
 *
 * When the site generator flattens folders or takes URLs from frontmatter
 * (the Workbench publishes `episodes/` and `learners/` side by side, Jekyll
 * and Hugo read `permalink`, `slug`, `url`): one of the two pages silently
 * replaces the other on the built site, and links to it land on the wrong
 * page.
 *
 * The rule needs the file's site (the site model of its repository), which
 * `coursemark lint` and the plugin under remark-cli give; on a single file
 * without one it finds nothing.
 *
 * ## Options
 *
 * No options.
 *
 * ## Recommendation
 *
 * A clash always loses a page. On in `recommended` and `strict` as an error.
 *
 * @example
 *   {"name": "episodes/intro.md", "site": {"files": {"episodes/intro.md": {"path": "episodes/intro.md", "kind": "lesson", "reason": "an episode", "url": "/intro.html"}, "episodes/setup.md": {"path": "episodes/setup.md", "kind": "lesson", "reason": "an episode", "url": "/setup.html"}, "learners/setup.md": {"path": "learners/setup.md", "kind": "page", "reason": "a learners' page", "url": "/setup.html"}}}}
 *
 *   # Introduction
 *
 * @example
 *   {"label": "input", "name": "episodes/setup.md"}
 *
 *   # Setup
 *
 * @example
 *   {"label": "output", "name": "episodes/setup.md"}
 *
 *   1:1: Unexpected URL `/setup.html` shared with `learners/setup.md`, expected each file published at its own URL
 *
 * @example
 *   {"label": "input", "name": "learners/setup.md"}
 *
 *   # Setup for learners
 *
 * @example
 *   {"label": "output", "name": "learners/setup.md"}
 *
 *   1:1: Unexpected URL `/setup.html` shared with `episodes/setup.md`, expected each file published at its own URL
 */
import {courseFacts} from '../course-facts.js'
import {defineRule, type RuleMetaInput} from '../rule.js'
import {siteOf} from '../file-site.js'

/** At most this many other files are named in a message. */
const maxPlaces = 3

const meta: RuleMetaInput = {
  id: 'course-duplicate-slug',
  description: 'Report two files of the course published at the same URL',
  tags: ['course', 'cross-file'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'}
}

const rule = defineRule(meta, ({file, report}) => {
  const place = siteOf(file)
  if (!place) return
  const url = place.site.files[place.path]?.url
  // A file served inside an app's routes (Docsify's navigation files) is not a page of its own.
  if (url === undefined || place.site.routes.some((route) => url.startsWith(route.prefix))) return
  const others = (courseFacts(place.site).byUrl.get(url) ?? []).filter((path) => path !== place.path)
  if (others.length === 0) return
  const named = others.slice(0, maxPlaces).map((path) => '`' + path + '`')
  if (others.length > maxPlaces) named.push(`and ${others.length - maxPlaces} more`)
  report(`Unexpected URL \`${url}\` shared with ${named.join(', ')}, expected each file published at its own URL`, {
    place: {line: 1, column: 1},
    actual: url
  })
})

export default rule
