/**
 * ## What is this?
 *
 * Checks that every lesson of a course whose format lists its lessons (the
 * Workbench's `config.yaml` `episodes:`, an explicit order of the site
 * model) is listed: a lesson, break, project or unlisted draft that no order
 * lists is reported at its first line. The `coursemark course` command lists
 * the same orphans.
 *
 * ## When should I use this?
 *
 * When the site builds only what its order lists: an unlisted lesson is
 * written, reviewed and never published. In a format without an explicit
 * order (every file is published, as in a checkpoint library) the rule finds
 * nothing.
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
 * An unlisted lesson is usually forgotten, sometimes a draft kept on purpose
 * (turn the rule off for it with `<!--lint disable course-orphan-lesson-->`).
 * On in `recommended` and `strict` as a warning.
 *
 * @example
 *   {"name": "episodes/intro.md", "site": {"ordered": true, "modules": [{"title": "Episodes", "path": "episodes", "lessons": ["episodes/intro.md"]}]}}
 *
 *   # Introduction
 *
 * @example
 *   {"label": "input", "name": "episodes/extra.md"}
 *
 *   # An extra episode
 *
 * @example
 *   {"label": "output", "name": "episodes/extra.md"}
 *
 *   1:1: Unexpected lesson `episodes/extra.md` that no order of the course lists, expected it listed (or removed)
 */
import {courseFacts, orderedKinds} from '../course-facts.js'
import {defineRule, type RuleMetaInput} from '../rule.js'
import {siteOf} from '../file-site.js'

const meta: RuleMetaInput = {
  id: 'course-orphan-lesson',
  description: 'Report a lesson that no order of the course lists (formats that list their lessons)',
  tags: ['course', 'cross-file'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'}
}

const rule = defineRule(meta, ({file, report}) => {
  const place = siteOf(file)
  if (!place?.site.ordered) return
  const kind = place.site.files[place.path]?.kind
  if (kind === undefined || !orderedKinds.has(kind)) return
  if (courseFacts(place.site).listed.has(place.path)) return
  report(`Unexpected ${kind === 'lesson' ? 'lesson' : kind} \`${place.path}\` that no order of the course lists, expected it listed (or removed)`, {
    place: {line: 1, column: 1},
    actual: place.path
  })
})

export default rule
