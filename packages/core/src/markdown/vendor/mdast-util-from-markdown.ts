/**
 * Vendored from `mdast-util-from-markdown` 2.1.0 (`lib/index.js`: the loop
 * of `compile`, `prepareList`, `defaultOnError`, `point`), MIT licence, (c)
 * Titus Wormer <https://github.com/syntax-tree/mdast-util-from-markdown>.
 * The package exports neither the loop nor `prepareList`.
 *
 * Turns micromark's events into an mdast tree with the package's own handles
 * (`../compile.ts` takes them from its public compile context). Changes from
 * upstream, marked `Changed:` below:
 *
 * - one compile context for the whole document, whose `sliceSerialize` is
 *   the current event's; upstream copies the context (`{...context,
 *   sliceSerialize}`) for every event that has a handle, about a thousand a
 *   lesson, which was a quarter of core's parse (figures in
 *   docs/performance.md). A handle reads the context only while it runs, so
 *   the tree is the same, node for node (`test/compile.test.ts`);
 * - the handles, listeners and transforms come from `shared`, made once per
 *   processor, not from a configuration built for every document;
 * - the list preparation is a function of its own (`prepareLists`), and a
 *   position is written by `span` rather than `unist-util-stringify-position`
 *   (the same text);
 * - translated to TypeScript.
 */
import type {Root} from 'mdast'
import type {CompileContext, Handle, OnEnterError, Token} from 'mdast-util-from-markdown'
import type {Event} from 'micromark-util-types'

type Config = CompileContext['config']

/** The parts of a compile context that are the same for every document. */
export type Shared = Pick<CompileContext, 'buffer' | 'config' | 'enter' | 'exit' | 'resume'>

/** The tree of one document's events, with the handles of `shared`. */
export function compile(shared: Shared, input: Event[]): Root {
  const config: Config = shared.config
  let tree: Root = {type: 'root', children: [], position: undefined}
  // Changed: one context for the whole document; `sliceSerialize` is the current event's.
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
  // Changed: a function of its own.
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
    // Changed: the handles and listeners get the one context, not a copy with this event's `sliceSerialize`.
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

// Changed: `stringifyPosition` of `unist-util-stringify-position`, for a token.
function span(token: Token): string {
  return `${token.start.line}:${token.start.column}-${token.end.line}:${token.end.column}`
}

/** The events with `listItem` tokens added and each list's spread inferred (each list prepared while it is last). */
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
        // Changed: `end` is set here too (upstream leaves it `undefined` until the item closes).
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
