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
import {rawShortcodeSyntax, rawShortcodesOf} from './shortcodes.js'
import {getProfile, type FormatName} from '../profiles.js'

/** Options of `remarkCoursemarkSyntax`. */
export interface SyntaxOptions {
  /** The format whose syntax to read (default `checkpoint`). */
  format?: FormatName | undefined
  /** Read GitHub-flavoured markdown (default: the profile's `gfm`, on in every built-in profile). */
  gfm?: boolean | undefined
  /**
   * Hugo shortcodes whose body is raw text, added to `output`, `highlight`
   * and `code` (config `site.rawShortcodes`); read in formats with Hugo
   * templates.
   */
  rawShortcodes?: readonly string[] | undefined
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
  const shortcodes = rawShortcodesOf(profile.templates, options?.rawShortcodes)
  if (shortcodes) {
    const data = this.data()
    ;(data.micromarkExtensions ??= []).push(rawShortcodeSyntax(shortcodes))
  }

  if (options?.gfm ?? profile.gfm) remarkGfmOnDemand.call(this)
  return undefined
}

/**
 * A new parser for a format: `unified().use(remarkParse).use(remarkCoursemarkSyntax, {format, ...options})`.
 * Not frozen: add plugins (a lint preset) with `.use` before the first parse.
 */
export function createParser(format?: FormatName, options: Omit<SyntaxOptions, 'format'> = {}): MarkdownParser {
  return unified()
    .use(remarkParse)
    .use(remarkCoursemarkSyntax, {...options, format}) as unknown as MarkdownParser
}

const parsers = new Map<string, MarkdownParser>()

/** The shared, frozen parser of a format (and of its extra raw-body shortcodes). */
export function parserFor(format: FormatName = 'checkpoint', rawShortcodes?: readonly string[]): MarkdownParser {
  const key = rawShortcodes && rawShortcodes.length > 0 ? format + '\0' + [...rawShortcodes].sort().join('\0') : format
  let parser = parsers.get(key)
  if (!parser) {
    parser = createParser(format, {rawShortcodes}).freeze()
    parsers.set(key, parser)
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
