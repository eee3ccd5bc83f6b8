/**
 * ## What is this?
 *
 * Checks that every lesson the course's order lists exists: an entry of the
 * order (a line of `config.yaml` `episodes:`, a link of an index page) that
 * names no file of the repository is reported, naming the entry's place
 * (`config.yaml:4:3`).
 *
 * The list is usually not markdown, so the message goes on one markdown file
 * of the course: its first listed lesson (or, when none exists, its first
 * lesson or page by path), as a message about the whole file that names the
 * list entry. So each missing entry is reported once per run, also when the
 * run is split into shards, and `<!--lint disable course-missing-lesson-->`
 * in that file or `course-missing-lesson: off` in the config turns it off.
 *
 * ## When should I use this?
 *
 * In a course whose site lists its lessons: a renamed or deleted lesson
 * leaves an entry that breaks the build or a hole in the course. The rule
 * needs the file's site (the site model of its repository), which
 * `coursemark lint` and the plugin under remark-cli give; on a single file
 * without one it finds nothing. `coursemark course` lists the same entries.
 *
 * ## Options
 *
 * No options.
 *
 * ## Recommendation
 *
 * A listed lesson that is missing is always a defect. On in `recommended` and
 * `strict` as an error.
 *
 * @example
 *   {"name": "episodes/intro.md", "site": {"ordered": true, "modules": [{"title": "Episodes", "path": "episodes", "lessons": ["episodes/intro.md"]}], "missing": [{"path": "episodes/knots.md", "file": "config.yaml", "line": 4, "column": 3}]}}
 *
 *   # Introduction
 *
 * @example
 *   {"label": "output", "name": "episodes/intro.md"}
 *
 *   1:1: Unexpected missing lesson `episodes/knots.md` (listed at `config.yaml:4:3`), expected the file to exist or the entry removed
 *
 * @example
 *   {"label": "input", "name": "episodes/splices.md"}
 *
 *   # Splices
 */
import {courseFacts} from '../course-facts.js'
import {defineRule, type RuleMetaInput} from '../rule.js'
import {siteOf} from '../file-site.js'

const meta: RuleMetaInput = {
  id: 'course-missing-lesson',
  description: 'Report an entry of the course order (`config.yaml`) that names no file, at its list entry',
  tags: ['course', 'cross-file'],
  fixable: false,
  presets: {recommended: 'error', strict: 'error'}
}

const rule = defineRule(meta, ({file, report}) => {
  const place = siteOf(file)
  if (!place || place.site.missing.length === 0) return
  if (courseFacts(place.site).carrier !== place.path) return
  for (const entry of place.site.missing) {
    report(
      `Unexpected missing lesson \`${entry.path}\` (listed at \`${entry.file}:${entry.line}:${entry.column}\`), expected the file to exist or the entry removed`,
      {place: null, actual: entry.path}
    )
  }
})

export default rule
