/**
 * The metadata of the cross-file rules (configured like any other rule; run
 * by `cross-file.ts` once every file is linted). Data only, so the config,
 * the engine and the reporters can read it without the checks. Described with
 * the remark plugin's `defineRuleMeta`, like every rule of the plugin, so the
 * docs, the config schema and `coursemark rules` read them the same way.
 */
import {defineRuleMeta, type RuleMeta} from '@coursemark/remark-plugin/rule-meta'

/** The cross-file rules. */
export const crossFileRules: RuleMeta[] = [
  defineRuleMeta({
    id: 'duplicate-uuid',
    description: 'Require every checkpoint to have its own `uuid` (checked across all files linted)',
    tags: ['frontmatter', 'cross-file'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'}
  }),
  defineRuleMeta({
    id: 'duplicate-title',
    description:
      'Report two checkpoints of one folder that share a `title` (option `scope: project`: of the whole run)',
    tags: ['frontmatter', 'cross-file'],
    fixable: false,
    presets: {recommended: 'off', strict: 'error'}
  })
]

/** Ids of the cross-file rules. */
export const crossFileRuleIds = new Set(crossFileRules.map((rule) => rule.id))
