/** Report formats: each turns the results into the text written to stdout or `--output`. */
import type {FileResult} from '../types.js'
import {RunError} from '../errors.js'
import type {LinkData, ReportContext} from './report-context.js'

/** Names of the formats (`markdown` and `html` report link checks). */
export const formats = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown', 'html'] as const

/** A format name. */
export type Format = (typeof formats)[number]

/** Format the results (files sorted by path, messages by position). */
export async function report(format: Format, results: FileResult[], context: ReportContext): Promise<string> {
  switch (format) {
    case 'stylish': {
      const {stylish} = await import('./stylish.js')
      return stylish(results, context)
    }

    case 'json': {
      const {json} = await import('./json.js')
      return json(results)
    }

    case 'sarif': {
      const {sarif} = await import('./sarif.js')
      return sarif(results, context)
    }

    case 'github': {
      const {github} = await import('./github.js')
      return github(results)
    }

    case 'junit': {
      const {junit} = await import('./junit.js')
      return junit(results)
    }

    case 'markdown': {
      const {markdown} = await import('./markdown.js')
      return markdown(linkData(format, context))
    }

    case 'html': {
      const {html} = await import('./html.js')
      return html(linkData(format, context))
    }
  }
}

function linkData(format: Format, context: ReportContext): LinkData {
  if (!context.links) throw new RunError(`Unexpected \`--format ${format}\` without a link check, expected \`coursemark links\` or \`lint --links\``)
  return context.links
}
