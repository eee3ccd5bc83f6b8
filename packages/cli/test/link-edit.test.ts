/**
 * The fix writer of links (`addLinkFixes`, `links/fix-edit.ts`) on hostile
 * redirect targets and archive answers: whatever comes back, the lesson keeps
 * exactly the links, images and definitions it had, and gains no HTML.
 */
import fc from 'fast-check'
import type {Root} from 'mdast'
import {remark} from 'remark'
import remarkGfm from 'remark-gfm'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {createParser} from '@coursemark/core'
import {urlsOf} from '@coursemark/remark-plugin'
import {VFile} from 'vfile'
import {applyFixes} from '../src/lint/edits.js'
import {safeFixUrl} from '../src/links/fix-edit.js'
import {addLinkFixes} from '../src/links/fixes.js'
import type {ExternalUse, LintMessage} from '../src/types.js'

const old = 'https://old.example/page'

/** A lesson with the old URL in every place a link can hold it, and around it text that must stay text. */
const lesson = [
  `Inline [guide](${old}) and image ![chart](${old} "title") and [angle](<${old}>).`,
  '',
  `Autolink <${old}> and bare ${old} here.`,
  '',
  `HTML <a href="${old}">a</a> and <img src='${old}'>.`,
  '',
  `[ref]: ${old}`,
  `[angle-ref]: <${old}>`,
  '',
  'Use [ref] and [angle-ref]. Text [guide text is not a URL] `code` @user #12 | a | b |',
  ''
].join('\n')

interface Found {
  type: string
  url: string
}

function parse(markdown: string): Root {
  return remark().use(remarkGfm).parse(markdown) as Root
}

/** Links, images, definitions and HTML nodes, in order. */
function inventory(markdown: string): Found[] {
  const found: Found[] = []
  visit(parse(markdown), (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') found.push({type: node.type, url: node.url})
    if (node.type === 'html') found.push({type: 'html', url: node.value})
    if (node.type === 'linkReference' || node.type === 'imageReference') found.push({type: node.type, url: node.identifier})
  })
  return found
}

/** One message per place the old URL is written, as the link check makes them (the place is the link's span). */
function messagesFor(markdown: string, target: string, ruleId: 'link-redirected' | 'link-dead'): LintMessage[] {
  const messages: LintMessage[] = []
  const add = (start: number | undefined, end: number | undefined) => {
    if (start === undefined || end === undefined) return
    messages.push({
      ruleId,
      source: 'coursemark',
      reason: 'r',
      severity: 'error',
      url: null,
      actual: old,
      expected: [target],
      place: {start: {line: 1, column: 1, offset: start}, end: {line: 1, column: 1, offset: end}}
    })
  }

  visit(parse(markdown), (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition' || node.type === 'html') {
      add(node.position?.start.offset, node.position?.end.offset)
    }
  })
  return messages
}

/** Every URL of a lesson with the exact range where it is written, as the rules read them (what the link check gets). */
function usesOf(markdown: string): ExternalUse[] {
  const file = new VFile({value: markdown})
  return urlsOf(createParser('checkpoint').parse(file), file)
}

/** The lesson with the fixes of the link messages applied, as `lint --fix` writes it. */
function fixedLesson(markdown: string, messages: LintMessage[], archived = false): string {
  return applyFixes(markdown, addLinkFixes(markdown, messages, usesOf(markdown), archived)).text
}

/** Strings made of what ends or starts markdown and HTML constructs. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '`', '[', ']', '(', ')', '<', '>', '\n', '\r', ' ', '\t', '@', '#', '|', '"', "'", '\\', '&', '!', '*', '_',
        '\u202E', '\u2066', '\u200F', '\u00A0', 'javascript:', 'data:', 'https://', 'http://', 'x.example', '/',
        '?', '=', 'amp;', '&lt;', ':', '%', '%0A', 'user:pass@', '[::1]', 'ö', '</details>', '<script>', '![t](https://t.example/p.png)'
      ),
      fc.string({maxLength: 4})
    ),
    {maxLength: 14}
  )
  .map((parts) => parts.join(''))

/** A target that is often a URL the writer accepts, and then hostile in its path, query or fragment. */
const target = fc.oneof(hostile, hostile.map((rest) => `https://new.example/${rest}`), hostile.map((rest) => `http://127.0.0.1:8080/a?q=${rest}#${rest}`))

describe('the link fix writer', () => {
  it('keeps every link, image and definition, adds no HTML, and writes either the safe target or nothing', () => {
    const before = inventory(lesson)
    fc.assert(
      fc.property(target, fc.boolean(), (to, archived) => {
        const messages = messagesFor(lesson, to, archived ? 'link-dead' : 'link-redirected')
        const fixed = fixedLesson(lesson, messages, archived)
        const after = inventory(fixed)
        expect(after.map((node) => node.type)).toEqual(before.map((node) => node.type))
        const safe = safeFixUrl(to)
        for (const [index, node] of after.entries()) {
          const was = before[index]
          if (node.type === 'linkReference' || node.type === 'imageReference') {
            expect(node.url).toBe(was?.url)
            continue
          }

          if (node.type === 'html') {
            // The attribute may change, the element may not.
            expect(node.url.replace(/(?:href|src)=(["'])[^"']*\1/, '')).toBe(was?.url.replace(/(?:href|src)=(["'])[^"']*\1/, ''))
            continue
          }

          expect([old, safe]).toContain(node.url)
        }

        // The text around the links is the same text.
        expect(parse(fixed).children.length).toBe(parse(lesson).children.length)
      }),
      {numRuns: 100}
    )
  })

  it('rewrites the URL in every kind of link, encoded for its place', () => {
    const to = 'https://new.example/a(b)[c]<d>`e`&amp;\\f?q=`x`|y#z'
    const href = new URL(to).href
    const messages = messagesFor(lesson, to, 'link-redirected')
    const fixed = fixedLesson(lesson, messages)
    const escaped = href.replace(/[\\()[\]<>`&]/g, '\\$&')
    const attribute = href.replace(/[&'"<>]/g, (character) => `&#${character.charCodeAt(0)};`)
    expect(fixed).toBe(
      [
        `Inline [guide](${escaped}) and image ![chart](${escaped} "title") and [angle](<${escaped}>).`,
        '',
        `Autolink <${href}> and bare <${href}> here.`,
        '',
        `HTML <a href="${attribute}">a</a> and <img src='${attribute}'>.`,
        '',
        `[ref]: ${escaped}`,
        `[angle-ref]: <${escaped}>`,
        '',
        'Use [ref] and [angle-ref]. Text [guide text is not a URL] `code` @user #12 | a | b |',
        ''
      ].join('\n')
    )
    const urls = inventory(fixed).filter((node) => ['link', 'image', 'definition'].includes(node.type))
    expect(urls.map((node) => node.url)).toEqual(Array.from({length: 7}, () => href))
  })

  it('keeps a bare URL bare when it reads back whole', () => {
    const text = `See ${old}.`
    const message = messagesFor(text, 'https://new.example/b', 'link-redirected')
    expect(fixedLesson(text, message)).toBe('See https://new.example/b.')
  })

  it('accepts only absolute `http(s)` URLs without credentials, controls, spaces or bidi marks', () => {
    expect(
      [
        'javascript:alert(1)//',
        'data:text/html,x',
        '/relative',
        'https://user:pass@example.com/',
        'https://example.com/a b',
        'https://example.com/\nx',
        'https://example.com/\u202Egnp.exe',
        ' https://example.com/',
        'https://example.com/ö'
      ].map((url) => safeFixUrl(url) ?? null)
    ).toEqual([null, null, null, null, null, null, null, null, 'https://example.com/%C3%B6'])
  })

  it('rewrites the destination of a link around an image, not the image inside it', () => {
    const text = `[![badge](${old})](${old})\n`
    const link = messagesFor(text, 'https://new.example/', 'link-redirected')[0]
    expect(fixedLesson(text, link ? [link] : [])).toBe(`[![badge](${old})](https://new.example/)\n`)
  })

  it('rewrites the `href` of an element, not the same URL in an attribute after it', () => {
    const text = `<a href="${old}" data-source="${old}">a</a>\n`
    const messages = messagesFor(text, 'https://new.example/', 'link-redirected')
    expect(fixedLesson(text, messages)).toBe(`<a href="https://new.example/" data-source="${old}">a</a>\n`)
  })

  it('writes nothing when the text at the range is no longer the URL (the file changed since it was read)', () => {
    const text = `[guide](${old})\n`
    const messages = messagesFor(text, 'https://new.example/', 'link-redirected')
    const changed = `[guide](${old.replace('old', 'odl')})\n`
    expect(applyFixes(changed, addLinkFixes(changed, messages, usesOf(text))).text).toBe(changed)
  })

  it('leaves the URL alone where it is not the destination: link text, a title, a reference', () => {
    const text = `[${old}](https://other.example "${old}") and [${old}][ref]\n\n[ref]: https://other.example\n`
    const messages = messagesFor(text, 'https://new.example/', 'link-redirected')
    expect(fixedLesson(text, messages)).toBe(text)
  })
})
