/** What the reporters share (kept apart so no reporter imports the module that loads it). */

/** What a reporter knows besides the results. */
export interface ReportContext {
  /** Colour the stylish output. */
  color: boolean
  /** Only files with messages (stylish). */
  quiet: boolean
  /** Tool version, for SARIF. */
  version: string
}
