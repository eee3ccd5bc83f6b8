/**
 * Vendored from `micromark-util-subtokenize` 2.1.0 (`lib/index.js`,
 * `subtokenize` and `subcontent`), MIT licence, (c) Titus Wormer
 * <https://github.com/micromark/micromark>.
 *
 * Tokenizes the content of the chunks of a document's events: micromark's
 * `postprocess`, one pass at a time. Changes from upstream, marked `Changed:`
 * below:
 *
 * - the jumps are kept in a `Map` where upstream keeps them in plain objects
 *   keyed by event index (merged with `Object.assign` after every chunk,
 *   tested with `in` at every event): sparse integer keys make those objects
 *   dictionaries, and that bookkeeping was about half of `subtokenize`'s own
 *   time (figures in docs/performance.md);
 * - translated to TypeScript, with upstream's `SpliceBuffer` imported from
 *   the package, which exports it.
 *
 * The trees are compared with `fromMarkdown`'s in `test/compile.test.ts`.
 */
import {splice} from 'micromark-util-chunked'
import {SpliceBuffer} from 'micromark-util-subtokenize'
import type {Chunk, Event, Token} from 'micromark-util-types'

/**
 * Tokenize the content of the chunks of `eventsArray` (one pass; in place).
 *
 * @returns
 *   Whether no chunk was left: `false` asks for another pass.
 */
export function subtokenize(eventsArray: Event[]): boolean {
  // Changed: the jumps in a `Map`, not an object keyed by index.
  const jumps = new Map<number, number>()
  let index = -1
  let more = false
  const events = new SpliceBuffer<Event>(eventsArray)

  while (++index < events.length) {
    // Changed: `Map#get` for `index in jumps`.
    let jump = jumps.get(index)
    while (jump !== undefined) {
      index = jump
      jump = jumps.get(index)
    }

    const event = events.get(index)

    // Add a hook for the GFM tasklist extension, which needs to know if text
    // is in the first content of a list item.
    if (index && event[1].type === 'chunkFlow' && events.get(index - 1)[1].type === 'listItemPrefix') {
      const subevents = (event[1]._tokenizer as {events: Event[]}).events
      let otherIndex = 0
      if (otherIndex < subevents.length && (subevents[otherIndex] as Event)[1].type === 'lineEndingBlank') {
        otherIndex += 2
      }

      if (otherIndex < subevents.length && (subevents[otherIndex] as Event)[1].type === 'content') {
        while (++otherIndex < subevents.length) {
          const other = (subevents[otherIndex] as Event)[1]
          if (other.type === 'content') break
          if (other.type === 'chunkText') {
            other._isInFirstContentOfListItem = true
            otherIndex++
          }
        }
      }
    }

    // Enter.
    if (event[0] === 'enter') {
      if (event[1].contentType) {
        // Changed: `Map#set` for `Object.assign`.
        for (const [from, to] of subcontent(events, index)) jumps.set(from, to)
        index = jumps.get(index) as number
        more = true
      }
    }
    // Exit.
    else if (event[1]._container) {
      let otherIndex = index
      let lineIndex: number | undefined
      while (otherIndex--) {
        const otherEvent = events.get(otherIndex)
        if (otherEvent[1].type === 'lineEnding' || otherEvent[1].type === 'lineEndingBlank') {
          if (otherEvent[0] === 'enter') {
            if (lineIndex) events.get(lineIndex)[1].type = 'lineEndingBlank'
            otherEvent[1].type = 'lineEnding'
            lineIndex = otherIndex
          }
        } else if (otherEvent[1].type === 'linePrefix' || otherEvent[1].type === 'listItemIndent') {
          // Move past.
        } else {
          break
        }
      }

      if (lineIndex) {
        // Fix position.
        event[1].end = {...events.get(lineIndex)[1].start}
        // Switch container exit w/ line endings.
        const parameters = events.slice(lineIndex, index)
        parameters.unshift(event)
        events.splice(lineIndex, index - lineIndex + 1, parameters)
      }
    }
  }

  // The changes to the `events` buffer must be copied back into the eventsArray.
  splice(eventsArray, 0, Number.POSITIVE_INFINITY, events.slice(0))
  return !more
}

/** Tokenize the content of the chunk entered at `eventIndex` (and the chunks linked to it); returns the gaps. */
function subcontent(events: SpliceBuffer<Event>, eventIndex: number): Map<number, number> {
  const token = events.get(eventIndex)[1]
  const context = events.get(eventIndex)[2]
  let startPosition = eventIndex - 1
  const startPositions: number[] = []
  let tokenizer = token._tokenizer
  if (!tokenizer) {
    tokenizer = context.parser[token.contentType as NonNullable<Token['contentType']>](token.start)
    if (token._contentTypeTextTrailing) tokenizer._contentTypeTextTrailing = true
  }

  const childEvents = tokenizer.events
  const jumps: Array<[number, number]> = []
  // Changed: the gaps in a `Map`, not an object keyed by index.
  const gaps = new Map<number, number>()
  let previous: Token | undefined
  let index = -1
  let current: Token | undefined = token
  let adjust = 0
  let start = 0
  const breaks = [start]

  // Loop forward through the linked tokens to pass them in order to the
  // subtokenizer.
  while (current) {
    // Find the position of the event for this token.
    while (events.get(++startPosition)[1] !== current) {
      // Empty.
    }

    startPositions.push(startPosition)
    if (!current._tokenizer) {
      const stream: Chunk[] = context.sliceStream(current)
      if (!current.next) stream.push(null)
      if (previous) tokenizer.defineSkip(current.start)
      if (current._isInFirstContentOfListItem) tokenizer._gfmTasklistFirstContentOfListItem = true
      tokenizer.write(stream)
      if (current._isInFirstContentOfListItem) tokenizer._gfmTasklistFirstContentOfListItem = undefined
    }

    // Unravel the next token.
    previous = current
    current = current.next
  }

  // Now, loop back through all events (and linked tokens), to figure out which
  // parts belong where.
  current = token
  while (++index < childEvents.length) {
    const event = childEvents[index] as Event
    const before = childEvents[index - 1]
    if (
      // Find a void token that includes a break.
      event[0] === 'exit' &&
      before?.[0] === 'enter' &&
      event[1].type === before[1].type &&
      event[1].start.line !== event[1].end.line
    ) {
      start = index + 1
      breaks.push(start)
      // Help GC.
      if (current) {
        current._tokenizer = undefined
        current.previous = undefined
        current = current.next
      }
    }
  }

  // Help GC.
  tokenizer.events = []

  // If there’s one more token (which is the cases for lines that end in an
  // EOF), that’s perfect: the last point we found starts it.
  // If there isn’t then make sure any remaining content is added to it.
  if (current) {
    // Help GC.
    current._tokenizer = undefined
    current.previous = undefined
  } else {
    breaks.pop()
  }

  // Now splice the events from the subtokenizer into the current events,
  // moving back to front so that splice indices aren’t affected.
  index = breaks.length
  while (index--) {
    const slice = childEvents.slice(breaks[index], breaks[index + 1])
    const at = startPositions.pop() as number
    jumps.push([at, at + slice.length - 1])
    events.splice(at, 2, slice)
  }

  jumps.reverse()
  index = -1
  while (++index < jumps.length) {
    const [from, to] = jumps[index] as [number, number]
    gaps.set(adjust + from, adjust + to)
    adjust += to - from - 1
  }

  return gaps
}
