/**
 * The Checkpoint model: plain JSON (no class instances, no functions), so that
 * `JSON.stringify(checkpoint)` is what `coursemark parse` prints and what
 * `schemas/checkpoint.schema.json` validates.
 */
import type {FormatName, FrontmatterSyntax} from '../profiles.js'

/** A place in the source: 1-based line and column, 0-based offset (as in unist). */
export interface Point {
  line: number
  column: number
  offset: number
}

/** A span in the source, from `start` (inclusive) to `end` (exclusive). */
export interface Position {
  start: Point
  end: Point
}

/** Any JSON value, as frontmatter data is kept. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | {[key: string]: JsonValue}

/** A JSON object. */
export type JsonObject = {[key: string]: JsonValue}

/** A heading and the headings nested below it. */
export interface Section {
  /** Heading rank, 1 to 6. */
  depth: number
  /** Plain text of the heading (emphasis and code unwrapped, trimmed). */
  text: string
  /** GitHub-style slug, unique within the checkpoint (`#slug` anchors match it). */
  slug: string
  /** The whole heading line. */
  position: Position
  /** `true` for a line such as `##Heading` that CommonMark reads as a paragraph. */
  malformed: boolean
  /** Sections whose heading is deeper than this one, until the next heading as deep or less. */
  children: Section[]
}

/** One learning objective. */
export interface Objective {
  text: string
  position: Position
}

/**
 * Where the objectives were found: a section, an inline label or lead-in
 * paragraph ("In this lesson, we'll cover:" before a list), the frontmatter,
 * or a fenced div (`::: objectives`).
 */
export type ObjectivesSource = 'section' | 'inline' | 'frontmatter' | 'div'

/**
 * Kinds of link target. `template` is a URL made of template syntax
 * (`{{ page.root }}/setup`, `{{< ref "x" >}}`): never a path to check.
 */
export type LinkKind = 'external' | 'relative' | 'anchor' | 'mailto' | 'template' | 'other'

/** A link: a markdown link, a link reference resolved through its definition, or an HTML `<a href>`. */
export interface Link {
  /** The URL as written (for a reference, the definition's URL). */
  url: string
  /** Plain text of the link. */
  text: string
  kind: LinkKind
  /** Slug of the section the link is in, or `null` before the first heading. */
  section: string | null
  /** How the link was written (`literal`: a bare URL, a GFM autolink literal). */
  syntax: 'inline' | 'reference' | 'autolink' | 'literal' | 'html'
  /** The link itself (for a reference, the reference, not the definition). */
  position: Position
}

/** An image: markdown `![alt](src)`, an image reference, or an HTML `<img>`. */
export interface Image {
  src: string
  /** Alternative text, or `null` when there is none at all (HTML `<img>` with no `alt`). */
  alt: string | null
  section: string | null
  syntax: 'inline' | 'reference' | 'html'
  position: Position
}

/** A raw HTML element that embeds content: `<iframe>`, `<video>`, a custom element such as `<jupyter/>`. */
export interface Embed {
  /** Lower-cased element name. */
  name: string
  /** Attributes as written; a valueless attribute is `""`. */
  attributes: {[name: string]: string}
  section: string | null
  position: Position
}

/** A link listed in a resources section. */
export interface Resource {
  text: string
  url: string
  position: Position
}

/** One step of an assignment: an item of its list, or one of its paragraphs. */
export interface AssignmentStep {
  text: string
  position: Position
  links: Link[]
}

/** The assignment: a section, or the challenges of a lesson (fenced divs). */
export interface Assignment {
  /** Where it was found: a section under a heading, or `::: challenge` divs (one step each). */
  source: 'section' | 'div'
  /** Heading text as written (for divs, the div name, `challenge`). */
  heading: string
  /** Slug of the heading (for divs, of the section the first challenge is in, or `""`). */
  slug: string
  /** The heading (for divs, the opening fence of the first challenge). */
  position: Position
  /** Text before the list of steps, or `null`. */
  intro: string | null
  steps: AssignmentStep[]
}

/** The introduction of a lesson: an Overview or Introduction section, freeCodeCamp's `--description--`. */
export interface Overview {
  /** Heading text as written. */
  heading: string
  slug: string
  /** The heading. */
  position: Position
  /** Plain text of the first paragraph, or `""` when the section has none. */
  text: string
}

/** An anchor set by markup rather than a heading: `<span id>`, `<a name>`, `{: #id}`, `{#id}`, `[text]{#id}`. */
export interface Anchor {
  id: string
  /** `html`: an `id` (or `<a name>`) attribute; `kramdown`: `{: #id}`; `pandoc`: `{#id}`. */
  syntax: 'html' | 'kramdown' | 'pandoc'
  /** The attribute list or HTML tag. */
  position: Position
}

/**
 * A fenced div (pandoc `::: challenge`, any number of colons, nested) or a
 * kramdown block class (a blockquote ending in `{: .challenge}`).
 */
export interface Div {
  /** The first class, lower-cased: `objectives`, `questions`, `keypoints`, `challenge`, `solution`, `hint`, `callout`, ... */
  name: string
  /** Every class, as written. */
  classes: string[]
  /** `#id` of the div, or `null`. */
  id: string | null
  /** How many divs of the same syntax it is nested in (0 at the top). */
  depth: number
  syntax: 'fenced' | 'kramdown'
  section: string | null
  /** The whole div, fences included. */
  position: Position
}

/** Template syntax left alone: Liquid `{{ }}` / `{% %}`, Hugo shortcodes `{{< >}}` / `{{% %}}`. */
export interface Template {
  syntax: 'liquid' | 'hugo'
  /** The tag or shortcode name (`link`, `include`, `note`, `/note`), or the expression (`page.root`). */
  name: string
  position: Position
}

/** A GFM footnote definition. */
export interface Footnote {
  /** Normalised label, as references match it. */
  identifier: string
  /** Label as written. */
  label: string
  /** Whether some `[^label]` refers to it. */
  referenced: boolean
  position: Position
}

/** A GFM task list item (`- [ ] do this`). */
export interface Task {
  text: string
  checked: boolean
  position: Position
}

/** A GFM table. */
export interface Table {
  columns: number
  /** Rows, the header row included. */
  rows: number
  section: string | null
  position: Position
}

/** A parsed checkpoint. */
export interface Checkpoint {
  /** The file path given to the parser, or `null`. */
  path: string | null
  /** The format (profile) the file was read as. */
  format: FormatName
  /** The syntax of the frontmatter (`---` YAML or `+++` TOML), or `null` when there is none. */
  frontmatterSyntax: FrontmatterSyntax | null
  /** Frontmatter data as written, or `null` when absent or unparsable. */
  frontmatter: JsonObject | null
  /** The frontmatter block including its `---` fences, or `null`. */
  frontmatterPosition: Position | null
  /** `title` from the frontmatter, when a string; in profiles that say so (`markdown`), else the first `# heading`. */
  title: string | null
  /** `author` from the frontmatter, when a string. */
  author: string | null
  /** `team` from the frontmatter, when a string. */
  team: string | null
  /** `uuid` from the frontmatter, when a string. */
  uuid: string | null
  /** `time` as written (number or string), or `null`. */
  time: string | number | null
  /** `time` normalised to minutes, or `null` when absent or not a duration. */
  timeMinutes: number | null
  /** `timeHours` from the frontmatter, when a number. */
  timeHours: number | null
  /** The heading tree. */
  sections: Section[]
  /** The lead-in of the objectives ("By the end of this checkpoint, you will:"), or `null`. */
  objectivesIntro: string | null
  objectives: Objective[]
  /** Where the objectives came from, or `null` when there are none. */
  objectivesSource: ObjectivesSource | null
  /** The objectives heading (or inline label), or `null`. */
  objectivesPosition: Position | null
  assignment: Assignment | null
  resources: Resource[]
  links: Link[]
  images: Image[]
  embeds: Embed[]
  /** Words of prose (code blocks, HTML, template tags and frontmatter excluded). */
  wordCount: number
  /** `wordCount` divided by the reading speed (200 words a minute unless configured), one decimal. */
  readingMinutes: number
  /** The introduction, or `null`. */
  overview: Overview | null
  /** Anchors set by markup (heading slugs are in `sections`). */
  anchors: Anchor[]
  /** Fenced divs and kramdown block classes, in document order (profiles that read them). */
  divs: Div[]
  /** Template syntax, in document order (profiles that use templates). */
  templates: Template[]
  footnotes: Footnote[]
  tasks: Task[]
  tables: Table[]
}
