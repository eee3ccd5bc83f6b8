/**
 * `@coursemark/core`: parse markdown course checkpoints into typed, positioned,
 * plain-JSON objects and validate their frontmatter.
 *
 * This entry is the documented API (docs/api.md lists it, and a test keeps the
 * two equal). It imports nothing from `node:`: it runs in a browser. File
 * system helpers are in `@coursemark/core/node`; making and printing
 * diagnostics is `@coursemark/core/messages`; the link checker, which needs
 * the network, is `@coursemark/cli/links`. What coursemark's own packages
 * share beyond this API is `@coursemark/core/internal`, without a semver
 * promise.
 */

// The model.
export type {
  Anchor,
  Assignment,
  AssignmentStep,
  Checkpoint,
  Div,
  Embed,
  Footnote,
  Image,
  JsonObject,
  JsonValue,
  Link,
  LinkKind,
  Objective,
  ObjectivesSource,
  Overview,
  Point,
  Position,
  Resource,
  Section,
  Table,
  Task,
  Template
} from './model/checkpoint.js'

// The site model.
export {buildSite, resolveLink, headingIds} from './site/index.js'
export type {HeadingText, SluggerName} from './site/slug.js'
export type {
  FileKind,
  ListEntry,
  Mount,
  Repository,
  Resolution,
  Route,
  Site,
  SiteFile,
  SiteFlavour,
  SiteModule,
  SiteOptions
} from './site/types.js'

// The course model.
export {parseCourse} from './course/index.js'
export type {Course, CourseLesson, CourseModule, CourseOptions, Prerequisite} from './course/index.js'

// Parsing.
export {parseCheckpoint, checkpointFromTree, readInput} from './model/parse-checkpoint.js'
export type {InputResult, ParseOptions, ParseResult, TreeResult} from './model/parse-checkpoint.js'
export {createParser, remarkCoursemarkSyntax} from './markdown/syntax.js'
export type {MarkdownParser, SyntaxOptions, Toml} from './markdown/syntax.js'
export {defaultLimits} from './limits.js'
export type {Limits} from './limits.js'
export {externalUrls} from './urls.js'
export type {UrlSources, UrlUse} from './urls.js'
export type {LinkSource, LinkUse} from './link-uses.js'
export {parseDuration, isDuration} from './duration.js'
export type {DurationResult, ReadAlready, TimeRead} from './duration.js'

// Curriculum formats.
export {
  defaultFormat,
  defaultHeadingAliases,
  formatNames,
  getProfile,
  isFormatName,
  partPlace,
  profiles
} from './profiles.js'
export type {
  AttributeSyntax,
  FormatName,
  FrontmatterSyntax,
  HeadingAliases,
  PartPlaces,
  Profile,
  TemplateSyntax
} from './profiles.js'

// Frontmatter and its validation.
export {readFrontmatter} from './frontmatter/frontmatter.js'
export type {DataPath, ParsedFrontmatter} from './frontmatter/frontmatter.js'
export {validateFrontmatter, createFrontmatterValidator} from './validate.js'
export type {
  FrontmatterIssue,
  FrontmatterValidator,
  UnknownKeys,
  ValidateOptions
} from './validate.js'
export {loadSchemaCompiler} from './frontmatter/schema-compile.js'
export {
  carpentriesFrontmatterSchema,
  checkpointFrontmatterSchema,
  freecodecampFrontmatterSchema,
  hugoFrontmatterSchema,
  odinFrontmatterSchema,
  schemas
} from './schemas.generated.js'

// Reading diagnostics.
export {severityOf, ruleUrl, diagnostics} from './messages.js'
export type {DiagnosticMeta, Severity} from './messages.js'
