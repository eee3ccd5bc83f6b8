/**
 * `@coursemark/core`: parse markdown course checkpoints into typed, positioned,
 * plain-JSON objects and validate their frontmatter.
 *
 * This entry imports nothing from `node:`: it runs in a browser. File system
 * helpers are in `@coursemark/core/node`, the link checker in
 * `@coursemark/core/links`.
 */

export type {
  Assignment,
  AssignmentStep,
  Checkpoint,
  Embed,
  Image,
  JsonObject,
  JsonValue,
  Link,
  LinkKind,
  Objective,
  ObjectivesSource,
  Point,
  Position,
  Resource,
  Section
} from './model.js'
export {parseCheckpoint, checkpointFromTree} from './parse.js'
export type {ParseOptions, ParseResult, TreeResult} from './parse.js'
export {parseDuration} from './duration.js'
export type {DurationResult} from './duration.js'
export {defaultHeadingAliases, defaultWordsPerMinute, linkKind} from './extract.js'
export type {HeadingAliases} from './extract.js'
export {defaultLimits, scanLimits} from './limits.js'
export type {LimitFinding, Limits} from './limits.js'
export {
  parseFrontmatter,
  readFrontmatter,
  maxFrontmatterNodes,
  maxFrontmatterDepth
} from './frontmatter.js'
export type {DataPath, FrontmatterSource, ParsedFrontmatter} from './frontmatter.js'
export {validateFrontmatter, createFrontmatterValidator, closestMatch} from './validate.js'
export type {
  FrontmatterIssue,
  FrontmatterValidator,
  UnknownKeys,
  ValidateOptions
} from './validate.js'
export {checkpointFrontmatterSchema, schemas} from './schemas.generated.js'
export {createMessage, severityOf, docsUrl} from './messages.js'
export type {MessageOptions, Severity} from './messages.js'
