/**
 * The `coursemark` command as a function: arguments in, exit code out.
 * 0 clean (or warnings only), 1 problems found, 2 could not run.
 */
import {lstatSync} from 'node:fs'
import {createRequire} from 'node:module'
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {RunError} from './errors.js'
import {commandHelp, commandNames, courseOptions, globalHelp, initOptions, lintOptions, parseOptions, rulesOptions, type CommandName} from './options.js'
import type {CommandContext, MainOptions} from './types.js'
import {version} from './version.js'

/**
 * Loads a command's modules. The CLI loads coursemark's own modules (its own,
 * core's, the plugin's) on demand with `require`, never with `import()`:
 * - `require` of ES modules (Node.js 20.19 and later) reads them
 *   synchronously, which on Node 20 is much faster than `import()`, whose
 *   loader reads each file with three round trips to the thread pool
 *   (docs/performance.md, "Loading the modules");
 * - on Node 20, a `require` of a module that an `import()` is still loading
 *   fails ("request for './x.js' is not in cache"), and the lint and the link
 *   stage load side by side: the two must not be mixed (`test/bin.test.ts`
 *   checks the sources).
 */
const require = createRequire(import.meta.url)

/** Usage, printed by `--help`. */
export const usage = globalHelp()

/** Options of `coursemark lint` (and `links`). */
export {lintOptions}

/**
 * Run the command; resolves to the exit code: 0 clean, 1 problems found,
 * 2 could not run. Never throws.
 */
export async function main(options: MainOptions): Promise<number> {
  const context: CommandContext = {
    stdout: options.stdout,
    stderr: options.stderr,
    stdin: options.stdin ?? process.stdin,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    now: options.now ?? Date.now
  }
  const debug = options.argv.includes('--debug')

  try {
    return await dispatch(options.argv, context)
  } catch (error) {
    if (error instanceof RunError) {
      for (const line of error.details) context.stderr.write(`coursemark: ${line}\n`)
      context.stderr.write(`coursemark: ${error.message}\n`)
      if (debug && error.stack) context.stderr.write(error.stack + '\n')
      return 2
    }

    const message = error instanceof Error ? error.message : String(error)
    const code = (error as NodeJS.ErrnoException | undefined)?.code
    const argumentError = typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
    context.stderr.write(
      argumentError
        ? `coursemark: ${describeArgumentError(code, message, options.argv)}\n`
        : `coursemark: internal error: ${message.split('\n')[0] ?? message}${debug ? '' : ' (run with --debug for details)'}\n`
    )
    if (debug && error instanceof Error && error.stack) context.stderr.write(error.stack + '\n')
    return 2
  }
}

async function dispatch(argv: string[], context: CommandContext): Promise<number> {
  const first = argv[0]
  if (first === '--version' || first === '-v') {
    context.stdout.write(version + '\n')
    return 0
  }

  if (first === '--help' || first === '-h') {
    context.stdout.write(usage)
    return 0
  }

  // `coursemark help <command>`, as git and npm take it.
  if (first === 'help') {
    const name = argv[1]
    context.stdout.write(name !== undefined && (commandNames as readonly string[]).includes(name) ? commandHelp(name as CommandName) : usage)
    return 0
  }

  const isCommand = (commandNames as readonly string[]).includes(first ?? '')
  if (!isCommand && first !== undefined) await checkNotACommand(first, context)
  const command: CommandName = isCommand ? (first as CommandName) : 'lint'
  const rest = isCommand ? argv.slice(1) : argv

  switch (command) {
    case 'lint':
    case 'links': {
      const {values, positionals} = parseArgs({args: rest, options: lintOptions, allowPositionals: true, strict: true})
      if (values.help) return help(command, context)
      // Two pipelines with the same options: `links` reads only the links and runs no rule.
      const run =
        command === 'lint'
          ? (require('./commands/lint.js') as typeof import('./commands/lint.js')).lint
          : (require('./commands/links.js') as typeof import('./commands/links.js')).links
      return run(positionals, values, context)
    }

    case 'parse': {
      const {values, positionals} = parseArgs({args: rest, options: parseOptions, allowPositionals: true, strict: true})
      if (values.help) return help(command, context)
      const {parseCommand} = require('./commands/parse.js') as typeof import('./commands/parse.js')
      return parseCommand(positionals, values, context)
    }

    case 'course': {
      const {values, positionals} = parseArgs({args: rest, options: courseOptions, allowPositionals: true, strict: true})
      if (values.help) return help(command, context)
      const {courseCommand} = require('./commands/course.js') as typeof import('./commands/course.js')
      return courseCommand(positionals, values, context)
    }

    case 'rules': {
      const {values, positionals} = parseArgs({args: rest, options: rulesOptions, allowPositionals: true, strict: true})
      if (values.help) return help(command, context)
      if (positionals.length > 0) throw new RunError(`Unexpected argument \`${positionals[0] ?? ''}\`, expected none`)
      const {rulesCommand} = require('./commands/rules.js') as typeof import('./commands/rules.js')
      return rulesCommand(values, context)
    }

    case 'init': {
      const {values, positionals} = parseArgs({args: rest, options: initOptions, allowPositionals: true, strict: true})
      if (values.help) return help(command, context)
      if (positionals.length > 0) throw new RunError(`Unexpected argument \`${positionals[0] ?? ''}\`, expected none`)
      const {init} = require('./commands/init.js') as typeof import('./commands/init.js')
      return init(context, {yes: values.yes, noWorkflow: values['no-workflow']})
    }
  }
}

function help(command: CommandName, context: CommandContext): number {
  context.stdout.write(commandHelp(command))
  return 0
}

/**
 * `coursemark <path>` lints the path, so a first word that is no command is a
 * path, unless it cannot be one: it names nothing on disk, is no glob, and is
 * a typo of a command or a bare word (letters, digits and `-`, no `.`) that
 * reads like one. Then it is a mistyped command: exit 2, rather than a lint
 * of a path that does not exist.
 */
async function checkNotACommand(word: string, context: CommandContext): Promise<void> {
  if (word.startsWith('-') || /[*?[\]{}!/\\.]/.test(word)) return
  try {
    lstatSync(resolve(context.cwd, word))
    return
  } catch {
    // Not a path: maybe a command.
  }

  const {closestMatch} = require('@coursemark/core/internal') as typeof import('@coursemark/core/internal')
  const suggestion = closestMatch(word, commandNames)
  if (suggestion === undefined && !/^[a-z][a-z\d-]*$/i.test(word)) return
  const expected = commandNames.map((name) => '`' + name + '`').join(', ')
  throw new RunError(
    `Unexpected command \`${word}\`, expected one of ${expected}${suggestion ? `; did you mean \`${suggestion}\`?` : ' or an existing path'}`
  )
}

/** One line for an error of `parseArgs`. */
function describeArgumentError(code: string, message: string, argv: string[]): string {
  const first = argv[0] ?? ''
  const help = `\`coursemark ${(commandNames as readonly string[]).includes(first) ? first : 'lint'} --help\``
  const option = /'([^']+)'/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return `Unexpected option \`${option}\`, expected an option listed by ${help}`
  }

  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return `Unexpected use of \`${option.replace(/ <value>$/, '')}\`: ${message.includes('argument missing') ? 'expected a value after it' : 'it takes no value'}`
  }

  return `${message.split('\n')[0] ?? message} (see ${help})`
}
