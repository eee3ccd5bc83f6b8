/**
 * The markdown syntax of a format, as one unified plugin: frontmatter in the
 * profile's syntaxes (YAML `---`, TOML `+++`) and GitHub-flavoured markdown
 * unless the profile turns it off. Core's parse, the remark plugin's users
 * and the CLI all parse through it, so a tree means the same everywhere.
 */
import type {Literal, Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import {remarkGfmOnDemand} from './gfm.js'
import {getProfile, type FormatName} from '../profiles.js'

/** Options of `remarkCoursemarkSyntax`. */
export interface SyntaxOptions {
  /** The format whose syntax to read (default `checkpoint`). */
  format?: FormatName | undefined
  /** Read GitHub-flavoured markdown (default: the profile's `gfm`, on in every built-in profile). */
  gfm?: boolean | undefined
}

/** A unified processor that parses markdown into mdast. */
export type MarkdownParser = Processor<Root, undefined, undefined, Root, string>

/**
 * unified plugin: read the syntax of a format (frontmatter syntaxes, GFM).
 * Use it right after `remark-parse` in any pipeline, instead of
 * `remark-frontmatter` and `remark-gfm`: it reads GFM as remark-gfm does, with
 * only the constructs each document can use (`gfm.ts`), so it takes over
 * remark-parse's parser.
 */
export function remarkCoursemarkSyntax(
  this: Processor,
  options: SyntaxOptions | null | undefined
): undefined {
  const profile = getProfile(options?.format)
  remarkFrontmatter.call(this, profile.frontmatter.syntaxes)
  if (options?.gfm ?? profile.gfm) remarkGfmOnDemand.call(this)
  return undefined
}

/**
 * A new parser for a format: `unified().use(remarkParse).use(remarkCoursemarkSyntax, {format})`.
 * Not frozen: add plugins (a lint preset) with `.use` before the first parse.
 */
export function createParser(format?: FormatName): MarkdownParser {
  return unified()
    .use(remarkParse)
    .use(remarkCoursemarkSyntax, {format}) as unknown as MarkdownParser
}

const parsers = new Map<FormatName, MarkdownParser>()

/** The shared, frozen parser of a format. */
export function parserFor(format: FormatName = 'checkpoint'): MarkdownParser {
  let parser = parsers.get(format)
  if (!parser) {
    parser = createParser(format).freeze()
    parsers.set(format, parser)
  }

  return parser
}

/** TOML frontmatter (`+++` fences), as remark-frontmatter makes it. */
export interface Toml extends Literal {
  type: 'toml'
}

declare module 'mdast' {
  interface FrontmatterContentMap {
    /** TOML frontmatter (`+++`). */
    toml: Toml
  }

  interface RootContentMap {
    /** TOML frontmatter (`+++`). */
    toml: Toml
  }
}
