/**
 * micromark's events to an mdast tree, with `mdast-util-from-markdown`'s own
 * handles and one context object per document.
 *
 * `fromMarkdown` calls each handle with a fresh copy of its compile context
 * (`{...context, sliceSerialize}`): an object of nine fields for every event
 * that has a handle, about a thousand per lesson. That copy was a quarter of
 * core's whole parse (200 bench lessons in one thread: 2.24-2.40 s with it,
 * 1.64-1.78 s without; 1.34-1.42 s with this module). Here the handles are
 * the package's own, taken once per processor from the `config` of its public
 * compile context (a `beforeEnter` listener reads it at the first event of a
 * parse of one word and stops that parse, before any handle runs), and they
 * are called with one context object whose `sliceSerialize` changes with
 * each event. A handle reads the context only while it runs, so the tree is
 * the same, node for node: `test/compile.test.ts` compares it with
 * `fromMarkdown`'s on every fixture and on generated documents.
 *
 * `prepareList` and the loop are those of `mdast-util-from-markdown` 2.1
 * (MIT, Titus Wormer), which exports neither.
 */
import type {Root} from 'mdast'
import {
  fromMarkdown,
  type CompileContext,
  type Extension as MdastExtension,
  type Handle,
  type OnEnterError,
  type Token
} from 'mdast-util-from-markdown'
import type {Event, ParseOptions, TokenizeContext} from 'micromark-util-types'
import {documentEvents} from './document-events.js'
import {subtokenize} from './subtokenize.js'

type Config = CompileContext['config']

/** The parts of a compile context that are the same for every document. */
type Shared = Pick<CompileContext, 'buffer' | 'config' | 'enter' | 'exit' | 'resume'>

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

function compile(shared: Shared, input: Event[]): Root {
  const config: Config = shared.config
  let tree: Root = {type: 'root', children: [], position: undefined}
  // One context for the whole document; `sliceSerialize` is the current event's.
  const context: CompileContext = {
    stack: [tree],
    tokenStack: [],
    config,
    enter: shared.enter,
    exit: shared.exit,
    buffer: shared.buffer,
    resume: shared.resume,
    data: {},
    sliceSerialize: sliceNothing
  }
  const events = prepareLists(input)
  const enters = config.enter
  const exits = config.exit
  const before = config.beforeEnter
  const after = config.afterExit
  const own = Object.prototype.hasOwnProperty

  for (const event of events) {
    const [kind, token, tokenizer] = event
    const entering = kind === 'enter'
    const handles = entering ? enters : exits
    context.sliceSerialize = tokenizer.sliceSerialize
    if (entering && before.length > 0) for (const listener of before) listener.call(context, token)
    if (own.call(handles, token.type)) (handles[token.type] as Handle).call(context, token)
    if (!entering && after.length > 0) for (const listener of after) listener.call(context, token)
  }

  // Tokens still open.
  const tail = context.tokenStack.at(-1)
  if (tail) (tail[1] ?? defaultOnError).call(context, undefined, tail[0])

  const first = events[0]
  const last = events[events.length - 2]
  tree.position = {
    start: point(first ? first[1].start : {line: 1, column: 1, offset: 0}),
    end: point(last && first ? last[1].end : {line: 1, column: 1, offset: 0})
  }

  for (const transform of config.transforms) tree = (transform(tree) as Root | undefined) ?? tree
  return tree
}

function sliceNothing(): string {
  return ''
}

function point(place: {line: number; column: number; offset?: number | undefined}): {line: number; column: number; offset: number | undefined} {
  return {line: place.line, column: place.column, offset: place.offset}
}

const defaultOnError: OnEnterError = function (left, right) {
  if (left) throw new Error(`Cannot close \`${left.type}\` (${span(left)}): a different token (\`${right.type}\`, ${span(right)}) is open`)
  throw new Error(`Cannot close document, a token (\`${right.type}\`, ${span(right)}) is still open`)
}

function span(token: Token): string {
  return `${token.start.line}:${token.start.column}-${token.end.line}:${token.end.column}`
}

/** The events with `listItem` tokens added and each list's spread inferred. */
function prepareLists(events: Event[]): Event[] {
  const prepared: Event[] = []
  const lists: number[] = []
  for (const event of events) {
    prepared.push(event)
    const type = event[1].type
    if (type === 'listOrdered' || type === 'listUnordered') {
      if (event[0] === 'enter') lists.push(prepared.length - 1)
      else prepareList(prepared, lists.pop() ?? 0)
    }
  }

  return prepared
}

/**
 * Add `listItem` events to the list that starts at `start` and is last in
 * `events` (so nothing after it shifts), and infer its spread.
 */
function prepareList(events: Event[], start: number): undefined {
  const end = events.length - 1
  let index = start - 1
  let containerBalance = -1
  let listSpread = false
  let listItem: Token | undefined
  let lineIndex: number | undefined
  let firstBlankLineIndex: number | undefined
  let atMarker: boolean | undefined
  const insertions: Array<{at: number; event: Event}> = []

  while (++index <= end) {
    const event = events[index] as Event
    switch (event[1].type) {
      case 'listUnordered':
      case 'listOrdered':
      case 'blockQuote': {
        if (event[0] === 'enter') containerBalance++
        else containerBalance--
        atMarker = undefined
        break
      }

      case 'lineEndingBlank': {
        if (event[0] === 'enter') {
          if (listItem && !atMarker && !containerBalance && !firstBlankLineIndex) firstBlankLineIndex = index
          atMarker = undefined
        }

        break
      }

      case 'linePrefix':
      case 'listItemValue':
      case 'listItemMarker':
      case 'listItemPrefix':
      case 'listItemPrefixWhitespace': {
        break
      }

      default: {
        atMarker = undefined
      }
    }

    if (
      (!containerBalance && event[0] === 'enter' && event[1].type === 'listItemPrefix') ||
      (containerBalance === -1 && event[0] === 'exit' && (event[1].type === 'listUnordered' || event[1].type === 'listOrdered'))
    ) {
      if (listItem) {
        let tailIndex = index
        lineIndex = undefined
        while (tailIndex--) {
          const tailEvent = events[tailIndex] as Event
          const type = tailEvent[1].type
          if (type === 'lineEnding' || type === 'lineEndingBlank') {
            if (tailEvent[0] === 'exit') continue
            if (lineIndex) {
              ;(events[lineIndex] as Event)[1].type = 'lineEndingBlank'
              listSpread = true
            }

            tailEvent[1].type = 'lineEnding'
            lineIndex = tailIndex
          } else if (
            type === 'linePrefix' ||
            type === 'blockQuotePrefix' ||
            type === 'blockQuotePrefixWhitespace' ||
            type === 'blockQuoteMarker' ||
            type === 'listItemIndent'
          ) {
            // Empty.
          } else {
            break
          }
        }

        if (firstBlankLineIndex && (!lineIndex || firstBlankLineIndex < lineIndex)) listItem._spread = true

        // Fix position.
        listItem.end = {...(lineIndex ? (events[lineIndex] as Event)[1].start : event[1].end)}
        insertions.push({at: lineIndex || index, event: ['exit', listItem, event[2]]})
      }

      // A new list item.
      if (event[1].type === 'listItemPrefix') {
        const item: Token = {type: 'listItem', _spread: false, start: {...event[1].start}, end: {...event[1].start}}
        listItem = item
        insertions.push({at: index, event: ['enter', item, event[2]]})
        firstBlankLineIndex = undefined
        atMarker = true
      }
    }
  }

  // The list is last in `events`: take it off, then push it back with the
  // insertions merged in.
  const listEvents = events.splice(start)
  let insertion = 0
  index = -1
  while (++index < listEvents.length) {
    let next = insertions[insertion]
    while (next && next.at === start + index) {
      events.push(next.event)
      next = insertions[++insertion]
    }

    events.push(listEvents[index] as Event)
  }

  ;(events[start] as Event)[1]._spread = listSpread
  return undefined
}
