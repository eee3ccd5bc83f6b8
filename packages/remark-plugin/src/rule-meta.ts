/**
 * What a rule is without its code (`RuleMeta`), and how its severity and
 * options are read from a preset and a config. A module of its own, without
 * unified or the message library, so that the CLI's cross-file rules load
 * only this in a cached rerun.
 */
import type {FileKind, Severity} from '@coursemark/core'
import {ruleUrl} from '@coursemark/core/rule-url'

/** Names of the presets. */
export type PresetName = 'recommended' | 'strict'

/** Severity of a rule in a preset or config: core's `Severity`, or `off`. */
export type RuleSeverity = 'off' | Severity

/**
 * What a config, a preset option or a unified plugin tuple may write for a
 * severity: the scale itself, and what remark-lint accepts (`warn`, `on`,
 * `true`/`false`, `0`/`1`/`2`).
 */
export type SeverityInput = RuleSeverity | 'warn' | 'on' | boolean | 0 | 1 | 2

/** A rule's config: a severity, or a severity and options. */
export type RuleConfig = RuleSeverity | [RuleSeverity, unknown]

/** A rule's config as written (`SeverityInput`), before `readRuleConfig`. */
export type RuleConfigInput = SeverityInput | [SeverityInput, unknown]

/** What a rule is, without its code: enough for docs, presets, config and `coursemark rules`. */
export interface RuleMeta {
  /** Rule id as used in config and `<!--lint disable id-->` comments. */
  id: string
  /** `coursemark:<id>`. */
  origin: string
  /** One line on what the rule checks. */
  description: string
  tags: string[]
  /** Whether `coursemark lint --fix` can fix what it reports. */
  fixable: boolean
  /** Severity per preset; a preset not listed does not include the rule. */
  presets: Partial<Record<PresetName, RuleSeverity>>
  /** Options the rule runs with when its config gives none. */
  options?: unknown
  /**
   * For a rule with a finish phase over the file set: the frontmatter key
   * whose value it compares across files, so a tool that keeps a few facts
   * of each file (the CLI's cache) knows which to feed it.
   */
  compares?: 'uuid' | 'title' | undefined
  /**
   * The kinds of file of a site the rule checks (`kindOf(file)`): a file of
   * another kind is skipped where rules run. Nothing checks `template`,
   * `data`, `include` or `draft` files.
   */
  kinds: readonly FileKind[]
  /** Documentation (`ruleUrl(id)`). */
  url: string
}

/**
 * What a rule file writes: its metadata without the parts derived from the
 * id; `kinds` defaults to `defaultKinds`.
 */
export type RuleMetaInput = Omit<RuleMeta, 'origin' | 'url' | 'kinds'> & {kinds?: readonly FileKind[] | undefined}

/**
 * The kinds a rule checks unless it says: every file the site publishes as
 * content (lessons, breaks, projects, pages). Not drafts (the site does not
 * build them), templates, data files or includes.
 */
export const defaultKinds: readonly FileKind[] = ['lesson', 'break', 'project', 'page']

/** Lessons only: rules on the parts of a lesson (objectives, resources, time against content). */
export const lessonKinds: readonly FileKind[] = ['lesson']

/**
 * The metadata of a rule: `origin` and `url` derived from its id. The CLI's
 * cross-file rules are described with it too.
 */
export function defineRuleMeta(meta: RuleMetaInput): RuleMeta {
  // A rule written for the older scale (`warn`) reads as the same severity.
  const presets: RuleMeta['presets'] = {}
  for (const [name, written] of Object.entries(meta.presets) as Array<[PresetName, unknown]>) {
    const severity = readSeverity(written)
    if (severity !== undefined) presets[name] = severity
  }

  return {...meta, presets, kinds: meta.kinds ?? defaultKinds, origin: 'coursemark:' + meta.id, url: ruleUrl(meta.id)}
}

/**
 * The severity and options of a rule, from its preset and its configured
 * value: the one settings path for plugin rules and cross-file rules.
 *
 * @throws
 *   On a severity that is not `off`, `warn` or `error`.
 */
export function ruleSetting(
  meta: RuleMeta,
  preset: PresetName,
  configured: RuleConfigInput | undefined
): {severity: RuleSeverity | undefined; options: unknown} {
  if (configured === undefined) return {severity: meta.presets[preset], options: meta.options}
  const setting = readRuleConfig(configured)
  if (setting === undefined) {
    const written = Array.isArray(configured) ? configured[0] : configured
    throw new Error(`Unexpected severity \`${String(written)}\` for \`${meta.id}\`, expected ${severityWords}`)
  }

  return Array.isArray(setting) ? {severity: setting[0], options: setting[1]} : {severity: setting, options: meta.options}
}

/** The severities a config may write, as messages list them. */
export const severityWords = '`off`, `info`, `warning` (or `warn`), `error`, or 0, 1, 2'

/**
 * Read a severity as written (`SeverityInput`) onto the one scale, as
 * remark-lint reads it: `0`, `false` and `off` turn a rule off; `1`, `true`,
 * `on`, `warn` and `warning` make it warn; `2` and `error` make it fail.
 * `undefined` for anything else. The one place a written severity is read.
 */
export function readSeverity(value: unknown): RuleSeverity | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? written.get(value) : undefined
}

const written = new Map<unknown, RuleSeverity>([
  ['off', 'off'],
  [0, 'off'],
  [false, 'off'],
  ['info', 'info'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['on', 'warning'],
  [1, 'warning'],
  [true, 'warning'],
  ['error', 'error'],
  [2, 'error']
])

/** A rule's config as written, its severity read (`readSeverity`); `undefined` when the severity is not one. */
export function readRuleConfig(value: unknown): RuleConfig | undefined {
  if (Array.isArray(value)) {
    const severity = readSeverity(value[0])
    if (severity === undefined) return undefined
    return value.length > 1 ? [severity, value[1]] : severity
  }

  return readSeverity(value)
}
