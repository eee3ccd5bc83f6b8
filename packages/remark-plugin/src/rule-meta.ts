/**
 * What a rule is without its code (`RuleMeta`), and how its severity and
 * options are read from a preset and a config. A module of its own, without
 * unified or the message library, so that the CLI's cross-file rules load
 * only this in a cached rerun.
 */
import type {FileKind} from '@coursemark/core'
import {ruleUrl} from '@coursemark/core/rule-url'

/** Names of the presets. */
export type PresetName = 'recommended' | 'strict'

/** Severity of a rule in a preset or config. */
export type RuleSeverity = 'off' | 'warn' | 'error'

/** A rule's config: a severity, or a severity and options. */
export type RuleConfig = RuleSeverity | [RuleSeverity, unknown]

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
  return {...meta, kinds: meta.kinds ?? defaultKinds, origin: 'coursemark:' + meta.id, url: ruleUrl(meta.id)}
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
  configured: RuleConfig | undefined
): {severity: RuleSeverity | undefined; options: unknown} {
  let severity: RuleSeverity | undefined = meta.presets[preset]
  let options: unknown = meta.options
  if (Array.isArray(configured)) {
    severity = configured[0]
    options = configured[1]
  } else if (configured !== undefined) {
    severity = configured
  }

  if (severity !== undefined && !severities.has(severity)) {
    throw new Error(
      `Unexpected severity \`${String(severity)}\` for \`${meta.id}\`, expected \`off\`, \`warn\` or \`error\``
    )
  }

  return {severity, options}
}

const severities = new Set<unknown>(['off', 'warn', 'error'])
