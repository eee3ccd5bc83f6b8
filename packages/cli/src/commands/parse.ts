/**
 * `coursemark parse <file...>`: one file prints its Checkpoint as JSON;
 * several print an array of `{path, checkpoint, messages}`; `--format
 * ndjson` prints one such object per line. Diagnostics of a single file go
 * to stderr. A file that cannot be read is one line on stderr and exit code
 * 2; the other files are still printed.
 */
import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'
import {parseCheckpoint} from '@coursemark/core'
import {displayPath, loadConfig, settingsFor} from '../config/config.js'
import {describeFsError, RunError} from '../errors.js'
import {toLintMessage} from '../lint/to-lint-message.js'
import {toJsonReport} from '../reporters/json.js'
import type {CommandContext} from '../types.js'

/** Parsed options of `coursemark parse`. */
export interface ParseValues {
  format?: string | undefined
  config?: string | undefined
}

/** Run `coursemark parse`. */
export async function parseCommand(paths: string[], values: ParseValues, context: CommandContext): Promise<number> {
  const format = values.format ?? 'json'
  if (format !== 'json' && format !== 'ndjson') {
    throw new RunError(`Unexpected \`--format ${format}\`, expected \`json\` or \`ndjson\``)
  }

  if (paths.length === 0) throw new RunError('Unexpected no files, expected `coursemark parse <file...>`')
  const config = await loadConfig(context.cwd, values.config)
  let code = 0
  const items = []

  for (const path of paths) {
    const absolute = resolve(context.cwd, path)
    const display = displayPath(absolute, context.cwd)
    let bytes: Uint8Array
    try {
      bytes = await readFile(absolute)
    } catch (error) {
      context.stderr.write(`coursemark: cannot read \`${path}\`: ${describeFsError(error)}\n`)
      code = 2
      continue
    }

    const {checkpoint, messages} = parseCheckpoint(bytes, {...settingsFor(config, absolute), path: display})
    const plain = messages.map((message) => toLintMessage(message))
    const [reported] = toJsonReport([{path: display, messages: plain, facts: {uuid: null, title: null, relative: [], external: []}}])
    if (code === 0 && plain.some((message) => message.severity === 'error')) code = 1
    const item = {path: display, checkpoint, messages: reported?.messages ?? []}
    if (format === 'ndjson') context.stdout.write(JSON.stringify(item) + '\n')
    else items.push(item)
  }

  if (format === 'json') {
    if (paths.length === 1) {
      const [item] = items
      if (item) {
        context.stdout.write(JSON.stringify(item.checkpoint, null, 2) + '\n')
        for (const message of item.messages) {
          const where = message.line === null ? '' : `:${message.line}:${message.column ?? 1}-${message.endLine ?? message.line}:${message.endColumn ?? message.column ?? 1}`
          context.stderr.write(`${item.path}${where}: ${message.severity} ${message.message} (${message.ruleId})\n`)
        }
      }
    } else {
      context.stdout.write(JSON.stringify(items, null, 2) + '\n')
    }
  }

  return code
}
