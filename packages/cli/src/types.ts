/**
 * The shapes the CLI's modules share, so that no module imports another only
 * for a type: where commands write, what a file to lint is, and the
 * serialisable results (what workers send back, what the cache keeps and what
 * reporters read; plain JSON only).
 */
import type {LinkUse, Position, Severity} from '@coursemark/core'
import type {SetRecord} from '@coursemark/remark-plugin/set-rules'
import type {Settings} from './config/config.js'

/** Where `main` reads arguments and writes output. */
export interface MainOptions {
  /** Arguments after the program name. */
  argv: string[]
  /** `columns`: the width of the terminal, when `isTTY`. */
  stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}
  stderr: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}
  /** Where `-` reads a lesson from (default `process.stdin`). */
  stdin?: NodeJS.ReadableStream
  /** Working directory (default `process.cwd()`). */
  cwd?: string
  /** Environment (default `process.env`). */
  env?: NodeJS.ProcessEnv
  /** Clock, for link history and report dates (default `Date.now`). */
  now?: () => number
}

/** What every command gets. */
export interface CommandContext {
  stdout: MainOptions['stdout']
  stderr: MainOptions['stderr']
  stdin?: NodeJS.ReadableStream | undefined
  cwd: string
  env: NodeJS.ProcessEnv
  /** Clock for link history and report dates (default `Date.now`). */
  now?: (() => number) | undefined
}

/**
 * What reads each file of a run: the lint engine (`lint`: the parser, the
 * rules and the model), or the link reader of `coursemark links` (`links`:
 * the links only, `links/read-links.ts`). The command says which; the worker
 * pool loads it as it starts.
 */
export type Reader = 'lint' | 'links'

/** One file to lint. */
export interface LintTask {
  /** Absolute path. */
  path: string
  /** Path shown in reports (relative to `cwd`). */
  display: string
  /** Working directory (the VFile's `cwd`). */
  cwd: string
  settings: Settings
  /** Apply fixes (in memory; the caller writes the file). */
  fix: boolean
  /** With `fix`: report the messages of the file as it is, not as fixed. */
  dryRun?: boolean
  /** The bytes of the file, read already (a lesson from stdin, `-`): the file at `path` is not read. */
  content?: Uint8Array
  /**
   * Keep only `uuid` and `title` of the facts (what the cross-file checks
   * read): a run with no link check and no cache, whose results need no
   * links. Fewer objects kept per file until the report.
   */
  identityOnly?: boolean
  /** The file's path in the run's site (`lint/run-site.ts`), when it is inside the project root and the run built one. */
  site?: string | undefined
}

/** A text edit by offsets into the file value. */
export interface Edit {
  start: number
  end: number
  text: string
}

/** One diagnostic, as plain data. */
export interface LintMessage {
  /** Rule id without its source, e.g. `frontmatter-schema`. */
  ruleId: string
  /** `coursemark`, `remark-lint`, ... */
  source: string
  reason: string
  severity: Severity
  /** Where; `null` for a message about the whole file. */
  place: Position | null
  url: string | null
  /** What was found, as written (when the rule says). */
  actual?: string
  /** What would be right (when the rule says). */
  expected?: string[]
  /** Edits that fix it, for fixable rules. */
  fix?: Edit[]
}

/** A string value with where it is written. */
export interface Located {
  value: string
  position: Position | null
}

/**
 * An external URL of a file, for the link check and its fixes: core's
 * `LinkUse` without the fields every external URL shares.
 */
export type ExternalUse = Pick<LinkUse, 'url' | 'position' | 'range'>

/** The few model fields the main thread needs of a linted file. */
export interface Facts {
  /** The `uuid` (what `duplicate-uuid` compares). */
  uuid: Located | null
  /** The `title` (what `duplicate-title` compares). */
  title: Located | null
  /**
   * Rules comparing files whose message at this file's fact `<!--lint
   * disable-->` turns off: the fact takes part, the file gets no message.
   */
  quiet?: string[] | undefined
  /** Relative and site-absolute links and images (URL as written), whose targets a cached result depends on. */
  relative: Located[]
  /** External links and images (`http:`, `https:`, `//`) with the range of each URL, for the link check and its fixes. */
  external: ExternalUse[]
  /** Root-absolute links not checked: the site root is not known (said once per run). */
  rootUnchecked?: number | undefined
  /** What rules with a finish phase of their own (`course-time-budget`) recorded, by rule id. */
  records?: Record<string, SetRecord> | undefined
}

/** The result of linting one file. */
export interface FileResult {
  /** Path as shown in reports: relative to the working directory, `/`-separated. */
  path: string
  messages: LintMessage[]
  facts: Facts
}

/** The result of reading or linting one file, or why it could not be read. */
export type FileOutcome =
  | {ok: true; result: FileResult; fixed?: string | undefined; fixes?: Record<string, number> | undefined; fromCache?: boolean}
  | {ok: false; path: string; error: string}
