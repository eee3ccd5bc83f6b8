/**
 * A tiny site builder for the course tests: a repository with a
 * `course-order.txt` (`## module` lines, then lesson paths) lists its
 * lessons in that order, so the course has modules, a missing entry at its
 * line and orphans whatever format builders the build has.
 */
import {siteBuilders, plainSite, type SiteBuilder} from '../../core/dist/site/index.js'

const orderFile = 'course-order.txt'

/** The builder. */
export const orderBuilder: SiteBuilder = {
  flavour: 'checkpoint',
  format: 'checkpoint',
  detect: (repository) => (repository.paths.includes(orderFile) ? [`\`${orderFile}\` lists the lessons`] : undefined),
  build(repository, options, reasons) {
    const site = plainSite(repository, options, 'checkpoint', reasons)
    site.modules = []
    site.ordered = true
    for (const [index, line] of (repository.read(orderFile) ?? '').split('\n').entries()) {
      const text = line.trim()
      if (text === '' || text.startsWith('# ')) continue
      if (text.startsWith('## ')) {
        site.modules.push({title: text.slice(3), path: orderFile, lessons: []})
        continue
      }

      if (Object.hasOwn(site.files, text)) site.modules.at(-1)?.lessons.push(text)
      else site.missing.push({path: text, file: orderFile, line: index + 1, column: 1})
    }

    return site
  }
}

/** Add the builder to core's list (once). */
export function useOrderBuilder(): void {
  const builders = siteBuilders as SiteBuilder[]
  if (!builders.includes(orderBuilder)) builders.push(orderBuilder)
}
