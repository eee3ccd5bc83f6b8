/**
 * The commands and their options: one table that both parses the arguments
 * (`parseArgs` reads `type` and `short`) and writes the help (`value`, `help`,
 * `group`), so a flag the command accepts cannot go undocumented.
 */
import {wrapWords} from './wrap-words.js'

/** One option: what `parseArgs` needs, and its line of help. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  /** Name of the value in the help (`--format <name>`); string options only. */
  readonly value?: string
  /** What it does, one sentence (wrapped to fit the help's width). */
  readonly help: string
  /** Heading the option is listed under. */
  readonly group: string
}

/** A command: its usage line, description, options, examples. */
export interface CommandSpec {
  /** Arguments after `coursemark <command>`. */
  readonly arguments: string
  /** One line for `coursemark --help`. */
  readonly summary: string
  /** The paragraph under the usage line of the command's help. */
  readonly description: string
  readonly options: Readonly<Record<string, OptionSpec>>
  readonly examples: readonly string[]
  /** The last line of the help. */
  readonly exitCodes: string
}

const common = {
  debug: {type: 'boolean', help: 'print stacks and statistics', group: 'Other'},
  help: {type: 'boolean', short: 'h', help: 'show this help', group: 'Other'}
} as const satisfies Record<string, OptionSpec>

/** Options of `coursemark lint` (and `links`, which shares them). */
export const lintOptions = {
  format: {
    type: 'string',
    short: 'f',
    value: 'name',
    help: 'stylish (default), json, sarif, github, junit; with a link check also markdown, html',
    group: 'Output'
  },
  output: {type: 'string', short: 'o', value: 'file', help: 'write the report to a file (atomically)', group: 'Output'},
  'max-warnings': {type: 'string', value: 'n', help: 'exit 1 when there are more than n warnings', group: 'Output'},
  quiet: {type: 'boolean', short: 'q', help: 'report only files with problems; no progress bar', group: 'Output'},
  color: {type: 'boolean', help: 'force colour on', group: 'Output'},
  'no-color': {type: 'boolean', help: 'force colour off', group: 'Output'},
  config: {type: 'string', short: 'c', value: 'file', help: 'use this config file instead of searching for one', group: 'Files'},
  'stdin-filename': {
    type: 'string',
    value: 'path',
    help: 'with `-` as the path: the path of the lesson read from stdin (for config, relative links, messages)',
    group: 'Files'
  },
  'changed-since': {type: 'string', value: 'ref', help: 'lint only files changed since a git ref', group: 'Files'},
  shard: {type: 'string', value: 'i/n', help: 'lint the i-th of n shares of the files (links: of the hosts)', group: 'Files'},
  workers: {type: 'string', value: 'n', help: 'worker threads (0: none; default: by file count and cores)', group: 'Files'},
  cache: {type: 'boolean', help: 'skip files unchanged since the last run', group: 'Files'},
  'cache-location': {
    type: 'string',
    value: 'file',
    help: 'cache file (default .coursemark/cache/lint.json; with a package.json node_modules/.cache/coursemark/lint.json)',
    group: 'Files'
  },
  fix: {type: 'boolean', help: 'apply safe fixes to the files; a summary goes to stderr', group: 'Fixes'},
  'fix-dry-run': {
    type: 'boolean',
    help: 'print the fixes as a diff instead (on stderr when the format is not stylish)',
    group: 'Fixes'
  },
  links: {type: 'boolean', help: '(lint) check external links too', group: 'Links'},
  'allow-private': {type: 'boolean', help: 'request private, loopback and link-local addresses too', group: 'Links'},
  'links-cache': {
    type: 'string',
    value: 'file',
    help: 'link cache file (default links.json beside the lint cache)',
    group: 'Links'
  },
  'no-links-cache': {type: 'boolean', help: 'use no link cache', group: 'Links'},
  'links-concurrency': {type: 'string', value: 'n', help: 'link requests in flight at once', group: 'Links'},
  'links-timeout': {type: 'string', value: 'ms', help: 'timeout of one link request', group: 'Links'},
  'merge-cache': {type: 'boolean', help: '(links) merge the link caches of shards (the paths) into the -o file', group: 'Links'},
  archive: {type: 'boolean', help: 'look up archived copies of dead links (Wayback Machine)', group: 'Links'},
  'fix-archived': {type: 'boolean', help: 'with --fix: replace dead links by their archived copy', group: 'Links'},
  html: {type: 'string', value: 'file', help: 'also write the HTML link report to a file', group: 'Links'},
  ...common
} as const satisfies Record<string, OptionSpec>

/** Options of `coursemark parse`. */
export const parseOptions = {
  format: {type: 'string', short: 'f', value: 'name', help: 'json (default) or ndjson (one line per file)', group: 'Options'},
  config: {type: 'string', short: 'c', value: 'file', help: 'use this config file instead of searching for one', group: 'Options'},
  ...common
} as const satisfies Record<string, OptionSpec>

/** Options of `coursemark course`. */
export const courseOptions = {
  format: {type: 'string', short: 'f', value: 'name', help: 'text (default) or json (the Course object)', group: 'Options'},
  config: {type: 'string', short: 'c', value: 'file', help: 'use this config file instead of searching for one', group: 'Options'},
  ...common
} as const satisfies Record<string, OptionSpec>

/** Options of `coursemark rules`. */
export const rulesOptions = {
  format: {type: 'string', short: 'f', value: 'name', help: 'table (default) or json', group: 'Options'},
  ...common
} as const satisfies Record<string, OptionSpec>

/** Options of `coursemark init`. */
export const initOptions = {
  yes: {type: 'boolean', short: 'y', help: 'write the files without asking (needed where there is no terminal)', group: 'Files'},
  'no-workflow': {type: 'boolean', help: 'write no GitHub Actions workflow', group: 'Files'},
  ...common
} as const satisfies Record<string, OptionSpec>

const exitCodes = 'Exit codes: 0 no errors (warnings allowed), 1 errors found (or more warnings than --max-warnings), 2 could not run.'
const doneCodes = 'Exit codes: 0 done, 2 could not run.'

/** Every command, in the order of the help. */
export const commands = {
  lint: {
    arguments: '[options] [paths...]',
    summary: 'lint checkpoints (the default command)',
    description:
      'Lint the markdown files in the paths (files, folders, globs; default `.`). `-` reads one lesson from stdin. `coursemark <paths...>` is `coursemark lint <paths...>`.',
    options: lintOptions,
    examples: ['coursemark lint lessons', 'coursemark lint --fix', 'coursemark lint - --stdin-filename lessons/intro.md < draft.md'],
    exitCodes
  },
  links: {
    arguments: '[options] [paths...]',
    summary: 'check external links',
    description: 'Check the external links and images of the markdown files in the paths (default `.`), with a cache.',
    options: lintOptions,
    examples: ['coursemark links', 'coursemark links -f html -o links.html'],
    exitCodes
  },
  parse: {
    arguments: '[options] <file...>',
    summary: 'print the parsed Checkpoint as JSON',
    description: 'Print the Checkpoint model of each file as JSON; the messages of a single file go to stderr.',
    options: parseOptions,
    examples: ['coursemark parse lessons/intro.md'],
    exitCodes: 'Exit codes: 0 no errors, 1 errors in a file, 2 could not run.'
  },
  course: {
    arguments: '[options] [dir]',
    summary: 'print the course: modules, lessons, minutes, missing lessons',
    description:
      'Print the course of the repository in dir (default `.`): its modules and lessons in the site\'s order, the minutes of each and in all, the lessons the order lists that are missing (at the list entry) and those no order lists. The files are those `lint` would lint.',
    options: courseOptions,
    examples: ['coursemark course', 'coursemark course lesson -f json'],
    exitCodes: 'Exit codes: 0 done, 1 a listed lesson is missing, 2 could not run.'
  },
  rules: {
    arguments: '[options]',
    summary: 'list the rules, their presets and severities',
    description: 'List every rule: its severity in the recommended and strict presets, whether --fix fixes it, what it checks.',
    options: rulesOptions,
    examples: ['coursemark rules', 'coursemark rules -f json'],
    exitCodes: doneCodes
  },
  init: {
    arguments: '[options]',
    summary: 'write a starter config and a CI workflow',
    description:
      'Detect the format, then write a commented starter config and a GitHub Actions workflow (and, without package.json, add .coursemark/ to .gitignore); on a terminal it shows the files and asks first. Existing files are kept.',
    options: initOptions,
    examples: ['coursemark init', 'coursemark init --yes --no-workflow'],
    exitCodes: doneCodes
  }
} as const satisfies Record<string, CommandSpec>

/** A command name. */
export type CommandName = keyof typeof commands

/** The command names. */
export const commandNames = Object.keys(commands) as CommandName[]

/** Width of the help. */
const width = 80

/** `coursemark --help`. */
export function globalHelp(): string {
  const names = commandNames.map((name) => `${name} ${commands[name].arguments.replace('[options] ', '').replace('[options]', '')}`.trimEnd())
  const column = Math.max(...names.map((name) => name.length)) + 4
  const lines = [
    'Usage: coursemark <command> [options] [paths...]',
    '',
    'Lint course checkpoints written in markdown, and check their links.',
    '',
    'Commands:',
    ...commandNames.map((name, index) => table(`  ${names[index] ?? name}`, commands[name].summary, column)),
    '',
    'Options:',
    table('  -h, --help', 'show this help', column),
    table('  -v, --version', 'show the version', column),
    '',
    ...wrapWords('Run `coursemark <command> --help` for the options of a command. Without a command, `coursemark [paths...]` lints the paths.', width),
    ...wrapWords(exitCodes, width)
  ]
  return lines.join('\n') + '\n'
}

/** `coursemark <command> --help`. */
export function commandHelp(name: CommandName): string {
  const command: CommandSpec = commands[name]
  const entries = Object.entries(command.options)
  const flags = new Map(entries.map(([option, spec]) => [option, flagText(option, spec)]))
  // Descriptions start two columns after the longest flag, but never so far right that they get cramped.
  const column = Math.min(Math.max(...[...flags.values()].map((flag) => flag.length)) + 2, 32)
  const lines = [`Usage: coursemark ${name} ${command.arguments}`, '', ...wrapWords(command.description, width)]
  const groups = [...new Set(entries.map(([, spec]) => spec.group))]
  for (const group of groups) {
    lines.push('', group + ':')
    for (const [option, spec] of entries) if (spec.group === group) lines.push(table(flags.get(option) ?? option, spec.help, column))
  }

  lines.push('', 'Examples:', ...command.examples.map((example) => '  ' + example), '', ...wrapWords(command.exitCodes, width))
  return lines.join('\n') + '\n'
}

/** `  -f, --format <name>` */
function flagText(name: string, spec: OptionSpec): string {
  const short = spec.short === undefined ? '    ' : `-${spec.short}, `
  return `  ${short}--${name}${spec.value === undefined ? '' : ` <${spec.value}>`}`
}

/** A term and its description from `column` on, wrapped; a term too wide puts the description on the next line. */
function table(term: string, description: string, column: number): string {
  const lines = wrapWords(description, width - column)
  const first = term.length + 2 <= column ? term.padEnd(column) + (lines[0] ?? '') : term + '\n' + ' '.repeat(column) + (lines[0] ?? '')
  return [first, ...lines.slice(1).map((line) => ' '.repeat(column) + line)].join('\n')
}
