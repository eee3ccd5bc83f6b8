/**
 * Read the `@example` blocks of a rule's header comment, with the same reader
 * that writes the rule docs (`scripts/rules-docs.js`), so the tests run
 * exactly the examples the docs show.
 */
import {readRuleDocs} from '../../../scripts/rules-docs.js'

/**
 * One example: input markdown, options, the format it is read in and the
 * site flavour it belongs to (when given), and the expected messages
 * (`line:col-line:col: reason`).
 */
export interface Example {
  name: string
  config: unknown
  /** The lesson format the example is read in. */
  format: string | undefined
  /**
   * A site flavour (`"workbench"`: the example is a lesson of such a site),
   * or the site a rule's examples share (course rules): the site model's
   * fields beside the plain site of the example files.
   */
  site?: unknown
  input: string
  output: string[]
}

/** Parse the examples in the first `/** … *\/` comment of `source`. */
export function readExamples(source: string): Example[] {
  return readRuleDocs(source).examples.map((example) => ({...example, input: example.input + '\n'}))
}
