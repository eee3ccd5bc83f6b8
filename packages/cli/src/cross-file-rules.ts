/**
 * The metadata of the cross-file rules (configured like any other rule; run
 * by `cross-file.ts` once every file is linted). Data only, so the config,
 * the engine and the reporters can read it without the checks.
 */
import {docsUrl} from '@coursemark/core'
import type {PresetName, RuleSeverity} from '@coursemark/remark-plugin'

/** Metadata of a cross-file rule (configured like any other rule). */
export interface CrossFileRule {
  id: string
  description: string
  tags: string[]
  fixable: false
  presets: Record<PresetName, RuleSeverity>
  url: string
}

/** The cross-file rules. */
export const crossFileRules: CrossFileRule[] = [
  {
    id: 'duplicate-uuid',
    description: 'Require every checkpoint to have its own `uuid` (checked across all files linted)',
    tags: ['frontmatter', 'cross-file'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: docsUrl + 'duplicate-uuid'
  },
  {
    id: 'duplicate-title',
    description:
      'Report two checkpoints of one folder that share a `title` (option `scope: project`: of the whole run)',
    tags: ['frontmatter', 'cross-file'],
    fixable: false,
    presets: {recommended: 'off', strict: 'error'},
    url: docsUrl + 'duplicate-title'
  }
]

/** Ids of the cross-file rules. */
export const crossFileRuleIds = new Set(crossFileRules.map((rule) => rule.id))

