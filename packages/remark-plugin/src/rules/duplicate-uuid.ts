/**
 * ## What is this?
 *
 * Checks that every checkpoint has its own `uuid`: two files of the set
 * linted together that share one (compared without case and surrounding
 * space) are both reported, each naming a few of the others.
 *
 * ## When should I use this?
 *
 * When a `uuid` identifies a checkpoint to a platform (progress, grades): a
 * lesson copied to start another keeps its `uuid`, and the two then count as
 * one.
 *
 * The rule compares files, so it needs the set of files: it runs in
 * `coursemark lint` and under unified-engine (remark-cli, the remark language
 * server, which sees only the open file). In a plain unified pipeline on one
 * file it finds nothing.
 *
 * ## Options
 *
 * No options.
 *
 * ## Recommendation
 *
 * A shared `uuid` is almost always a copy that was not renamed. On in
 * `recommended` and `strict` as an error.
 *
 * @example
 *   {"name": "loops.md"}
 *
 *   ---
 *   title: Loops
 *   uuid: 0b8e3c0a-loops
 *   ---
 *
 * @example
 *   {"label": "input", "name": "lists.md"}
 *
 *   ---
 *   title: Lists
 *   uuid: 5d1f2e77-lists
 *   ---
 *
 * @example
 *   {"label": "output", "name": "lists.md"}
 *
 *   3:7-3:21: Unexpected duplicate `uuid` `5d1f2e77-lists`, expected each checkpoint to have its own (also in `lists-copy.md:3:7`)
 *
 * @example
 *   {"label": "input", "name": "lists-copy.md"}
 *
 *   ---
 *   title: Lists, again
 *   uuid: 5D1F2E77-lists
 *   ---
 *
 * @example
 *   {"label": "output", "name": "lists-copy.md"}
 *
 *   3:7-3:21: Unexpected duplicate `uuid` `5D1F2E77-lists`, expected each checkpoint to have its own (also in `lists.md:3:7`)
 */
import {reportDuplicates} from '../duplicates.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'duplicate-uuid',
  description: 'Require every checkpoint to have its own `uuid` (checked across all files linted)',
  tags: ['frontmatter', 'cross-file'],
  compares: 'uuid',
  fixable: false,
  presets: {recommended: 'error', strict: 'error'},
  kinds: ['lesson', 'break', 'project']
}

const rule = defineRule(
  meta,
  async ({tree, file, record}) => {
    // Loaded when the check runs: the finish phase alone (a cached rerun of the CLI) needs no parser.
    const {frontmatterFact} = await import('../frontmatter-fact.js')
    const fact = frontmatterFact(tree, file, 'uuid')
    if (fact) record(fact)
  },
  {finish: (entries, report) => reportDuplicates(entries, (entry) => entry.fact.value.trim().toLowerCase(), 'uuid', report)}
)

export default rule
