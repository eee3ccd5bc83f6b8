/**
 * ## What is this?
 *
 * Checks that two checkpoints of one folder (a module) do not share a
 * `title` (compared without case, with runs of white space as one space).
 * With `scope: 'project'`, titles are compared across every file of the set
 * linted together.
 *
 * ## When should I use this?
 *
 * When students pick lessons from a list by title: two lessons of a module
 * with one title cannot be told apart.
 *
 * The rule compares files, so it needs the set of files: it runs in
 * `coursemark lint` and under unified-engine (remark-cli, the remark language
 * server, which sees only the open file). In a plain unified pipeline on one
 * file it finds nothing.
 *
 * ## Options
 *
 * - `scope` (`'folder'` or `'project'`, default `'folder'`): compare titles
 *   within each folder, or across the whole set.
 *
 * ## Recommendation
 *
 * Off in `recommended` (courses repeat a "Review" or "Project" lesson per
 * module); on in `strict` as an error.
 *
 * @example
 *   {"name": "unit-1/intro.md"}
 *
 *   ---
 *   title: Introduction
 *   ---
 *
 * @example
 *   {"name": "unit-2/intro.md"}
 *
 *   ---
 *   title: Introduction
 *   ---
 *
 * @example
 *   {"label": "input", "name": "unit-3/review.md"}
 *
 *   ---
 *   title: Review
 *   ---
 *
 * @example
 *   {"label": "output", "name": "unit-3/review.md"}
 *
 *   2:8-2:14: Unexpected duplicate `title` `Review`, expected each checkpoint to have its own (also in `unit-3/review-again.md:2:8`)
 *
 * @example
 *   {"label": "input", "name": "unit-3/review-again.md"}
 *
 *   ---
 *   title: '  review'
 *   ---
 *
 * @example
 *   {"label": "output", "name": "unit-3/review-again.md"}
 *
 *   2:8-2:18: Unexpected duplicate `title` `  review`, expected each checkpoint to have its own (also in `unit-3/review.md:2:8`)
 *
 * @example
 *   {"label": "input", "name": "unit-4/loops.md", "config": {"scope": "project"}}
 *
 *   ---
 *   title: Loops
 *   ---
 *
 * @example
 *   {"label": "output", "name": "unit-4/loops.md"}
 *
 *   2:8-2:13: Unexpected duplicate `title` `Loops`, expected each checkpoint to have its own (also in `unit-5/loops.md:2:8`)
 *
 * @example
 *   {"label": "input", "name": "unit-5/loops.md", "config": {"scope": "project"}}
 *
 *   ---
 *   title: Loops
 *   ---
 *
 * @example
 *   {"label": "output", "name": "unit-5/loops.md"}
 *
 *   2:8-2:13: Unexpected duplicate `title` `Loops`, expected each checkpoint to have its own (also in `unit-4/loops.md:2:8`)
 */
import {reportDuplicates} from '../duplicates.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** Options of `duplicate-title`. */
export interface Options {
  /** Compare titles within each folder (default) or across the whole set. */
  scope?: 'folder' | 'project' | undefined
}

const meta: RuleMetaInput = {
  id: 'duplicate-title',
  description:
    'Report two checkpoints of one folder that share a `title` (option `scope: project`: of the whole run)',
  tags: ['frontmatter', 'cross-file'],
  compares: 'title',
  fixable: false,
  presets: {recommended: 'off', strict: 'error'},
  kinds: ['lesson', 'break', 'project']
}

const rule = defineRule<Options>(
  meta,
  async ({tree, file, options, record}) => {
    scopeOf(options)
    // Loaded when the check runs: the finish phase alone (a cached rerun of the CLI) needs no parser.
    const {frontmatterFact} = await import('../frontmatter-fact.js')
    const fact = frontmatterFact(tree, file, 'title')
    if (fact) record(fact)
  },
  {
    finish(entries, report) {
      reportDuplicates(
        entries,
        (entry) => {
          // A file with a bad `scope` was told so by its check, and takes no part.
          const scope = validScope(entry.options)
          if (scope === undefined) return undefined
          const title = entry.fact.value.replace(/\s+/g, ' ').trim().toLowerCase()
          return scope === 'project' ? '\0' + title : entry.folder + '/' + title
        },
        'title',
        report
      )
    }
  }
)

export default rule

/**
 * The `scope` option (default `folder`); a bare string is the scope.
 *
 * @throws {Error} On a value other than `folder` or `project`.
 */
function scopeOf(options: unknown): 'folder' | 'project' {
  if (options === undefined || options === null) return 'folder'
  const scope: unknown = typeof options === 'object' ? (options as {scope?: unknown}).scope : options
  if (scope === undefined || scope === 'folder' || scope === 'project') return scope ?? 'folder'
  throw new Error(`Unexpected value \`${JSON.stringify(scope)}\` for \`duplicate-title\` option \`scope\`, expected \`folder\` or \`project\``)
}

function validScope(options: unknown): 'folder' | 'project' | undefined {
  try {
    return scopeOf(options)
  } catch {
    return undefined
  }
}
