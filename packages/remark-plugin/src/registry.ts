/**
 * The registry of rule metadata: id, description, tags, fixable, default
 * severity and presets. It drives `coursemark rules`, the README rule table
 * and the config schema.
 */
import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import remarkLintHeadingIncrement from 'remark-lint-heading-increment'
import remarkLintNoEmptyUrl from 'remark-lint-no-empty-url'
// Imports of structure rules (frontmatter, objectives, assignment, headings, time):
import objectivesPresent from './rules/objectives-present.js'
import objectiveMeasurableVerb from './rules/objective-measurable-verb.js'
import objectivesCount from './rules/objectives-count.js'
import assignmentPresent from './rules/assignment-present.js'
import assignmentHasSteps from './rules/assignment-has-steps.js'
import noMissingHeadingSpace from './rules/no-missing-heading-space.js'
import noHeadingEmphasis from './rules/no-heading-emphasis.js'
import timeMatchesContent from './rules/time-matches-content.js'
import frontmatterYaml from './rules/frontmatter-yaml.js'
import frontmatterSchema from './rules/frontmatter-schema.js'
import timeHoursConsistent from './rules/time-hours-consistent.js'
// End of structure rule imports.
// Imports of link and content rules:
// End of link and content rule imports.
import {ruleUrl} from './util.js'

/** Names of the presets. */
export type PresetName = 'recommended' | 'strict'

/** Severity of a rule in a preset or config. */
export type RuleSeverity = 'off' | 'warn' | 'error'

/** Metadata of one rule. */
export interface RuleMeta {
  /** Rule id as used in config and `<!--lint disable id-->` comments. */
  id: string
  /** `coursemark:<id>`, or `remark-lint:<id>` for an upstream rule. */
  origin: string
  /** One line on what the rule checks. */
  description: string
  tags: string[]
  /** Whether `coursemark lint --fix` can fix what it reports. */
  fixable: boolean
  /** Severity per preset; a preset not listed does not include the rule. */
  presets: Partial<Record<PresetName, RuleSeverity>>
  /** Default options passed to the rule. */
  options?: unknown
  /** Documentation. */
  url: string
  /** The unified plugin. */
  plugin: Plugin<[unknown?], Root>
}

/** Every rule coursemark knows, coursemark's own first, then upstream remark-lint rules it reuses. */
export const registry: RuleMeta[] = [
  // Structure rules (frontmatter, objectives, assignment, headings, time):
  {
    id: 'frontmatter-yaml',
    origin: 'coursemark:frontmatter-yaml',
    description: 'Report frontmatter that is not readable YAML (syntax, duplicate keys, tabs, not a mapping, unclosed)',
    tags: ['frontmatter'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: ruleUrl('frontmatter-yaml'),
    plugin: frontmatterYaml as RuleMeta['plugin']
  },
  {
    id: 'frontmatter-schema',
    origin: 'coursemark:frontmatter-schema',
    description: 'Report frontmatter that does not match the schema (errors), and unknown keys (warnings)',
    tags: ['frontmatter'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: ruleUrl('frontmatter-schema'),
    plugin: frontmatterSchema as RuleMeta['plugin']
  },
  {
    id: 'time-hours-consistent',
    origin: 'coursemark:time-hours-consistent',
    description: 'Report a `timeHours` that disagrees with `time`',
    tags: ['frontmatter', 'time'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: ruleUrl('time-hours-consistent'),
    plugin: timeHoursConsistent as RuleMeta['plugin']
  },
  {
    id: 'time-matches-content',
    origin: 'coursemark:time-matches-content',
    description: 'Warn when the declared `time` is far from the estimate (reading, assignment steps, media, code)',
    tags: ['time', 'frontmatter'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'warn'},
    url: ruleUrl('time-matches-content'),
    plugin: timeMatchesContent as RuleMeta['plugin']
  },
  {
    id: 'objectives-present',
    origin: 'coursemark:objectives-present',
    description: 'Require learning objectives (section, inline `**Objective:**`, or frontmatter)',
    tags: ['objectives', 'structure'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'error'},
    url: ruleUrl('objectives-present'),
    plugin: objectivesPresent as RuleMeta['plugin']
  },
  {
    id: 'objective-measurable-verb',
    origin: 'coursemark:objective-measurable-verb',
    description: 'Warn on objectives that start with an unmeasurable verb (`understand`, `know`, `learn`); suggest verbs from Bloom\'s taxonomy',
    tags: ['objectives', 'pedagogy'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'warn'},
    url: ruleUrl('objective-measurable-verb'),
    plugin: objectiveMeasurableVerb as RuleMeta['plugin']
  },
  {
    id: 'objectives-count',
    origin: 'coursemark:objectives-count',
    description: 'Warn when there are fewer than `min` (1) or more than `max` (7) learning objectives',
    tags: ['objectives'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'warn'},
    url: ruleUrl('objectives-count'),
    plugin: objectivesCount as RuleMeta['plugin']
  },
  {
    id: 'assignment-present',
    origin: 'coursemark:assignment-present',
    description: 'Require an assignment section',
    tags: ['assignment', 'structure'],
    fixable: false,
    presets: {strict: 'error'},
    url: ruleUrl('assignment-present'),
    plugin: assignmentPresent as RuleMeta['plugin']
  },
  {
    id: 'assignment-has-steps',
    origin: 'coursemark:assignment-has-steps',
    description: 'Warn on an assignment section with no steps or paragraphs',
    tags: ['assignment', 'structure'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'error'},
    url: ruleUrl('assignment-has-steps'),
    plugin: assignmentHasSteps as RuleMeta['plugin']
  },
  {
    id: 'no-missing-heading-space',
    origin: 'coursemark:no-missing-heading-space',
    description: 'Report `##Heading` lines (no space after the `#` marks), which render as text; fixable',
    tags: ['headings', 'fixable'],
    fixable: true,
    presets: {recommended: 'error', strict: 'error'},
    url: ruleUrl('no-missing-heading-space'),
    plugin: noMissingHeadingSpace as RuleMeta['plugin']
  },
  {
    id: 'no-heading-emphasis',
    origin: 'coursemark:no-heading-emphasis',
    description: 'Warn on headings wrapped in bold or italics (`## **Title**`); fixable',
    tags: ['headings', 'style', 'fixable'],
    fixable: true,
    presets: {recommended: 'warn', strict: 'warn'},
    url: ruleUrl('no-heading-emphasis'),
    plugin: noHeadingEmphasis as RuleMeta['plugin']
  },
  // End of structure rules.
  // Link and content rules:
  // End of link and content rules.
  // Upstream remark-lint rules:
  {
    id: 'heading-increment',
    origin: 'remark-lint:heading-increment',
    description: 'Warn when headings skip a rank (upstream remark-lint rule)',
    tags: ['headings', 'upstream'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'warn'},
    url: 'https://github.com/remarkjs/remark-lint/tree/main/packages/remark-lint-heading-increment#readme',
    plugin: remarkLintHeadingIncrement as RuleMeta['plugin']
  },
  {
    id: 'no-empty-url',
    origin: 'remark-lint:no-empty-url',
    description: 'Warn on links and images with an empty URL (upstream remark-lint rule)',
    tags: ['links', 'upstream'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: 'https://github.com/remarkjs/remark-lint/tree/main/packages/remark-lint-no-empty-url#readme',
    plugin: remarkLintNoEmptyUrl as RuleMeta['plugin']
  }
]
