/**
 * The links, images and embeds of a checkpoint, and its `uuid` and `title`,
 * read from micromark's events without building the mdast tree: what
 * `coursemark links` needs of a file, for much less than the cost of the
 * tree and the model.
 *
 * The events are the ones the tree is built from (the same micromark
 * extensions as `createParser(format)`), and each value is read as
 * `mdast-util-from-markdown` reads it: a destination is decoded, a reference
 * takes the URL of the first definition of its label, an autolink keeps its
 * text, HTML nodes are read with the model's own `htmlUses`, and nothing
 * inside an image's label counts (the tree keeps only its text, as `alt`).
 * Text in which nothing read here can start (`leavePlainText`) is not split
 * into inline tokens at all: the tree has it as plain text, and so no link.
 *
 * One thing the tree has that events lack: remark-gfm's second pass, which
 * turns bare URLs and e-mail addresses left in text nodes into links. When
 * the text outside links could hold one, `extractLinkUses` returns
 * `undefined` and the caller builds the model. `test/link-uses.test.ts`
 * compares the result with the model on every fixture, in every format, and
 * on generated documents.
 */
import {frontmatter} from 'micromark-extension-frontmatter'
import {decodeString} from 'micromark-util-decode-string'
import {normalizeIdentifier} from 'micromark-util-normalize-identifier'
import type {Event, Extension, Token, TokenizeContext} from 'micromark-util-types'
import {readFrontmatterBlock, type FrontmatterBlock} from './frontmatter/frontmatter-block.js'
import type {ParsedFrontmatter} from './frontmatter/frontmatter.js'
import {documentEvents} from './markdown/document-events.js'
import {gfmNeeds, gfmSyntax} from './markdown/gfm-syntax.js'
import {rawShortcodeSyntax, rawShortcodesOf} from './markdown/shortcodes.js'
import {htmlValueRange} from './html-tags.js'
import type {Embed, Image, LinkKind, Position} from './model/checkpoint.js'
import {htmlUses, linkKind} from './model/passes/content.js'
import {findLiquidLinks} from './model/passes/liquid.js'
import {findTemplates, inside} from './model/passes/templates.js'
import {getProfile, type FormatName, type Profile} from './profiles.js'
import {collapse, createLocator, type Locator} from './text.js'
import {subtokenize} from './markdown/vendor/micromark-util-subtokenize.js'

/** How a URL is written: a markdown link, image or definition, or an attribute of an HTML element. */
export type LinkSource = 'link' | 'image' | 'definition' | 'html-link' | 'html-image' | 'html-embed'

/**
 * A URL as written in a file: what the link check, its fixes and the rules
 * that read URLs all take. `position` is the whole link, image, definition
 * or HTML tag (where messages point); `range` is the URL itself, start and
 * end with line, column and offset, where it is written verbatim (a
 * destination, an autolink, a bare URL, an attribute value), and `undefined`
 * where it is not (a reference, whose URL is in its definition; a URL
 * written with escapes or character references; a `www.` literal).
 */
export interface LinkUse {
  /** The URL as the parser read it (decoded). */
  url: string
  kind: LinkKind
  source: LinkSource
  /** The link, image, definition or tag the URL belongs to. */
  position: Position
  /** The URL as written, when it is written verbatim (`value.slice(range.start.offset, range.end.offset) === url`). */
  range: Position | undefined
}

/** An image as `extractLinkUses` reads it: the model's `src` and position, with where the `src` is written. */
export type ImageUse = Pick<Image, 'src' | 'position'> & Pick<LinkUse, 'source' | 'range'>

/** An embed as `extractLinkUses` reads it: the model's attributes and position, with where its `src` is written. */
export type EmbedUse = Pick<Embed, 'attributes' | 'position'> & Pick<LinkUse, 'range'>

/** What `extractLinkUses` reads: the parts of a `Checkpoint` that hold URLs, `uuid` and `title`. */
export interface LinkUses {
  /** Links in document order (the model's `links`: URL, kind and position; and where the URL is written). */
  links: LinkUse[]
  /** Images in document order (the model's `images`: `src` and position; and where the `src` is written). */
  images: ImageUse[]
  /** Embeds in document order (the model's `embeds`: attributes and position; and where the `src` is written). */
  embeds: EmbedUse[]
  /** The model's `uuid` and `title` (string values of the frontmatter). */
  uuid: string | null
  title: string | null
  /** The parsed frontmatter (`null` when there is none). */
  frontmatter: ParsedFrontmatter | null
}

/** Options of `extractLinkUses`. */
export interface LinkUsesOptions {
  /** The curriculum format (default `checkpoint`). */
  format?: FormatName | undefined
  /** Path of the file, for the frontmatter's messages. */
  path?: string | undefined
  /** Hugo shortcodes whose body is raw text, beyond the defaults (as in `ParseOptions`). */
  rawShortcodes?: readonly string[] | undefined
}

/**
 * Text that remark-gfm's literal pass could turn into a link: its URL
 * pattern needs `http(s)://` or `www.`, its e-mail patterns `x@y.z`.
 */
const literalCandidate = /https?:\/\/|www\.|[\w+\-.]@[\w-]+\.[\w-]/i

/** Tokens whose text never reaches a text node that remark-gfm's literal pass reads. */
const opaque = new Set([
  'link', 'image', 'autolink', 'literalAutolink', 'codeFenced', 'codeIndented', 'codeText',
  'htmlFlow', 'htmlText', 'definition', 'yaml', 'toml'
])

/** Code and frontmatter: template syntax inside them is not a template. */
const codeTypes = new Set(['codeFenced', 'codeIndented', 'codeText', 'yaml', 'toml'])

/** A link or image being read. */
interface Pending {
  token: Token
  image: boolean
  /** The decoded destination of a resource (`''` when it has none). */
  url: string
  resource: boolean
  /** Normalised label of a reference. */
  identifier: string
  /** Offsets of the URL where it is written verbatim. */
  range: [number, number] | undefined
}

/** An HTML node: its value and offsets. */
interface PendingHtml {
  html: string
  start: number
  end: number
}

/** What the walk over the events carries. */
interface Walk {
  value: string
  locator: Locator
  profile: Profile
  /** Links and images (until the definitions are known) and HTML nodes (until the templates are), in document order. */
  order: Array<Pending | PendingHtml>
  open: Pending[]
  definitions: Map<string, string>
  definition: {identifier: string; url: string} | undefined
  html: {token: Token; value: string} | undefined
  matter: {token: Token; value: string} | undefined
  block: FrontmatterBlock | undefined
  code: Array<[number, number]>
  /** Open tokens, by type. */
  stack: string[]
  /** Depth inside the label of an image (nothing there reaches the tree). */
  hidden: number
  /** Depth inside tokens whose text is not a text node. */
  opaque: number
  /** Text outside links, for the literal check. */
  prose: string
  /** The first `# heading` of the root, for profiles whose title it is (`plain.titleFromHeading`). */
  heading: FirstHeading
}

/** What the walk knows of the first `# heading` of the root. */
interface FirstHeading {
  /** The root ATX heading being read: its depth and text, once their tokens are seen. */
  open: {depth: number; text: string} | undefined
  /** Its text, when it is plain text (then the model's title is that text). */
  title: string | undefined
  /** Set when the first heading that may be the title has markup, or is a setext heading: the model decides. */
  unsure: boolean
}

/** Block containers: a heading inside one is not a heading of the root. */
const containers = new Set(['blockQuote', 'listOrdered', 'listUnordered', 'gfmFootnoteDefinition'])
/** Characters of inline markup, escapes and references: a heading with one needs the tree to say its text. */
const headingMarkup = /[\\`*_[\]<>&!{}~|$]/

const extensionsByFormat = new Map<string, Extension[]>()

/** The micromark extensions of `createParser(format, {rawShortcodes})` for `document`, in its order. */
function extensionsFor(profile: Profile, document: string, rawShortcodes: readonly string[] | undefined): Extension[] {
  const needs = profile.gfm ? gfmNeeds(document) : undefined
  const shortcodes = rawShortcodesOf(profile.templates, rawShortcodes)
  const key = profile.name + (needs ? JSON.stringify(needs) : '') + (shortcodes ? '\0' + shortcodes.join('\0') : '')
  let extensions = extensionsByFormat.get(key)
  if (!extensions) {
    extensions = [frontmatter(profile.frontmatter.syntaxes)]
    if (shortcodes) extensions.push(rawShortcodeSyntax(shortcodes))
    if (needs) extensions.push(gfmSyntax(needs))
    extensionsByFormat.set(key, extensions)
  }

  return extensions
}

/**
 * Read the links, images, embeds, `uuid` and `title` of checkpoint markdown
 * (already decoded, without byte order mark) as the model has them, without
 * building the tree; `undefined` when a bare URL or e-mail address in text
 * could make the model differ (then build the model).
 */
export function extractLinkUses(value: string, options: LinkUsesOptions = {}): LinkUses | undefined {
  const profile = getProfile(options.format)
  const events = documentEvents(value, extensionsFor(profile, value, options.rawShortcodes))
  // micromark's `postprocess`, with plain text left unread; not where a
  // template could start, since code spans say where templates are not.
  const skipPlain = profile.templates.length === 0 || !value.includes('{')
  while (!subtokenize(events)) {
    if (skipPlain) leavePlainText(events, value)
  }

  const walk: Walk = {
    value, locator: createLocator(value), profile, order: [], open: [], definitions: new Map(),
    definition: undefined, html: undefined, matter: undefined, block: undefined, code: [], stack: [], hidden: 0, opaque: 0, prose: '',
    heading: {open: undefined, title: undefined, unsure: false}
  }

  const headings = profile.plain?.titleFromHeading === true
  for (const event of events) {
    if (headings) followHeading(walk, event[0] === 'enter', event[1])
    if (event[0] === 'enter') enter(walk, event)
    else exit(walk, event)
  }

  if (literalCandidate.test(walk.prose)) return undefined
  const uses = finish(walk, options.path)
  if (uses.title === null && profile.plain?.titleFromHeading) {
    if (walk.heading.unsure) return undefined
    uses.title = walk.heading.title ?? null
  }

  return uses
}

/** Follow the first `# heading` of the root (profiles whose title it is), as the model's `title` reads it. */
function followHeading(walk: Walk, entering: boolean, token: Token): void {
  const heading = walk.heading
  if (heading.title !== undefined || heading.unsure) return
  const type: string = token.type
  if (entering) {
    const root = !walk.stack.some((open) => containers.has(open))
    if (type === 'atxHeading' && root) heading.open = {depth: 0, text: ''}
    else if (type === 'setextHeading' && root) heading.unsure = true
    else if (type === 'atxHeadingSequence' && heading.open?.depth === 0) heading.open.depth = token.end.offset - token.start.offset
  } else if (type === 'atxHeadingText' && heading.open) {
    heading.open.text = walk.value.slice(token.start.offset, token.end.offset)
  } else if (type === 'atxHeading' && heading.open) {
    const {depth, text} = heading.open
    heading.open = undefined
    const title = collapse(text)
    if (depth !== 1 || title === '') return
    if (headingMarkup.test(title)) heading.unsure = true
    else heading.title = title
  }
}

/**
 * Where a text chunk could hold something this reader keeps: a link, image
 * or footnote (`[`), an autolink or HTML (`<`), what remark-gfm's literal
 * pass reads (`://`, `www.`, `@`), or a character reference (`&`), which the
 * tree decodes before that pass (`&#64;` is an `@` there).
 */
const textCandidate = /[<[@&]|:\/\/|www\./i

/**
 * Leave unread each text chunk, with the chunks linked to it (a paragraph's
 * lines, a heading, a table cell), in which nothing this reader keeps can
 * start: without its `contentType`, micromark's `subtokenize` passes it by,
 * and the walk sees one `chunkText` token where the tree has plain text. Its
 * text reaches no link and could not match `literalCandidate`, so skipping
 * it saves the tokenizing of most prose.
 */
function leavePlainText(events: Event[], value: string): void {
  for (const event of events) {
    const token = event[1]
    if (event[0] !== 'enter' || token.contentType !== 'text' || token.previous) continue
    let last = token
    while (last.next) last = last.next
    if (textCandidate.test(value.slice(token.start.offset, last.end.offset))) continue
    for (let link: Token | undefined = token; link; link = link.next) delete link.contentType
  }
}

function enter(walk: Walk, event: Event): void {
  const token = event[1]
  const type: string = token.type
  const parent = walk.stack.at(-1)
  walk.stack.push(type)
  if (opaque.has(type)) walk.opaque++
  if (walk.hidden > 0) {
    if (type === 'label') walk.hidden++
    return
  }

  switch (type) {
    case 'label': {
      if (parent === 'image') walk.hidden++
      break
    }

    case 'link':
    case 'image':
    case 'autolink':
    case 'literalAutolink': {
      const pending: Pending = {token, image: type === 'image', url: '', resource: type !== 'link' && type !== 'image', identifier: '', range: undefined}
      walk.open.push(pending)
      walk.order.push(pending)
      break
    }

    case 'resource': {
      const top = walk.open.at(-1)
      if (top) top.resource = true
      break
    }

    case 'htmlFlow':
    case 'htmlText': {
      walk.html = {token, value: ''}
      break
    }

    case 'definition': {
      walk.definition = {identifier: '', url: ''}
      break
    }

    case 'yaml':
    case 'toml': {
      walk.matter = {token, value: ''}
      break
    }

    default:
  }
}

function exit(walk: Walk, event: Event): void {
  const [, token, context] = event
  const type: string = token.type
  walk.stack.pop()
  if (opaque.has(type)) walk.opaque--
  if (walk.hidden > 0) {
    // The image's own label text names its reference; what is inside is not in the tree.
    if (type === 'label') walk.hidden--
    else if (type === 'labelText' && walk.hidden === 1) identify(walk, context.sliceSerialize(token))
    return
  }

  if (codeTypes.has(type)) walk.code.push([token.start.offset, token.end.offset])

  switch (type) {
    case 'data':
    case 'characterEscapeValue':
    case 'lineEnding':
    case 'htmlFlowData':
    case 'htmlTextData':
    case 'yamlValue':
    case 'tomlValue': {
      text(walk, context.sliceSerialize(token), type)
      break
    }

    case 'characterReference': {
      if (walk.opaque === 0) walk.prose += decodeString(context.sliceSerialize(token))
      break
    }

    case 'link':
    case 'image':
    case 'autolink':
    case 'literalAutolink': {
      walk.open.pop()
      break
    }

    case 'resourceDestinationString': {
      const top = walk.open.at(-1)
      const raw = context.sliceSerialize(token)
      if (top) top.url = decodeString(raw)
      if (top) top.range = top.url === raw ? [token.start.offset, token.end.offset] : undefined
      break
    }

    case 'labelText':
    case 'referenceString': {
      identify(walk, context.sliceSerialize(token))
      break
    }

    case 'autolinkProtocol':
    case 'literalAutolinkHttp':
    case 'autolinkEmail':
    case 'literalAutolinkEmail':
    case 'literalAutolinkWww': {
      const top = walk.open.at(-1)
      const prefix = type === 'literalAutolinkWww' ? 'http://' : type.endsWith('Email') ? 'mailto:' : ''
      if (top) top.url = prefix + context.sliceSerialize(token)
      if (top) top.range = prefix === '' ? [token.start.offset, token.end.offset] : undefined
      break
    }

    default:
      exitBlock(walk, token, type, context)
  }
}

/** The label of the link or image being read (its reference, unless it has a resource). */
function identify(walk: Walk, label: string): void {
  const top = walk.open.at(-1)
  if (top) top.identifier = normalizeIdentifier(label).toLowerCase()
}

/** The end of a definition, an HTML node or the frontmatter, or a part of a definition. */
function exitBlock(walk: Walk, token: Token, type: string, context: TokenizeContext): void {
  const definition = walk.definition
  if (type === 'definitionLabelString' && definition) {
    definition.identifier = normalizeIdentifier(context.sliceSerialize(token)).toLowerCase()
  } else if (type === 'definitionDestinationString' && definition) {
    definition.url = decodeString(context.sliceSerialize(token))
  } else if (type === 'definition' && definition) {
    if (!walk.definitions.has(definition.identifier)) walk.definitions.set(definition.identifier, definition.url)
    walk.definition = undefined
  } else if ((type === 'htmlFlow' || type === 'htmlText') && walk.html) {
    walk.order.push({html: walk.html.value, start: token.start.offset, end: token.end.offset})
    walk.html = undefined
  } else if ((type === 'yaml' || type === 'toml') && walk.matter) {
    // As mdast-util-frontmatter: the line endings after the opening and before the closing fence go.
    const value = walk.matter.value.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '')
    walk.block = {syntax: type, value, start: token.start.offset, end: token.end.offset}
    walk.matter = undefined
  }
}

/** Text of a token: to the HTML or frontmatter being read, or to the prose outside links. */
function text(walk: Walk, slice: string, type: string): void {
  if (walk.html) {
    if (type === 'htmlFlowData' || type === 'htmlTextData' || type === 'lineEnding') walk.html.value += slice
  } else if (walk.matter) {
    if (type === 'yamlValue' || type === 'tomlValue' || type === 'lineEnding') walk.matter.value += slice
  } else if (walk.opaque === 0) {
    walk.prose += slice
  }
}

/** Resolve references, read HTML outside templates and the frontmatter, and split the uses by kind. */
function finish(walk: Walk, path: string | undefined): LinkUses {
  const uses: LinkUses = {links: [], images: [], embeds: [], uuid: null, title: null, frontmatter: null}
  const withTemplates = walk.profile.templates.length > 0
  const templates = withTemplates && walk.value.includes('{') ? templateRanges(walk) : []
  for (const item of walk.order) {
    if ('html' in item) {
      if (!withTemplates || !inside(templates, item.start)) readHtml(walk, item, uses, withTemplates)
      continue
    }

    const url = item.resource ? item.url : walk.definitions.get(item.identifier)
    if (url === undefined) continue
    const position = walk.locator.toPosition(item.token.start.offset, item.token.end.offset)
    // A reference's URL is written in its definition, not here.
    const range = item.resource && item.range ? walk.locator.toPosition(item.range[0], item.range[1]) : undefined
    if (item.image) uses.images.push({src: url, position, source: 'image', range})
    else uses.links.push({url, kind: linkKind(url, withTemplates), source: 'link', position, range})
  }

  if (walk.profile.templates.includes('liquid') && walk.value.includes('](')) addLiquidLinks(walk, uses)

  if (walk.block) {
    const parsed = readFrontmatterBlock(walk.block, walk.value, walk.locator, path)
    uses.frontmatter = parsed
    uses.uuid = stringField(parsed, 'uuid')
    uses.title = stringField(parsed, 'title')
  }

  return uses
}

/**
 * Links and images whose destination is Liquid with spaces, which the
 * parser leaves as text (see `findLiquidLinks`): found outside code, HTML and
 * frontmatter, and put in document order among the others, as the model has them.
 */
function addLiquidLinks(walk: Walk, uses: LinkUses): void {
  const skipped: Array<[number, number]> = [...walk.code]
  for (const item of walk.order) if ('html' in item) skipped.push([item.start, item.end])
  // A Liquid destination without spaces is a link already.
  for (const use of [...uses.links, ...uses.images]) skipped.push([use.position.start.offset, use.position.end.offset])
  skipped.sort((a, b) => a[0] - b[0])
  let added = false
  for (const link of findLiquidLinks(walk.value)) {
    if (inside(skipped, link.start)) continue
    const position = walk.locator.toPosition(link.start, link.end)
    if (link.image) uses.images.push({src: link.url, position, source: 'image', range: undefined})
    else uses.links.push({url: link.url, kind: 'template', source: 'link', position, range: undefined})
    added = true
  }

  if (!added) return
  uses.links.sort((a, b) => a.position.start.offset - b.position.start.offset)
  uses.images.sort((a, b) => a.position.start.offset - b.position.start.offset)
}

/** The template ranges of the document, as the model finds them (code and frontmatter left out). */
function templateRanges(walk: Walk): Array<[number, number]> {
  const code = walk.code.sort((a, b) => a[0] - b[0])
  return findTemplates(walk.value, walk.profile.templates, code).map(({start, end}): [number, number] => [start, end])
}

/** The links, images and embeds of an HTML node. */
function readHtml(walk: Walk, node: PendingHtml, uses: LinkUses, withTemplates: boolean): void {
  for (const {tag, position, use} of htmlUses(walk.value, walk.locator, node.html, node.start, node.end)) {
    const range = (name: string) => {
      const found = htmlValueRange(walk.value, position.start.offset, position.end.offset, name)
      return found && walk.locator.toPosition(found[0], found[1])
    }

    if (use === 'link') {
      const url = tag.attributes.href ?? ''
      uses.links.push({url, kind: linkKind(url, withTemplates), source: 'html-link', position, range: range('href')})
    } else if (use === 'image') {
      uses.images.push({src: tag.attributes.src ?? '', position, source: 'html-image', range: range('src')})
    } else if (use === 'embed') {
      uses.embeds.push({attributes: tag.attributes, position, range: range('src')})
    }
  }
}

function stringField(frontmatter: ParsedFrontmatter, key: string): string | null {
  const data = frontmatter.data
  if (!data || !Object.hasOwn(data, key)) return null
  const value = data[key]
  return typeof value === 'string' ? value : null
}
