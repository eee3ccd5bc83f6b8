/**
 * Frontmatter validation. (Interim: presence and `time`; the JSON Schema
 * validation with ajv replaces this module.)
 */
import type {VFileMessage} from 'vfile-message'
import {parseDuration} from './duration.js'
import type {ParsedFrontmatter} from './frontmatter.js'
import {createMessage} from './messages.js'

/** Options for `validateFrontmatter`. */
export interface ValidateOptions {
  file?: string | undefined
}

/**
 * Validate parsed frontmatter; `null` means the file has none.
 * Returns one message per problem, at the key or value.
 */
export function validateFrontmatter(
  frontmatter: ParsedFrontmatter | null,
  options: ValidateOptions = {}
): VFileMessage[] {
  if (!frontmatter) {
    return [
      createMessage('Unexpected missing frontmatter, expected a `---` block with `title` and `time`', {
        ruleId: 'frontmatter-schema',
        place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}},
        file: options.file
      })
    ]
  }

  const data = frontmatter.data
  if (!data) return []
  const messages: VFileMessage[] = []
  if ('time' in data) {
    const result = parseDuration(data.time)
    if (!result.ok) {
      messages.push(
        createMessage(
          `Unexpected \`time\` value \`${JSON.stringify(data.time)}\`, ${result.reason}`,
          {ruleId: 'frontmatter-schema', place: frontmatter.locate(['time'], 'value'), file: options.file}
        )
      )
    }
  }

  return messages
}
