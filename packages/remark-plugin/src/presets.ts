/**
 * Presets are data: `{plugins: [[rule, [severity, options]], …]}`, built
 * from the registry.
 */
import {getProfile} from '@coursemark/core'
import remarkLint from 'remark-lint'
import type {PluggableList, Preset} from 'unified'
import {remarkCoursemarkControl} from './control.js'
import {rulesNotApplying} from './profile-rules.js'
import {registry, type PresetName, type RuleSeverity} from './registry.js'
import {remarkCoursemarkSettings, type CoursemarkSettings} from './settings.js'

const severities = new Set<unknown>(['off', 'warn', 'error'])

/** A rule's config: a severity, or a severity and options. */
export type RuleConfig = RuleSeverity | [RuleSeverity, unknown]

/** Options of `createPreset`. */
export interface PresetOptions {
  /** Preset to start from (default `recommended`). */
  preset?: PresetName | undefined
  /** Per-rule severity and options, by rule id; a rule not in the preset can be turned on here. */
  rules?: Record<string, RuleConfig> | undefined
  /**
   * Model settings (format, heading aliases, frontmatter validation, limits,
   * root). A rule that needs a part of a lesson the format has no place for
   * (objectives for `freecodecamp`, time for `odin`) is off unless `rules`
   * turns it on.
   */
  settings?: CoursemarkSettings | undefined
}

/**
 * Build a unified preset: `remark-lint` and `remarkCoursemarkControl` (for
 * `<!--lint disable-->` comments on upstream and coursemark rules),
 * the settings plugin, then every rule of the preset with its severity and
 * options, overridden by `options.rules`.
 *
 * @throws
 *   On an unknown rule id or severity (config is validated before this, so
 *   this only guards API callers).
 */
export function createPreset(options: PresetOptions = {}): Preset {
  const name = options.preset ?? 'recommended'
  const overrides = options.rules ?? {}
  const known = new Set(registry.map((meta) => meta.id))

  if (name !== 'recommended' && name !== 'strict') {
    throw new Error(`Unexpected preset \`${String(name)}\`, expected \`recommended\` or \`strict\``)
  }

  for (const id of Object.keys(overrides)) {
    if (!known.has(id)) {
      throw new Error(`Unexpected rule \`${id}\`, expected one of ${[...known].map((k) => '`' + k + '`').join(', ')}`)
    }
  }

  const notApplying = new Set(rulesNotApplying(getProfile(options.settings?.format)))
  const plugins: PluggableList = [
    remarkLint,
    remarkCoursemarkControl,
    [remarkCoursemarkSettings, options.settings ?? {}]
  ]

  for (const meta of registry) {
    const override = Object.hasOwn(overrides, meta.id) ? overrides[meta.id] : undefined
    let severity: RuleSeverity | undefined = notApplying.has(meta.id) ? 'off' : meta.presets[name]
    let ruleOptions: unknown = meta.options
    if (override !== undefined) {
      if (Array.isArray(override)) {
        severity = override[0]
        ruleOptions = override[1]
      } else {
        severity = override
      }
    }

    if (severity !== undefined && !severities.has(severity)) {
      throw new Error(
        `Unexpected severity \`${String(severity)}\` for \`${meta.id}\`, expected \`off\`, \`warn\` or \`error\``
      )
    }

    if (severity === undefined || severity === 'off') continue
    // Always a tuple: unified-lint-rule reads a bare string as options, not a severity.
    plugins.push([meta.plugin, ruleOptions === undefined ? [severity] : [severity, ruleOptions]])
  }

  return {plugins}
}

/** What every checkpoint should pass: few, high-signal errors, the rest warnings. */
export const recommended: Preset = createPreset({preset: 'recommended'})

/** The full template: objectives, assignment, resources. */
export const strict: Preset = createPreset({preset: 'strict'})
