/**
 * The registry of rule metadata: id, description, tags, fixable, default
 * severity and presets. It drives `coursemark rules`, the README rule table
 * and the config schema.
 */
import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import remarkLintHeadingIncrement from 'remark-lint-heading-increment'
import remarkLintNoDuplicateDefinitions from 'remark-lint-no-duplicate-definitions'
import remarkLintNoEmptyUrl from 'remark-lint-no-empty-url'
import remarkLintNoUndefinedReferences from 'remark-lint-no-undefined-references'
// Imports of structure rules (frontmatter, objectives, assignment, headings, time):
import objectivesPresent from './rules/objectives-present.js'
import objectiveMeasurableVerb from './rules/objective-measurable-verb.js'
import objectivesCount from './rules/objectives-count.js'
import assignmentPresent from './rules/assignment-present.js'
import assignmentHasSteps from './rules/assignment-has-steps.js'
import resourcesPresent from './rules/resources-present.js'
import noMissingHeadingSpace from './rules/no-missing-heading-space.js'
import noHeadingEmphasis from './rules/no-heading-emphasis.js'
import timeMatchesContent from './rules/time-matches-content.js'
import frontmatterYaml from './rules/frontmatter-yaml.js'
import frontmatterSchema from './rules/frontmatter-schema.js'
import timeHoursConsistent from './rules/time-hours-consistent.js'
// End of structure rule imports.
// Imports of link and content rules:
import noEmptyLinkText from './rules/no-empty-link-text.js'
import imageAltText from './rules/image-alt-text.js'
import preferHttps from './rules/prefer-https.js'
import noTrackingParams from './rules/no-tracking-params.js'
import noInaccessibleLink from './rules/no-inaccessible-link.js'
import noMalformedLink from './rules/no-malformed-link.js'
import noDuplicateParagraph from './rules/no-duplicate-paragraph.js'
import noPlaceholderContent from './rules/no-placeholder-content.js'
import noMissingLocalTarget from './rules/no-missing-local-target.js'
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
    id: 'resources-present',
    origin: 'coursemark:resources-present',
    description: 'Require a resources section with links for further study',
    tags: ['resources', 'structure'],
    fixable: false,
    presets: {strict: 'warn'},
    url: ruleUrl('resources-present'),
    plugin: resourcesPresent as RuleMeta['plugin']
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
  {
    id: 'no-empty-link-text',
    origin: 'coursemark:no-empty-link-text',
    description: 'Warn on links without text (`[](https://…)`)',
    tags: ['links', 'accessibility'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'error'},
    url: ruleUrl('no-empty-link-text'),
    plugin: noEmptyLinkText as RuleMeta['plugin']
  },
  {
    id: 'image-alt-text',
    origin: 'coursemark:image-alt-text',
    description: 'Warn on images without alt text (`![](x.png)`, `<img>` with no `alt`)',
    tags: ['images', 'accessibility'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'error'},
    url: ruleUrl('image-alt-text'),
    plugin: imageAltText as RuleMeta['plugin']
  },
  {
    id: 'prefer-https',
    origin: 'coursemark:prefer-https',
    description: 'Warn on `http://` links, images and embeds (local and intranet hosts, and `allowHttp`, excepted)',
    tags: ['links', 'security'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'warn'},
    url: ruleUrl('prefer-https'),
    plugin: preferHttps as RuleMeta['plugin']
  },
  {
    id: 'no-tracking-params',
    origin: 'coursemark:no-tracking-params',
    description: 'Warn on tracking parameters in external URLs (`utm_*`, `fbclid`, Amazon `ref`, `qid`, …)',
    tags: ['links'],
    fixable: true,
    presets: {recommended: 'warn', strict: 'warn'},
    url: ruleUrl('no-tracking-params'),
    plugin: noTrackingParams as RuleMeta['plugin']
  },
  {
    id: 'no-inaccessible-link',
    origin: 'coursemark:no-inaccessible-link',
    description: 'Warn on links students cannot open (private document edit or share links, workspace chat, local and intranet hosts)',
    tags: ['links', 'access'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'error'},
    url: ruleUrl('no-inaccessible-link'),
    plugin: noInaccessibleLink as RuleMeta['plugin']
  },
  {
    id: 'no-malformed-link',
    origin: 'coursemark:no-malformed-link',
    description: 'Warn on broken link syntax (`[x]((url))`, `[x] (url)`, a bare `](` in text)',
    tags: ['links', 'syntax'],
    fixable: true,
    presets: {recommended: 'warn', strict: 'error'},
    url: ruleUrl('no-malformed-link'),
    plugin: noMalformedLink as RuleMeta['plugin']
  },
  {
    id: 'no-duplicate-paragraph',
    origin: 'coursemark:no-duplicate-paragraph',
    description: 'Warn on a long paragraph that appears twice',
    tags: ['content'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'warn'},
    url: ruleUrl('no-duplicate-paragraph'),
    plugin: noDuplicateParagraph as RuleMeta['plugin']
  },
  {
    id: 'no-placeholder-content',
    origin: 'coursemark:no-placeholder-content',
    description: 'Warn on placeholders (`TODO`, `TBD`, "coming soon", lorem ipsum) and an empty body',
    tags: ['content'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'error'},
    url: ruleUrl('no-placeholder-content'),
    plugin: noPlaceholderContent as RuleMeta['plugin']
  },
  {
    id: 'no-missing-local-target',
    origin: 'coursemark:no-missing-local-target',
    description: 'Require relative links and images to exist on disk in the same case, and `#anchors` to match a heading',
    tags: ['links', 'images', 'files'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: ruleUrl('no-missing-local-target'),
    plugin: noMissingLocalTarget as RuleMeta['plugin']
  },
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
  },
  {
    id: 'no-duplicate-definitions',
    origin: 'remark-lint:no-duplicate-definitions',
    description: 'Warn when a link reference definition (`[id]: url`) is defined twice (upstream remark-lint rule)',
    tags: ['links', 'upstream'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'warn'},
    url: 'https://github.com/remarkjs/remark-lint/tree/main/packages/remark-lint-no-duplicate-definitions#readme',
    plugin: remarkLintNoDuplicateDefinitions as RuleMeta['plugin']
  },
  {
    id: 'no-undefined-references',
    origin: 'remark-lint:no-undefined-references',
    description: 'Warn on `[text][id]` references with no definition (upstream remark-lint rule; strict only, since `[x] (url)` is `no-malformed-link`)',
    tags: ['links', 'upstream'],
    fixable: false,
    presets: {strict: 'warn'},
    url: 'https://github.com/remarkjs/remark-lint/tree/main/packages/remark-lint-no-undefined-references#readme',
    plugin: remarkLintNoUndefinedReferences as RuleMeta['plugin']
  }
]
