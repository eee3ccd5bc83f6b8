/**
 * The shape of a loaded config (plain data, sent to workers as it is), and
 * how paths and config problems are shown to the user.
 */
import {dirname, resolve, sep} from 'node:path'
import type {FormatName} from '@coursemark/core'
import type {PresetName, RuleConfig, RuleSeverity} from '../rule-meta.js'
import type {VFileMessage} from 'vfile-message'
import {plainlyInside, relativePath} from './paths.js'

/** Plain JSON. */
export type Json = string | number | boolean | null | Json[] | {[key: string]: Json}

/** Frontmatter validation settings, with the custom schema read. */
export interface FrontmatterSettings {
  /** The custom frontmatter JSON Schema (read from the `schema` path). */
  schema?: {[key: string]: Json}
  teams?: string[]
  /** How keys the schema does not know are reported (`warn` read as `warning`). */
  unknownKeys?: RuleSeverity
}

/**
 * The settings a config writes at its top level or in one override, as read
 * (severities already on one scale). A file's `Settings` are resolved from
 * these layers by `settingsFor`.
 */
export interface ConfigSettings {
  extends?: PresetName
  /** The curriculum format (profile) of the files. */
  format?: FormatName
  rules?: Record<string, RuleConfig>
  headings?: {objectives?: string[]; assignment?: string[]; resources?: string[]}
  frontmatter?: FrontmatterSettings
  limits?: {maxSize?: number; maxNesting?: number; maxLinks?: number}
  wordsPerMinute?: number
  /** `site.rawShortcodes`: Hugo shortcodes with a raw body beyond the defaults (top level only). */
  rawShortcodes?: string[]
}

/** Link-check settings. */
export interface LinkSettings {
  /**
   * The hosts that `--allow-private` opens (all when absent). A config
   * never opens the private-address guard by itself: a pull request can
   * change it.
   */
  allowPrivate?: string[]
  /** Absolute path, or `false` for no cache. */
  cache?: string | false
  concurrency?: number
  timeout?: number
  perHost?: number
  skip?: string[]
  /** Look up archived copies of dead links. */
  archive?: boolean
  /** The Wayback availability API. */
  archiveEndpoint?: string
  /** Where `archiveEndpoint` is written: `path:line:column-endLine:endColumn`, for the error when an `http:` one is not allowed. */
  archiveEndpointAt?: string
  /** ms between two archive lookups. */
  archiveInterval?: number
  /** Failed checks, and days they span, before `--fix-archived` replaces a dead link. */
  archiveAfter?: {checks?: number; days?: number}
  /** The whole check, ms. */
  deadline?: number
  retries?: number
  /** Longest `Retry-After` waited for, ms. */
  retryAfterCap?: number
  /** Extra request headers by host pattern (routing and framing headers refused when read). */
  headers?: Record<string, Record<string, string>>
}

/**
 * `site`: how the site is published, for the site model (core's
 * `SiteOptions`). Folders relative to the project root, with `/`, without
 * `./` or a trailing `/` (`''` is the root itself).
 */
export interface SiteSettings {
  /** The folder published at the site root `/`. */
  root?: string
  /** Folders served at the site root. */
  static?: string[]
}

/** One `overrides` entry. */
export interface Override {
  files: string[]
  excludeFiles: string[]
  settings: ConfigSettings
}

/** A loaded config. Plain data, so it can be sent to workers. */
export interface Config {
  /** The config file, or `null` when none was found (defaults apply). */
  path: string | null
  /** The project root: the directory of the config file, or the working directory. */
  root: string
  base: ConfigSettings
  overrides: Override[]
  ignores: string[]
  links: LinkSettings
  /** `site`: where root-absolute links lead (the repository's site is built with it). */
  site?: SiteSettings
  /** Config warnings, each a line `path:line:column-endLine:endColumn: reason`, shown when they matter (the link check). */
  linkNotices?: string[]
}

/** A config problem: a positioned diagnostic (rule `config`), as frontmatter problems are. */
export type ConfigProblem = VFileMessage

/** Format a config problem as one line: `path:line:column-endLine:endColumn: reason`. */
export function formatProblem(problem: ConfigProblem, cwd: string): string {
  const path = displayPath(problem.file ?? '', cwd)
  const start = problem.place && 'start' in problem.place ? problem.place.start : {line: 1, column: 1}
  const end = problem.place && 'end' in problem.place ? problem.place.end : start
  return `${path}:${start.line}:${start.column}-${end.line}:${end.column}: ${problem.reason}`
}

/** A path as shown to the user: relative to `cwd` when inside it. */
export function displayPath(path: string, cwd: string): string {
  const inside = plainlyInside(cwd, path)
  if (inside !== undefined) return inside
  const rel = relativePath(cwd, path)
  return rel === '' || rel.startsWith('..') || resolve(cwd, rel) !== path ? path : rel.split(sep).join('/')
}


/** The project root: the directory of the config file, or the working directory. */
export function configRoot(path: string | null, cwd: string): string {
  return path === null ? resolve(cwd) : dirname(path)
}
