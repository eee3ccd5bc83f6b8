/** What the reporters share (kept apart so no reporter imports the module that loads it). */
import type {UrlResult} from '../links/index.js'

/** What a reporter knows besides the results. */
export interface ReportContext {
  /** Colour the stylish output. */
  color: boolean
  /** Width of the terminal the stylish report is written to; `undefined` when it is not written to a terminal (no wrapping). */
  columns?: number | undefined
  /** Only files with messages (stylish). */
  quiet: boolean
  /** Tool version, for SARIF. */
  version: string
  /** The link check, when one ran (the markdown and HTML reports need it). */
  links?: LinkData | undefined
}

/** What the link reports read. */
export interface LinkData {
  /** One per unique URL, with its places, history and archived copy. */
  results: readonly UrlResult[]
  /** When the check ran (ms since the epoch). */
  checkedAt: number
  /** Prefix of the link to a `file#Lline` (`''`: relative to the repository root). */
  sourceBase: string
}
