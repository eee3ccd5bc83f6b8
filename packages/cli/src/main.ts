/** The `coursemark` command. */
import {readFile} from 'node:fs/promises'
import {parseCheckpoint} from '@coursemark/core'

/** Where `main` reads arguments and writes output. */
export interface MainOptions {
  argv: string[]
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  cwd?: string
}

/**
 * Run the command; resolves to the exit code: 0 clean, 1 problems found,
 * 2 could not run.
 */
export async function main(options: MainOptions): Promise<number> {
  const [command, ...rest] = options.argv
  if (command !== 'parse') {
    options.stderr.write('coursemark: usage: coursemark parse <file...>\n')
    return 2
  }

  let code = 0
  const results = []
  for (const path of rest) {
    let value: Uint8Array
    try {
      value = await readFile(path)
    } catch (error) {
      options.stderr.write(`coursemark: cannot read \`${path}\`: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`)
      code = 2
      continue
    }

    const {checkpoint, messages} = parseCheckpoint(value, {path})
    results.push({path, checkpoint, messages: messages.map((m) => ({ruleId: m.ruleId, message: m.reason, line: m.line, column: m.column}))})
  }

  options.stdout.write(JSON.stringify(results.length === 1 ? results[0]?.checkpoint : results, null, 2) + '\n')
  return code
}
