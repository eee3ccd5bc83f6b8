/**
 * The registry: every rule coursemark runs, in report order. Each rule file
 * holds its own metadata (`defineRule`); the presets, the docs, the config
 * schema, SARIF and `coursemark rules` are read from this list.
 */
// Structure rules (frontmatter, objectives, assignment, headings, time):
import frontmatterYaml from './rules/frontmatter-yaml.js'
import frontmatterToml from './rules/frontmatter-toml.js'
import frontmatterSchema from './rules/frontmatter-schema.js'
import timeHoursConsistent from './rules/time-hours-consistent.js'
import timeMatchesContent from './rules/time-matches-content.js'
import objectivesPresent from './rules/objectives-present.js'
import objectiveMeasurableVerb from './rules/objective-measurable-verb.js'
import objectivesCount from './rules/objectives-count.js'
import assignmentPresent from './rules/assignment-present.js'
import assignmentHasSteps from './rules/assignment-has-steps.js'
import resourcesPresent from './rules/resources-present.js'
import noMissingHeadingSpace from './rules/no-missing-heading-space.js'
import noHeadingEmphasis from './rules/no-heading-emphasis.js'
// Link and content rules:
import noEmptyLinkText from './rules/no-empty-link-text.js'
import imageAltText from './rules/image-alt-text.js'
import preferHttps from './rules/prefer-https.js'
import noTrackingParams from './rules/no-tracking-params.js'
import noInaccessibleLink from './rules/no-inaccessible-link.js'
import noMalformedLink from './rules/no-malformed-link.js'
import noDuplicateParagraph from './rules/no-duplicate-paragraph.js'
import noPlaceholderContent from './rules/no-placeholder-content.js'
import noMissingLocalTarget from './rules/no-missing-local-target.js'
// Rules with the ids and behaviour of remark-lint's, on the shared node index:
import headingIncrement from './rules/heading-increment.js'
import noEmptyUrl from './rules/no-empty-url.js'
import noDuplicateDefinitions from './rules/no-duplicate-definitions.js'
import noUndefinedReferences from './rules/no-undefined-references.js'
// Course rules (the file's site: its order, URLs and modules):
import courseMissingLesson from './rules/course-missing-lesson.js'
import courseOrphanLesson from './rules/course-orphan-lesson.js'
import courseDuplicateSlug from './rules/course-duplicate-slug.js'
import type {Rule} from './rule.js'
// Rules that compare files (a finish phase over the file set):
import {setRules} from './set-rules.js'

/** Every rule of the plugin, in the order they run (and report). */
export const registry: readonly Rule[] = [
  frontmatterYaml,
  frontmatterToml,
  frontmatterSchema,
  timeHoursConsistent,
  timeMatchesContent,
  objectivesPresent,
  objectiveMeasurableVerb,
  objectivesCount,
  assignmentPresent,
  assignmentHasSteps,
  resourcesPresent,
  noMissingHeadingSpace,
  noHeadingEmphasis,
  noEmptyLinkText,
  imageAltText,
  preferHttps,
  noTrackingParams,
  noInaccessibleLink,
  noMalformedLink,
  noDuplicateParagraph,
  noPlaceholderContent,
  noMissingLocalTarget,
  headingIncrement,
  noEmptyUrl,
  noDuplicateDefinitions,
  noUndefinedReferences,
  courseMissingLesson,
  courseOrphanLesson,
  courseDuplicateSlug,
  ...setRules
]
