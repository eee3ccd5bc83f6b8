/**
 * The checks made before a file is parsed: decoding, byte order mark, input
 * limits. Its own module, so that a reader that builds no tree (the links of
 * `coursemark links`) loads no parser to make them.
 */
import type {VFileMessage} from 'vfile-message'
import {defaultLimits, scanLimits, type LimitFinding, type Limits} from './limits.js'
import {createMessage} from './messages.js'
import {createLocator} from './text.js'

const decoder = new TextDecoder('utf-8', {fatal: false, ignoreBOM: false})
const strictDecoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false})

/** What `readInput` returns: the text to parse, or why it must not be parsed. */
export interface InputResult {
  /** The text, decoded, without its byte order mark. */
  text: string
  /** Whether the input started with a byte order mark (a writer puts it back). */
  bom: boolean
  /** Encoding and limit problems, each with a position. */
  messages: VFileMessage[]
  /** Whether a limit was hit: the text must not be parsed. */
  blocked: boolean
}

/**
 * The checks `parseCheckpoint` makes before it parses: decode bytes as UTF-8
 * (invalid sequences become U+FFFD and a message), drop a leading byte order
 * mark, and check the input limits (`maxSize`, `maxNesting`, `maxLinks`, NUL).
 */
export function readInput(
  value: string | Uint8Array,
  options: {path?: string | undefined; limits?: Partial<Limits> | undefined} = {}
): InputResult {
  const messages: VFileMessage[] = []
  const path = options.path
  let text: string
  // The decoders drop a byte order mark of bytes; a string keeps it until below.
  let bom = typeof value !== 'string' && value[0] === 0xef && value[1] === 0xbb && value[2] === 0xbf

  if (typeof value === 'string') {
    text = value
  } else {
    try {
      text = strictDecoder.decode(value)
    } catch {
      text = decoder.decode(value)
      const bad = text.indexOf('\uFFFD')
      const locator = createLocator(text)
      messages.push(
        createMessage('Unexpected invalid UTF-8, expected text encoded as UTF-8', {
          ruleId: 'input-encoding',
          place: locator.toPosition(Math.max(0, bad), Math.max(0, bad) + 1),
          file: path
        })
      )
    }
  }

  if (text.charCodeAt(0) === 0xfe_ff) {
    text = text.slice(1)
    bom = true
  }

  const limits: Limits = {...defaultLimits, ...options.limits}
  if (text.length > limits.maxSize) {
    messages.push(
      createMessage(
        `Unexpected file of ${text.length} characters, expected at most ${limits.maxSize} (option \`maxSize\`)`,
        {ruleId: 'input-too-large', place: createLocator(text).toPosition(0, 0), file: path}
      )
    )
    return {text, bom, messages, blocked: true}
  }

  const finding = scanLimits(text, limits)
  if (finding) {
    messages.push(
      createMessage(limitReasons[finding.kind](limits), {
        ruleId: limitRuleIds[finding.kind],
        place: createLocator(text).toPosition(finding.offset, finding.end),
        file: path
      })
    )
    return {text, bom, messages, blocked: true}
  }

  return {text, bom, messages, blocked: false}
}

const limitReasons: Record<LimitFinding['kind'], (limits: Limits) => string> = {
  binary: () => 'Unexpected NUL byte, expected a text file (is this a binary file?)',
  'too-deep': (limits) =>
    `Unexpected nesting deeper than ${limits.maxNesting} levels, expected at most ${limits.maxNesting} (option \`maxNesting\`)`,
  'too-many-links': (limits) =>
    `Unexpected more than ${limits.maxLinks} links in one file, expected at most ${limits.maxLinks} (option \`maxLinks\`)`
}

const limitRuleIds: Record<LimitFinding['kind'], string> = {
  binary: 'input-binary',
  'too-deep': 'input-too-deep',
  'too-many-links': 'input-too-many-links'
}
