/**
 * micromark's events to an mdast tree, with `mdast-util-from-markdown`'s own
 * handles and one context object per document.
 *
 * `fromMarkdown` calls each handle with a fresh copy of its compile context
 * (`{...context, sliceSerialize}`): an object of nine fields for every event
 * that has a handle, and those copies were a large part of core's parse.
 * Here the handles
 * are the package's own, taken once per processor from the `config` of its
 * public compile context (a `beforeEnter` listener reads it at the first
 * event of a parse of one word and stops that parse, before any handle
 * runs), and upstream's loop (`vendor/mdast-util-from-markdown.ts`) calls
 * them with one context object whose `sliceSerialize` changes with each
 * event. A handle reads the context only while it runs, so the tree is the
 * same, node for node: `test/compile.test.ts` compares it with
 * `fromMarkdown`'s on every fixture and on generated documents.
 */
import type {Root} from 'mdast'
import {fromMarkdown, type CompileContext, type Extension as MdastExtension, type Handle, type Token} from 'mdast-util-from-markdown'
import type {Event, ParseOptions, TokenizeContext} from 'micromark-util-types'
import {documentEvents} from './document-events.js'
import {compile, type Shared} from './vendor/mdast-util-from-markdown.js'
import {subtokenize} from './vendor/micromark-util-subtokenize.js'

/** Turns one document's events into its tree. */
export interface Compiler {
  (events: Event[]): Root
  /**
   * Whether the compiler takes plain text chunks (`leavePlainText`): no
   * extension listens to events or handles text, data or line endings.
   */
  plainText: boolean
}

/**
 * A compiler for the given mdast extensions: `fromMarkdown`'s handles, called
 * with one context per document.
 */
export function createCompiler(extensions: ReadonlyArray<MdastExtension | MdastExtension[]>): Compiler {
  const shared = sharedContext(extensions)
  const config = shared.config
  const plainText =
    config.beforeEnter.length === 0 &&
    config.afterExit.length === 0 &&
    extensions.flat().every((extension) => !['data', 'lineEnding', 'chunkText'].some((type) => Object.hasOwn(extension.enter ?? {}, type) || Object.hasOwn(extension.exit ?? {}, type)))
  if (plainText) {
    // A plain chunk is what its data and line endings would be: text.
    config.enter.chunkText = config.enter.data as Handle
    config.exit.chunkText = config.exit.data as Handle
  }

  return Object.assign((events: Event[]) => compile(shared, events), {plainText})
}

/**
 * Parse `document` with micromark's `extensions` and compile it: what
 * `fromMarkdown(document, {extensions, mdastExtensions})` returns.
 *
 * With `plainText` (only for extensions that add no text construct, see
 * `addsNoText`), and a compiler that takes them, the text of a paragraph or
 * an ATX heading in which no inline construct can start is not split into
 * tokens (`leavePlainText`).
 */
export function parseWith(document: string, extensions: NonNullable<ParseOptions['extensions']>, compiler: Compiler, plainText = false): Root {
  const events = documentEvents(document, extensions)
  if (!plainText || !compiler.plainText) {
    // micromark's `postprocess`.
    while (!subtokenize(events)) {
      // Until no chunk is left.
    }

    return compiler(events)
  }

  // micromark's `postprocess`, leaving plain chunks as they are. A heading's
  // text is in the events from the start, a paragraph's after the first pass
  // (which reads every content chunk: containers are already flat here);
  // later passes read text, which holds no further paragraph.
  leavePlainText(events)
  if (!subtokenize(events)) {
    leavePlainText(events)
    while (!subtokenize(events)) {
      // Until no chunk is left.
    }
  }

  return compiler(events)
}

/**
 * Whether a micromark extension (other than core's GFM, whose text constructs
 * `plainCandidate` knows) leaves text alone: no text construct, nothing
 * inside spans, no attention markers.
 */
export function addsNoText(extension: NonNullable<ParseOptions['extensions']>[number]): boolean {
  return !('text' in extension) && !('insideSpan' in extension) && !('attentionMarkers' in extension)
}

/**
 * Where an inline construct of CommonMark or GFM could start in a chunk, or
 * its white space would not be text: an image, a character reference,
 * emphasis, an autolink or HTML, a link, footnote or task item, an escape or
 * hard break, a code span, strikethrough; a GFM literal (`://`, `www.`, an
 * e-mail's `@`); a tab (columns, and virtual spaces in containers).
 */
const plainCandidate = /[\t!&*<[\\\]_`~]|:\/\/|www\.|@/i

/**
 * Leave unread each text chunk of a paragraph or ATX heading (with the chunks
 * linked to it: the paragraph's lines) in which no inline construct can
 * start and no line starts or ends in white space (a line's indent and its
 * trailing white space are not text; two spaces make a hard break). Without
 * its `contentType`, micromark's `subtokenize` passes the chunk by, and the
 * compiler makes the text node from it (`chunkText`, with the handles of
 * data): its value is the chunks' text, line endings included, from the
 * start of the first to the end of the last, which is what the data and line
 * endings of the same text give. `test/compile.test.ts` compares the trees
 * with `fromMarkdown`'s.
 */
function leavePlainText(events: Event[]): void {
  for (let index = 1; index < events.length; index++) {
    const event = events[index] as Event
    const token = event[1]
    if (event[0] !== 'enter' || token.contentType !== 'text' || token.previous) continue
    const parent = events[index - 1] as Event
    if (parent[0] !== 'enter' || (parent[1].type !== 'paragraph' && parent[1].type !== 'atxHeadingText')) continue
    if (!isPlain(token, event[2])) continue
    for (let link: Token | undefined = token; link; link = link.next) link.contentType = undefined
  }
}

/** Whether every chunk linked from `token` is plain (`leavePlainText`). */
function isPlain(token: Token, context: TokenizeContext): boolean {
  for (let link: Token | undefined = token; link; link = link.next) {
    // As the compiler will read it: a tab partly taken by a container's
    // indent leaves virtual spaces, which are in no slice of the document.
    const text = context.sliceSerialize(link)
    if (text === '' || plainCandidate.test(text) || text.charCodeAt(0) === space) return false
    // Each chunk but the last ends with its line ending; no chunk has another.
    const line = link.next ? withoutLineEnding(text) : text
    if (line === undefined || line === '' || line.charCodeAt(line.length - 1) === space) return false
  }

  return true
}

function withoutLineEnding(text: string): string | undefined {
  if (text.endsWith('\r\n')) return text.slice(0, -2)
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1)
  return undefined
}

const space = 32

function sharedContext(extensions: ReadonlyArray<MdastExtension | MdastExtension[]>): Shared {
  let found: Shared | undefined
  const stop = new Error('found')
  // First of all listeners, so that it stops the parse before any handle or
  // listener of an extension runs.
  const spy = function (this: CompileContext): undefined {
    found = {buffer: this.buffer, config: this.config, enter: this.enter, exit: this.exit, resume: this.resume}
    throw stop
  }

  try {
    fromMarkdown('a', {mdastExtensions: [{beforeEnter: spy}, ...extensions]})
  } catch (error) {
    if (error !== stop) throw error
  }

  if (!found) throw new Error('mdast-util-from-markdown called no `beforeEnter` listener: it must be 2.1 or later')
  const listeners = found.config.beforeEnter
  listeners.splice(listeners.indexOf(spy), 1)
  return found
}
