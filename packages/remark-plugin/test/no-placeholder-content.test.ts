/**
 * `no-placeholder-content` tests a text with its patterns only when a quick
 * search finds a word they need (`wordFilter`). These tests hold the rule to
 * the patterns alone: the same findings on text full of near-misses, case
 * variants and the Unicode letters that `/iu` folds onto ASCII ones.
 */
import fc from 'fast-check'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import rule from '../src/rules/no-placeholder-content.js'
import {applyRuleFixes} from './helpers.js'

const run = async (value: string) => (await applyRuleFixes(value, rule)).messages

/** The rule's default patterns, written out here: markers by case, phrases in any case, as whole words. */
const markers = /(?<![\p{L}\p{N}_])(?:FIXME|TODO|TBD|TBA)(?![\p{L}\p{N}_])/gu
const phrases =
  /(?<![\p{L}\p{N}_])(?:under\s+construction|lorem\s+ipsum\s+dolor|content\s+goes\s+here|to\s+be\s+determined|insert\s+text\s+here|to\s+be\s+announced|text\s+goes\s+here|to\s+be\s+written|coming\s+soon)(?![\p{L}\p{N}_])/giu
/** Words after a marker that make it a project's name. */
const project = /^[\s-]+(?:apps?|application|lists?|items?|tasks?)\b/i

/** The columns (1-based) where the patterns find a placeholder in one line of text. */
function expected(line: string): number[] {
  const columns = [...line.matchAll(markers)]
    .filter((match) => !project.test(line.slice(match.index + match[0].length)))
    .map((match) => match.index + 1)
  for (const match of line.matchAll(phrases)) columns.push(match.index + 1)
  return [...new Set(columns)].sort((a, b) => a - b)
}

describe('no-placeholder-content', () => {
  const piece = fc.constantFrom(
    'coming soon', 'Coming Soon', 'COMING\u00A0SOON', 'coming\u2003soon', 'ComIng ſoon', 'comingsoon', 'coming  soon', 'xcoming soon',
    'to be determined', 'To Be Written', 'to be announced.', 'lorem ipsum dolor', 'LOREM IPSUM', 'under construction', 'insert text here',
    'text goes here', 'content goes here', 'under conſtruction', 'Under ConſtructioN', 'TODO', 'todo', 'TODO app', 'TBD', 'TBA:', 'FIXME', 'FIX ME', 'ſoon', 'K', 'é', 'the', 'word', ' ', ', '
  )
  const line = fc.array(piece, {minLength: 1, maxLength: 6}).map((parts) => 'Intro ' + parts.join(' '))

  it('reports what its patterns find, in text in ASCII and not', async () => {
    await fc.assert(
      fc.asyncProperty(line, async (text) => {
        const messages = await run(text + '\n')
        const columns = messages.map((message) => Number(/^1:(\d+)-/.exec(message)?.[1]))
        expect(columns).toEqual(expected(text))
      }),
      {numRuns: 1500}
    )
  })

  it('finds a phrase whose letters only fold to the words, and only in the way `/iu` folds them', async () => {
    expect(await run('Intro ComIng ſoon.\n')).toEqual(['1:7-1:18: Unexpected placeholder `ComIng ſoon`, expected finished content'])
    expect(await run('Intro ſtill to be written.\n')).toEqual(['1:13-1:26: Unexpected placeholder `to be written`, expected finished content'])
    expect(await run('Intro coming soonest.\n')).toEqual([])
  })

  it('finds a configured phrase not in ASCII in text in ASCII, as `/iu` does', async () => {
    // `ſ` (long s) and `K` (Kelvin sign) fold onto `s` and `k`.
    const reasons = async (value: string, phrases: string[]) => {
      const file = new VFile({path: 'x.md', value})
      const processor = unified().use(remarkParse).use(rule.plugin, {markers: [], phrases, blocks: []})
      await processor.run(processor.parse(file), file)
      return file.messages.map((message) => message.reason)
    }

    expect(await reasons('Intro: a ketch.\n', ['\u212Aetch'])).toEqual(['Unexpected placeholder `ketch`, expected finished content'])
    expect(await reasons('Intro: it soon.\n', ['it ſoon'])).toEqual(['Unexpected placeholder `it soon`, expected finished content'])
  })
})
