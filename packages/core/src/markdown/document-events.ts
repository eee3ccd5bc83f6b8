/**
 * micromark's events of a whole document, with the document known to the
 * constructs that read it (`documentOf`): the GFM table looks at the line
 * after a head row before it tries one (`gfm-syntax.ts`).
 */
import {parse, preprocess} from 'micromark'
import type {Event, ParseContext, ParseOptions} from 'micromark-util-types'

const documents = new WeakMap<ParseContext, string>()

/**
 * micromark's events of `document` with `extensions`, before `postprocess`
 * (what `parse(options).document().write(preprocess()(document, undefined,
 * true))` gives).
 */
export function documentEvents(document: string, extensions: NonNullable<ParseOptions['extensions']>): Event[] {
  const parser = parse({extensions})
  documents.set(parser, document)
  return parser.document().write(preprocess()(document, undefined, true))
}

/** The document `parser` reads, when `documentEvents` started it. */
export function documentOf(parser: ParseContext): string | undefined {
  return documents.get(parser)
}
