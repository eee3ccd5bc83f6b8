/**
 * Rules that report the model's own diagnostics (YAML and frontmatter
 * problems found while building the Checkpoint) instead of finding their own.
 */
import type {ParsedFrontmatter} from '@coursemark/core'
import type {Root} from 'mdast'
import type {Plugin} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

const ownFatal = new WeakMap<VFileMessage, boolean | null | undefined>()

/**
 * Report a diagnostic of the model as a message of the running rule: same
 * reason, place, `actual`, `expected` and `cause`. Its own severity is kept
 * for `keepSeverity`.
 */
export function reportModelMessage(file: VFile, found: VFileMessage): VFileMessage {
  const message = file.message(found.reason, {
    place: found.place ?? undefined,
    cause: found.cause instanceof Error ? found.cause : undefined
  })
  if (found.actual !== undefined) message.actual = found.actual
  if (found.expected !== undefined) message.expected = found.expected
  ownFatal.set(message, found.fatal)
  return message
}

/**
 * Wrap a rule so that each message reported with `reportModelMessage` keeps
 * its own severity, capped by the rule's: at `error` a warning stays a
 * warning (unified-lint-rule would make every message an error); at `warn`
 * everything is a warning.
 */
export function keepSeverity<Option>(plugin: Plugin<Root, Option>): Plugin<Root, Option> {
  const wrapped: Plugin<Root, Option> = function (config) {
    const transform = plugin(config)
    if (!transform) return undefined
    return function (tree, file, next) {
      const from = file.messages.length
      transform(tree, file, function (error, ...rest) {
        for (const message of file.messages.slice(from)) {
          const own = ownFatal.get(message)
          if (message.fatal === true && own !== true && ownFatal.has(message)) {
            message.fatal = own ?? undefined
          }
        }

        next(error, ...rest)
      })
      return undefined
    }
  }

  Object.defineProperty(wrapped, 'name', {value: plugin.name})
  return wrapped
}

/**
 * Whether a frontmatter message of the model is the `timeHours` disagreement
 * (a `timeHours` that does not match `time`), which `time-hours-consistent`
 * reports and `frontmatter-schema` leaves out.
 */
export function isTimeHoursDisagreement(
  message: VFileMessage,
  frontmatter: ParsedFrontmatter | null
): boolean {
  if (message.ruleId !== 'frontmatter-schema' || !frontmatter) return false
  const place = frontmatter.locate(['timeHours'], 'value')
  const start = message.place && 'start' in message.place ? message.place.start : message.place
  return (
    place !== undefined &&
    start?.offset === place.start.offset &&
    /agree with `time`/.test(message.reason)
  )
}
