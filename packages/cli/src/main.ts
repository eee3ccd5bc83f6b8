/**
 * The `coursemark` command as a function: arguments in, exit code out.
 * 0 clean (or warnings only), 1 problems found, 2 could not run.
 */
import {parseArgs, type ParseArgsConfig} from 'node:util'
import {RunError} from './errors.js'
import type {CommandContext, MainOptions} from './types.js'
import {version} from './version.js'

type Options = NonNullable<ParseArgsConfig['options']>

/** Options of `coursemark lint` (and `links`, which shares the link options). */
export const lintOptions = {
  format: {type: 'string', short: 'f'},
  output: {type: 'string', short: 'o'},
  config: {type: 'string', short: 'c'},
  'max-warnings': {type: 'string'},
  fix: {type: 'boolean'},
  'fix-dry-run': {type: 'boolean'},
  cache: {type: 'boolean'},
  'cache-location': {type: 'string'},
  'changed-since': {type: 'string'},
  shard: {type: 'string'},
  workers: {type: 'string'},
  links: {type: 'boolean'},
  'allow-private': {type: 'boolean'},
  'links-cache': {type: 'string'},
  'no-links-cache': {type: 'boolean'},
  'links-concurrency': {type: 'string'},
  'links-timeout': {type: 'string'},
  'merge-cache': {type: 'boolean'},
  archive: {type: 'boolean'},
  'fix-archived': {type: 'boolean'},
  html: {type: 'string'},
  quiet: {type: 'boolean', short: 'q'},
  color: {type: 'boolean'},
  'no-color': {type: 'boolean'},
  debug: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'}
} as const satisfies Options

const parseOptions = {
  format: {type: 'string', short: 'f'},
  config: {type: 'string', short: 'c'},
  debug: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'}
} as const satisfies Options

const rulesOptions = {
  format: {type: 'string', short: 'f'},
  debug: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'}
} as const satisfies Options

const initOptions = {
  yes: {type: 'boolean', short: 'y'},
  'no-workflow': {type: 'boolean'},
  debug: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'}
} as const satisfies Options

const commands = ['lint', 'parse', 'links', 'rules', 'init'] as const

/** Usage, printed by `--help`. */
export const usage = `Usage: coursemark [command] [options] [paths...]

Commands:
  lint [paths...]    lint checkpoints (the default command)
  parse <file...>    print the parsed Checkpoint as JSON
  links [paths...]   check external links
  rules              list the rules, their presets and severities
  init               write a starter config and a CI workflow

Options of lint:
  -f, --format <name>       stylish (default), json, sarif, github, junit;
                            with a link check also markdown, html
  -o, --output <file>       write the report to a file (atomically)
  -c, --config <file>       use this config file instead of searching for one
      --max-warnings <n>    exit 1 when there are more than n warnings
      --fix                 apply safe fixes to the files
      --fix-dry-run         print the fixes as a diff instead
      --cache               skip files unchanged since the last run
      --cache-location <f>  cache file (default node_modules/.cache/coursemark/lint.json)
      --changed-since <ref> lint only files changed since a git ref
      --shard <i/n>         lint the i-th of n shares of the files (links: of the hosts)
      --workers <n>         worker threads (0: none; default: by file count and cores)
      --links               check external links too
      --allow-private       request private, loopback and link-local addresses too
      --links-cache <file>  link cache file (default node_modules/.cache/coursemark/links.json)
      --no-links-cache      use no link cache
      --links-concurrency <n>  link requests in flight at once
      --links-timeout <ms>  timeout of one link request
      --merge-cache <f...>  (links) merge the link caches of shards into the -o file
      --archive             look up archived copies of dead links (Wayback Machine)
      --fix-archived        with --fix: replace dead links by their archived copy
      --html <file>         also write the HTML link report to a file
  -q, --quiet               report only files with problems; no progress bar
      --color, --no-color   force colour on or off
      --debug               print stacks and statistics
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 could not run.
`

/**
 * Run the command; resolves to the exit code: 0 clean, 1 problems found,
 * 2 could not run. Never throws.
 */
export async function main(options: MainOptions): Promise<number> {
  const context: CommandContext = {
    stdout: options.stdout,
    stderr: options.stderr,
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
        ? `coursemark: ${describeArgumentError(code, message)}\n`
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

  if (first === '--help' || first === '-h' || first === 'help') {
    context.stdout.write(usage)
    return 0
  }

  const isCommand = (commands as readonly string[]).includes(first ?? '')
  const command = isCommand ? (first as (typeof commands)[number]) : 'lint'
  const rest = isCommand ? argv.slice(1) : argv

  switch (command) {
    case 'lint':
    case 'links': {
      const {values, positionals} = parseArgs({args: rest, options: lintOptions, allowPositionals: true, strict: true})
      if (values.help) {
        context.stdout.write(usage)
        return 0
      }

      const {lint} = await import('./lint.js')
      return lint(positionals, values, context, command === 'links')
    }

    case 'parse': {
      const {values, positionals} = parseArgs({args: rest, options: parseOptions, allowPositionals: true, strict: true})
      if (values.help) {
        context.stdout.write('Usage: coursemark parse [--format json|ndjson] [--config <file>] <file...>\n')
        return 0
      }

      const {parseCommand} = await import('./parse-command.js')
      return parseCommand(positionals, values, context)
    }

    case 'rules': {
      const {values, positionals} = parseArgs({args: rest, options: rulesOptions, allowPositionals: true, strict: true})
      if (values.help) {
        context.stdout.write('Usage: coursemark rules [--format table|json]\n')
        return 0
      }

      if (positionals.length > 0) throw new RunError(`Unexpected argument \`${positionals[0] ?? ''}\`, expected none`)
      const {rulesCommand} = await import('./rules.js')
      return rulesCommand(values, context)
    }

    case 'init': {
      const {values, positionals} = parseArgs({args: rest, options: initOptions, allowPositionals: true, strict: true})
      if (values.help) {
        context.stdout.write('Usage: coursemark init [--yes] [--no-workflow]\n')
        return 0
      }

      if (positionals.length > 0) throw new RunError(`Unexpected argument \`${positionals[0] ?? ''}\`, expected none`)
      const {init} = await import('./init.js')
      return init(context, {yes: values.yes, noWorkflow: values['no-workflow']})
    }
  }
}

/** One line for an error of `parseArgs`. */
function describeArgumentError(code: string, message: string): string {
  const option = /'([^']+)'/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return `Unexpected option \`${option}\`, expected an option listed by \`coursemark --help\``
  }

  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return `Unexpected use of \`${option.replace(/ <value>$/, '')}\`: ${message.includes('argument missing') ? 'expected a value after it' : 'it takes no value'}`
  }

  return `${message.split('\n')[0] ?? message} (see \`coursemark --help\`)`
}
