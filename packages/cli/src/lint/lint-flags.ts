/** The options of `coursemark lint` and `coursemark links`, read and checked before anything runs. */
import {resolve} from 'node:path'
import {RunError} from '../errors.js'
import {parseShard} from '../files/find-files.js'
import {checkLinkReportFlags} from '../links/report-flags.js'
import type {LinkFlags} from '../links/phase.js'
import {formats, type Format} from '../reporters/index.js'
import type {CommandContext, Reader} from '../types.js'

/** Parsed options of `coursemark lint`. */
export interface LintValues {
  format?: string | undefined
  output?: string | undefined
  config?: string | undefined
  'max-warnings'?: string | undefined
  fix?: boolean | undefined
  'fix-dry-run'?: boolean | undefined
  cache?: boolean | undefined
  'cache-location'?: string | undefined
  'changed-since'?: string | undefined
  shard?: string | undefined
  workers?: string | undefined
  links?: boolean | undefined
  'allow-private'?: boolean | undefined
  'links-cache'?: string | undefined
  'no-links-cache'?: boolean | undefined
  'links-concurrency'?: string | undefined
  'links-timeout'?: string | undefined
  'merge-cache'?: boolean | undefined
  archive?: boolean | undefined
  'fix-archived'?: boolean | undefined
  html?: string | undefined
  quiet?: boolean | undefined
  color?: boolean | undefined
  'no-color'?: boolean | undefined
  debug?: boolean | undefined
  'stdin-filename'?: string | undefined
}

/** What the options ask for, checked. */
export interface LintFlags {
  values: LintValues
  format: Format
  maxWarnings: number | undefined
  workers: number | undefined
  /** `lint --shard i/n` (the files; `links --shard` splits the URLs by host: `linkFlags.shard`). */
  shard: {index: number; count: number} | undefined
  /** What reads each file: the lint engine, or for `coursemark links` the link reader. */
  reader: Reader
  /** Check links (`links`, or `lint --links`). */
  links: boolean
  /** Compute the rules' fixes (`--fix` or `--fix-dry-run`, not for `links`, which runs no rule). */
  fixing: boolean
  linkFlags: LinkFlags
}

/** Read the options of the command whose files `reader` reads; a bad one is a `RunError` (exit code 2). */
export function readLintFlags(values: LintValues, context: CommandContext, reader: Reader, inputsReadStdin = false): LintFlags {
  const linksCommand = reader === 'links'
  const format = parseFormat(values.format)
  const maxWarnings = values['max-warnings'] === undefined ? undefined : parseCount(values['max-warnings'], '--max-warnings')
  const workers = values.workers === undefined ? undefined : parseCount(values.workers, '--workers')
  const shard = values.shard === undefined ? undefined : parseShard(values.shard)
  if (values.fix && values['fix-dry-run']) {
    throw new RunError('Unexpected `--fix` with `--fix-dry-run`, expected one of them')
  }

  checkLinkReportFlags(format, values, linksCommand || Boolean(values.links))
  if (values['stdin-filename'] !== undefined && !inputsReadStdin) {
    throw new RunError('Unexpected `--stdin-filename` without `-` as the path, expected `coursemark lint - --stdin-filename <path>`')
  }

  const linkCount = (name: 'links-concurrency' | 'links-timeout') => {
    const value = values[name]
    return value === undefined ? undefined : parseCount(value, '--' + name)
  }

  const linkFlags: LinkFlags = {
    allowPrivate: values['allow-private'],
    cache: values['links-cache'] === undefined ? undefined : resolve(context.cwd, values['links-cache']),
    noCache: values['no-links-cache'],
    concurrency: linkCount('links-concurrency'),
    timeout: linkCount('links-timeout'),
    shard: linksCommand ? shard : undefined,
    archive: values.archive || values['fix-archived'] ? true : undefined,
    now: context.now,
    progress: Boolean(context.stderr.isTTY) && !context.env.CI && !values.quiet
  }

  return {
    values,
    format,
    maxWarnings,
    workers,
    shard: linksCommand ? undefined : shard,
    reader,
    links: linksCommand || Boolean(values.links),
    fixing: Boolean(values.fix || values['fix-dry-run']) && !linksCommand,
    linkFlags
  }
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'stylish'
  if ((formats as readonly string[]).includes(value)) return value as Format
  throw new RunError(`Unexpected \`--format ${value}\`, expected ${formats.map((item) => '`' + item + '`').join(', ')}`)
}

/** Parse a non-negative integer option. */
export function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) {
    throw new RunError(`Unexpected \`${flag} ${value}\`, expected a whole number such as \`0\` or \`10\``)
  }

  return Number(value)
}
