/**
 * `@coursemark/core`: parse markdown course checkpoints into typed, positioned,
 * plain-JSON objects and validate their frontmatter.
 *
 * This entry imports nothing from `node:`: it runs in a browser. File system
 * helpers are in `@coursemark/core/node`; the link checker, which needs the
 * network, is `@coursemark/cli/links`. `@coursemark/core/messages` is the diagnostics
 * part of this entry alone (`createMessage`, `severityOf`, `ruleUrl`,
 * `diagnostics`): it loads no parser, for tools that only handle messages.
 */

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
export {parseCheckpoint, checkpointFromTree, readInput} from './model/parse.js'
export type {InputResult, ParseOptions, ParseResult, TreeResult} from './model/parse.js'
/** The external URLs of a checkpoint (links, images, embeds), as the link check sees them. */
export {externalUrls, isExternalUrl} from './urls.js'
export type {UrlSources, UrlUse} from './urls.js'
export {parseDuration, isDuration} from './duration.js'
export type {DurationResult} from './duration.js'
export {defaultWordsPerMinute, linkKind} from './model/extract.js'
export {
  defaultFormat,
  defaultHeadingAliases,
  formatNames,
  frontmatterSchemaId,
  getProfile,
  isFormatName,
  profiles
} from './profiles.js'
export type {
  AttributeSyntax,
  FormatName,
  FrontmatterSyntax,
  HeadingAliases,
  Profile,
  TemplateSyntax
} from './profiles.js'
export {createParser, parserFor, remarkCoursemarkSyntax} from './markdown/syntax.js'
export type {MarkdownParser, SyntaxOptions, Toml} from './markdown/syntax.js'
export {indexOf, nodesOfType} from './nodes.js'
export type {NodeIndex} from './nodes.js'
export {parseTomlFrontmatter} from './frontmatter/toml.js'
export {defaultLimits, scanLimits} from './limits.js'
export type {LimitFinding, Limits} from './limits.js'
export {
  parseFrontmatter,
  readFrontmatter,
  maxFrontmatterNodes,
  maxFrontmatterDepth
} from './frontmatter/frontmatter.js'
export type {DataPath, FrontmatterSource, ParsedFrontmatter} from './frontmatter/frontmatter.js'
export {validateFrontmatter, createFrontmatterValidator} from './validate.js'
export {closestMatch, editDistance, suggestionLimit} from './suggest.js'
export {readYamlSource, maxYamlNodes, maxYamlDepth} from './frontmatter/yaml-source.js'
export type {YamlData, YamlProblem, YamlRange, YamlSource, YamlSubject} from './frontmatter/yaml-source.js'
export {frontmatterIssues, configIssues} from './frontmatter/schema-errors.js'
export type {SchemaIssue} from './frontmatter/schema-errors.js'
export {createSchemaContext} from './frontmatter/schema-resolve.js'
export type {SchemaContext} from './frontmatter/schema-resolve.js'
export {compileFrontmatterSchema, loadSchemaCompiler} from './frontmatter/schema-compile.js'
export type {CompiledSchema, Validate} from './frontmatter/schema-compile.js'
export {configSchemaIssues} from './config-schema.js'
/** Request headers a link check's config may not set (routing and framing ones). */
export {isForbiddenHeader} from './request-headers.js'
export type {
  FrontmatterIssue,
  FrontmatterValidator,
  UnknownKeys,
  ValidateOptions
} from './validate.js'
export {
  carpentriesFrontmatterSchema,
  checkpointFrontmatterSchema,
  freecodecampFrontmatterSchema,
  hugoFrontmatterSchema,
  odinFrontmatterSchema,
  schemas
} from './schemas.generated.js'
export {code, createMessage, severityOf, ruleUrl, diagnostics, visible} from './messages.js'
export type {DiagnosticMeta, MessageOptions, Severity} from './messages.js'
export {createLocator} from './text.js'
export type {Locator} from './text.js'
