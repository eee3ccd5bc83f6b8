/**
 * Where each rule id is documented. A module of its own, without the message
 * library, so that what only needs a rule's URL (the CLI's cross-file rules
 * in a cached rerun) does not load it.
 */

/** The README that documents every rule id under a heading of its own. */
const rulesReadme = 'https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md'

/**
 * The documentation URL of a rule id: its heading in the remark plugin's
 * README (GitHub's slug of `` `id` `` is the id). Every diagnostic's `url` is
 * built here.
 */
export function ruleUrl(id: string): string {
  return rulesReadme + '#' + id
}
