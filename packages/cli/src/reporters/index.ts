/** Report formats: each turns the results into the text written to stdout or `--output`. */
import {createRequire} from 'node:module'
import type {FileResult} from '../types.js'
import {RunError} from '../errors.js'
import type {LinkData, ReportContext} from './report-context.js'

/** `require` of ES modules loaded on demand: on Node 20 much faster than `import()` (see `main.ts`). */
const require = createRequire(import.meta.url)

/** Names of the formats (`markdown` and `html` report link checks). */
export const formats = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown', 'html'] as const

/** A format name. */
export type Format = (typeof formats)[number]

/** Format the results (files sorted by path, messages by position). */
export async function report(format: Format, results: FileResult[], context: ReportContext): Promise<string> {
  switch (format) {
    case 'stylish': {
      const {stylish} = require('./stylish.js') as typeof import('./stylish.js')
      return stylish(results, context)
    }

    case 'json': {
      const {json} = require('./json.js') as typeof import('./json.js')
      return json(results)
    }

    case 'sarif': {
      const {sarif} = require('./sarif.js') as typeof import('./sarif.js')
      return sarif(results, context)
    }

    case 'github': {
      const {github} = require('./github.js') as typeof import('./github.js')
      return github(results)
    }

    case 'junit': {
      const {junit} = require('./junit.js') as typeof import('./junit.js')
      return junit(results)
    }

    case 'markdown': {
      const {markdown} = require('./markdown.js') as typeof import('./markdown.js')
      return markdown(linkData(format, context))
    }

    case 'html': {
      const {html} = require('./html.js') as typeof import('./html.js')
      return html(linkData(format, context))
    }
  }
}

function linkData(format: Format, context: ReportContext): LinkData {
  if (!context.links) throw new RunError(`Unexpected \`--format ${format}\` without a link check, expected \`coursemark links\` or \`lint --links\``)
  return context.links
}
