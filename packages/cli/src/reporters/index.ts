/** Report formats: each turns the results into the text written to stdout or `--output`. */
import type {FileResult} from '../types.js'
import type {ReportContext} from './types.js'

/** Names of the formats. */
export const formats = ['stylish', 'json', 'sarif', 'github', 'junit'] as const

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
  }
}
