/**
 * `no-duplicate-paragraph` compares paragraphs by their text with white space
 * collapsed, and skips the replace when nothing but single spaces is there
 * (`collapseSpace`). It must give what the plain replace gives, for every
 * kind of white space JavaScript's `\s` knows.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import rule, {collapseSpace} from '../src/rules/no-duplicate-paragraph.js'
import {applyRuleFixes} from './helpers.js'

/** Every character `\s` matches, and some that look like space but are not. */
const spaces = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff']
const notSpaces = ['\u200b', '\u180e', '\u0085', 'a', 'é', '.', '_']

describe('collapseSpace', () => {
  it('gives what `.replace(/\\s+/g, " ").trim()` gives', () => {
    const piece = fc.constantFrom(...spaces, ...notSpaces, 'word', '  ', ' x ')
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 30}).map((parts) => parts.join('')), (text) => {
        expect(collapseSpace(text)).toBe(text.replace(/\s+/g, ' ').trim())
      }),
      {numRuns: 5000}
    )
  })

  it('reports paragraphs that differ only in white space', async () => {
    const line = 'Networking is how most people find their first job in tech, so start early today.'
    const messages = (await applyRuleFixes(`${line}\n\n${line.replaceAll(' ', '\u00a0 ')}\n\n${line.replace('job', 'job\n')}\n`, rule)).messages
    expect(messages.map((message) => message.split(':')[0])).toEqual(['3', '5'])
  })
})
