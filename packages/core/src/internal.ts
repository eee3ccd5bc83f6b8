/**
 * `@coursemark/core/internal`: what coursemark's own packages (the remark
 * plugin and the CLI) share with core beyond its documented API: the tree
 * walk, the YAML and TOML readers with positions, schema errors in our
 * wording, "did you mean", input limits, text positions and URL kinds.
 *
 * For coursemark's own packages only: no semver promise, any release may
 * change or remove a name. Like the main entry, it imports nothing from
 * `node:`.
 */

// The one walk of a tree that the model and the lint rules share.
export {indexOf, nodesOfType} from './node-index.js'
export type {NodeIndex} from './node-index.js'

// Positions in a text.
export {createLocator} from './text.js'
/** The ids kramdown gives a glossary's terms after `{:auto_ids}` (read by a rule from another file's text). */
export {autoIdsAfter} from './model/passes/attributes.js'
export type {Locator} from './text.js'

// Frontmatter readers with positions (the config loader reads its YAML with them).
export {parseFrontmatter, maxFrontmatterNodes, maxFrontmatterDepth} from './frontmatter/frontmatter.js'
export type {FrontmatterSource} from './frontmatter/frontmatter.js'
export {parseTomlFrontmatter} from './frontmatter/toml.js'
export {readYamlSource, maxYamlNodes, maxYamlDepth} from './frontmatter/yaml-source.js'
export type {YamlData, YamlProblem, YamlRange, YamlSource, YamlSubject} from './frontmatter/yaml-source.js'

// Schema errors in our wording, for frontmatter and the config file.
export {frontmatterIssues, configIssues} from './frontmatter/schema-errors.js'
export type {SchemaIssue} from './frontmatter/schema-errors.js'
export {createSchemaContext} from './frontmatter/schema-resolve.js'
export type {SchemaContext} from './frontmatter/schema-resolve.js'
export {compileFrontmatterSchema} from './frontmatter/schema-compile.js'
export type {CompiledSchema, Validate} from './frontmatter/schema-compile.js'
export {configSchemaIssues} from './config-schema.js'
export {isForbiddenHeader} from './request-headers.js'

// "Did you mean".
export {closestMatch, editDistance, suggestionLimit} from './suggest.js'

// Input limits.
export {scanLimits} from './limits.js'
export type {LimitFinding} from './limits.js'

// What the model counts and how it classifies URLs.
export {defaultWordsPerMinute, linkKind} from './model/extract.js'
export {isExternalUrl} from './urls.js'
export {htmlValueRange} from './html-tags.js'

// The site generators, for `coursemark init` to tell the structure it found from the plain site.
export {siteBuilders, kindByPlace} from './site/index.js'
export type {SiteBuilder} from './site/index.js'
