/**
 * `coursemark links`: its own short pipeline over the state `coursemark
 * lint` uses, sharing the config, the file walk, the ignores, the worker pool
 * and the cache with it: find the files, read each one's links (core's
 * `extractLinkUses`, `links/read-links.ts`; no rule runs), check them (the
 * link stage `lint --links` runs too), write the fixes, report only the link
 * messages, and work out the exit code. `--merge-cache` merges the link
 * caches of a sharded run instead.
 */
import {createRequire} from 'node:module'
import {readLintFlags, type LintFlags, type LintValues} from '../lint/lint-flags.js'
import {lintTasks} from '../lint/lint-files.js'
import {checkLinks, startLinks} from '../links/link-stage.js'
import type {CommandContext} from '../types.js'
import {runOverFiles} from './lint.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

/** Run `coursemark links`. */
export async function links(inputs: string[], values: LintValues, context: CommandContext): Promise<number> {
  const flags = readLintFlags(values, context, 'links', inputs.includes('-'))
  if (values['merge-cache']) return mergeLinkCaches(inputs, flags, context)
  return runOverFiles(inputs, flags, context, async (state) => {
    await (require('../links/phase.js') as typeof import('../links/phase.js')).checkLinkCache(state.config, flags.linkFlags, context)
    const checking = startLinks(state)
    await lintTasks(state)
    await checkLinks(state, await checking)
    // Only the link check's findings: the input checks of a file are the lint's to report.
    for (const {result} of state.linted) result.messages = result.messages.filter((message) => message.ruleId.startsWith('link-'))
  })
}

/** `coursemark links --merge-cache a.json b.json -o cache.json`. */
async function mergeLinkCaches(inputs: string[], flags: LintFlags, context: CommandContext): Promise<number> {
  const {mergeCacheFiles} = require('../links/phase.js') as typeof import('../links/phase.js')
  return mergeCacheFiles(inputs, flags.values.output, context)
}
