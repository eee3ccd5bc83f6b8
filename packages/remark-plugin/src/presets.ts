/**
 * Presets are data: `{plugins: [[rule, [severity, options]], …]}`, built
 * from the rule definitions of the registry.
 */
import {getProfile} from '@coursemark/core'
import type {PluggableList, Preset} from 'unified'
import {remarkCoursemarkControl} from './control.js'
import {rulesNotApplying} from './profile-rules.js'
import {registry} from './registry.js'
import {ruleSetting, type PresetName, type RuleConfigInput} from './rule.js'
import {remarkCoursemarkSettings, type Settings} from './settings.js'

/** Options of `createPreset`. */
export interface PresetOptions {
  /** Preset to start from (default `recommended`). */
  preset?: PresetName | undefined
  /** Per-rule severity and options, by rule id; a rule not in the preset can be turned on here. */
  rules?: Record<string, RuleConfigInput> | undefined
  /**
   * Model settings (format, heading aliases, frontmatter validation, limits,
   * root). A rule that needs a part of a lesson the format has no place for
   * (objectives for `freecodecamp`, time for `odin`) is off unless `rules`
   * turns it on.
   */
  settings?: Partial<Settings> | undefined
}

/**
 * Build a unified preset: `remarkCoursemarkControl` (for `<!--lint
 * disable-->` comments), the settings plugin, then every rule of the preset
 * with its severity and options, overridden by `options.rules`.
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
  const plugins: PluggableList = [remarkCoursemarkControl, [remarkCoursemarkSettings, options.settings ?? {}]]

  for (const rule of registry) {
    const configured = Object.hasOwn(overrides, rule.id) ? overrides[rule.id] : undefined
    // A rule the format has no place for is off unless the config turns it on.
    if (configured === undefined && notApplying.has(rule.id)) continue
    const {severity, options: ruleOptions} = ruleSetting(rule, name, configured)
    if (severity === undefined || severity === 'off') continue
    plugins.push([rule.plugin, ruleOptions === undefined ? [severity] : [severity, ruleOptions]])
  }

  return {plugins}
}

/** What every checkpoint should pass: few, high-signal errors, the rest warnings. */
export const recommended: Preset = createPreset({preset: 'recommended'})

/** The full template: objectives, assignment, resources. */
export const strict: Preset = createPreset({preset: 'strict'})
