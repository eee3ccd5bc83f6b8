/**
 * Hugo shortcodes whose body is raw text: `{{< output >}}` … `{{< /output >}}`
 * on lines of their own. Hugo hands such a body to the shortcode's template
 * as it is (the `output` shortcode of workshop themes wraps it in `<pre>`),
 * so it is read as preformatted text: a fenced code block without a
 * language, whose value is the body. A `# comment` line in it is no heading
 * and its URLs are no links. Shortcodes whose body is markdown (`notice`,
 * `expand`, `tab`) are not in the table and stay markdown.
 *
 * The tokens are those of a fenced code block, so the tree, the link
 * extraction and every rule see a `code` node; the shortcode lines
 * themselves are `hugoShortcode` tokens, which no handle reads. An opening
 * tag that is never closed is left to the markdown parser, as it was before.
 */
import type {Code, Construct, Effects, Extension, ParseContext, State, TokenizeContext} from 'micromark-util-types'

/** Shortcodes whose body is raw text in common Hugo themes and in Hugo itself. */
export const defaultRawShortcodes: readonly string[] = ['output', 'highlight', 'code']

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** The opening or closing line of a Hugo shortcode with a raw body. */
    hugoShortcode: 'hugoShortcode'
  }
}

/**
 * The names of the raw-body shortcodes a format reads (`undefined` when it
 * has no Hugo templates): the defaults and `extra`, sorted.
 */
export function rawShortcodesOf(templates: readonly string[], extra: readonly string[] | undefined): string[] | undefined {
  if (!templates.includes('hugo')) return undefined
  return [...new Set([...defaultRawShortcodes, ...(extra ?? [])])].sort()
}

const leftCurlyBrace = 123

/** `{{< name args >}}` or `{{% name args %}}`, not self-closing. */
const openingPattern = /^\{\{([<%])-?[\t ]*([^\s/{}<>%"][^\s{}<>%"]*)(?:[\t ]+([^]*?))?[\t ]*-?([>%])\}\}[\t ]*$/

/** `{{< /name >}}` or `{{% /name %}}`, at the end of a line (Hugo ends the body there, whatever comes before). */
const closingPattern = /\{\{([<%])-?[\t ]*\/[\t ]*([^\s{}<>%"]+)[\t ]*-?([>%])\}\}[\t ]*$/

const pairs: Record<string, string> = {'<': '>', '%': '%'}

/**
 * Per document, the names whose body was read to the end without a closing
 * tag. A body takes every line up to its closing tag, so a later opening tag
 * of the same name cannot be closed either: not trying again keeps a
 * document of many unclosed tags linear.
 */
const unclosed = new WeakMap<ParseContext, Set<string>>()

/**
 * micromark extension: shortcodes named in `names` (with `defaultRawShortcodes`
 * usually) as fenced code blocks.
 */
export function rawShortcodeSyntax(names: Iterable<string>): Extension {
  const known = new Set(names)
  const construct: Construct = {name: 'hugoRawShortcode', tokenize, concrete: true}
  return {flow: {[leftCurlyBrace]: construct}}

  function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const self = this
    let text = ''
    let opened = ''
    let closing: Construct | undefined
    return start

    function start(code: Code): State | undefined {
      effects.enter('codeFenced')
      effects.enter('codeFencedFence')
      effects.enter('hugoShortcode')
      return opening(code)
    }

    function opening(code: Code): State | undefined {
      if (code === null || code < -2) {
        const match = openingPattern.exec(text)
        const name = match?.[2] ?? ''
        if (!match || pairs[match[1] ?? ''] !== match[4] || !known.has(name) || (match[3] ?? '').endsWith('/')) return nok(code)
        if (unclosed.get(self.parser)?.has(name)) return nok(code)
        opened = name
        closing = {tokenize: closingOf(name), partial: true}
        effects.exit('hugoShortcode')
        effects.exit('codeFencedFence')
        return atBreak(code)
      }

      text += characterOf(code)
      effects.consume(code)
      return opening
    }

    function atBreak(code: Code): State | undefined {
      // A body that never closes is not a shortcode body: leave it to markdown.
      if (code === null) {
        let names = unclosed.get(self.parser)
        if (!names) unclosed.set(self.parser, (names = new Set()))
        names.add(opened)
        return nok(code)
      }

      // Hugo reads a shortcode before markdown: its body goes on in lines
      // that leave a list item or block quote (lazy lines), as micromark lets
      // a construct that is still open take them.
      effects.enter('lineEnding')
      effects.consume(code)
      effects.exit('lineEnding')
      return closing ? effects.attempt(closing, after, contentStart) : nok
    }

    function contentStart(code: Code): State | undefined {
      if (code === null || code < -2) return atBreak(code)
      effects.enter('codeFlowValue')
      return content(code)
    }

    function content(code: Code): State | undefined {
      if (code === null || code < -2) {
        effects.exit('codeFlowValue')
        return atBreak(code)
      }

      effects.consume(code)
      return content
    }

    function after(code: Code): State | undefined {
      effects.exit('codeFenced')
      return ok(code)
    }
  }
}

/** A tokenizer of the line that closes shortcode `name`. */
function closingOf(name: string): Construct['tokenize'] {
  return function (this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let text = ''
    return start

    function start(code: Code): State | undefined {
      if (code === null || code < -2) return nok(code)
      effects.enter('codeFencedFence')
      effects.enter('hugoShortcode')
      return line(code)
    }

    function line(code: Code): State | undefined {
      if (code === null || code < -2) {
        const match = closingPattern.exec(text)
        if (!match || pairs[match[1] ?? ''] !== match[3] || match[2] !== name) return nok(code)
        effects.exit('hugoShortcode')
        effects.exit('codeFencedFence')
        return ok(code)
      }

      text += characterOf(code)
      effects.consume(code)
      return line
    }
  }
}

/** The text of a character code (a tab, or the virtual space of a tab, is a space or tab). */
function characterOf(code: number): string {
  if (code === -2) return '\t'
  if (code < 0) return ' '
  return String.fromCodePoint(code)
}
