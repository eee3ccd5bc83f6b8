/** The default format: what `vfile-reporter` prints (remark-cli's look). */
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {reporter} from 'vfile-reporter'
import type {FileResult} from '../types.js'
import type {ReportContext} from './types.js'

/** Format results like remark-cli. */
export function stylish(results: FileResult[], context: ReportContext): string {
  const files = results.map((result) => {
    const file = new VFile({path: result.path})
    for (const item of result.messages) {
      const message = new VFileMessage(item.reason, {
        ...(item.place ? {place: item.place} : {}),
        ruleId: item.ruleId,
        source: item.source
      })
      message.file = result.path
      message.fatal = item.severity === 'error' ? true : item.severity === 'warning' ? false : undefined
      if (item.url) message.url = item.url
      file.messages.push(message)
    }

    return file
  })

  const text = reporter(files, {color: context.color, quiet: context.quiet})
  return text === '' ? '' : text + '\n'
}
