/** What the phases of `coursemark lint` share: one state object, filled phase by phase. */
import type {ProjectSite, SiteSummary} from '@coursemark/remark-plugin/config'
import type {LintCache} from './lint-cache.js'
import type {Config} from '../config/config.js'
import type {LintFlags} from './lint-flags.js'
import type {LintPool} from './pool.js'
import type {LinkData} from '../reporters/report-context.js'
import type {CommandContext, FileResult, LintTask} from '../types.js'

/** A file linted (or read from the cache), with its task. */
export interface Linted {
  task: LintTask
  result: FileResult
}

/** The state of one run of `coursemark lint` (or `coursemark links`). */
export interface LintState {
  readonly context: CommandContext
  readonly flags: LintFlags
  /** Workers started before the files were found; closed once the files are linted. */
  pool: LintPool | undefined
  config: Config
  /** The files to lint, in report order. */
  tasks: LintTask[]
  /** Lines for stderr that make the exit code 2 (unreadable inputs, failed writes). */
  problems: string[]
  /** The files linted, in the order of `tasks`. */
  linted: Linted[]
  /** Fixed text by absolute path: written (atomically) or printed as a diff at the end. */
  fixed: Map<string, string>
  /** How many problems each rule fixed, by absolute path (for the summary on stderr). */
  fixes: Map<string, Record<string, number>>
  cache: LintCache | undefined
  /** The project's site, built once for the run (none for `coursemark links`, or a lesson from stdin without `--stdin-filename`). */
  site?: ProjectSite | undefined
  /** What the site was built from (a hash of the stored site's key and reads), when the run has a cache: cached results made in the same site keep their link candidates. */
  siteId?: string | undefined
  /** The fields of the site every cached result depends on (`siteKeyOf`); with a stored site, read without the site itself. */
  siteSummary?: SiteSummary | undefined
  stats: {linted: number; cached: number}
  /** The link check, for the markdown and HTML reports. */
  links?: LinkData | undefined
  /** Called with each file's result as soon as it is linted or read from the cache (a phase that starts early listens). */
  onResult?: ((result: FileResult) => void) | undefined
}

/** Write a warning on stderr (of a run's state, or of its context before the state is made). */
export function warn(state: Pick<LintState, 'context'>, message: string): void {
  state.context.stderr.write(`coursemark: warning: ${message}\n`)
}
