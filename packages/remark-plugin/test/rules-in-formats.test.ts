/**
 * Rules read format syntax through the model of the format: div fences and
 * template tags are not duplicate paragraphs, and `{alt='…'}` is alt text,
 * where the format writes them (and only there); an included file may hold
 * the definitions of references.
 */
import {createParser, type FormatName} from '@coursemark/core'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import imageAltText from '../src/rules/image-alt-text.js'
import noDuplicateParagraph from '../src/rules/no-duplicate-paragraph.js'
import noUndefinedReferences from '../src/rules/no-undefined-references.js'
import type {Rule} from '../src/rule.js'
import {remarkCoursemarkSettings} from '../src/settings.js'

async function check(rule: Rule, format: FormatName, value: string): Promise<string[]> {
  const file = new VFile({path: 'lesson.md', value})
  const processor = createParser(format).use(remarkCoursemarkSettings, {format, validate: false}).use(rule.plugin)
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => String(message).slice('lesson.md:'.length))
}

const fence = ':'.repeat(90)
const challenges = [
  `${fence} challenge`,
  '',
  'Sort the list.',
  '',
  fence,
  '',
  `${fence} challenge`,
  '',
  'Reverse the list.',
  '',
  fence,
  ''
].join('\n')

describe('no-duplicate-paragraph', () => {
  it('does not compare the fences of fenced divs in `carpentries`', async () => {
    expect(await check(noDuplicateParagraph as Plugin<never[], Root>, 'carpentries', challenges)).toEqual([])
  })

  it('compares them in `checkpoint`, where they are text', async () => {
    expect(await check(noDuplicateParagraph as Plugin<never[], Root>, 'checkpoint', challenges)).toEqual([
      '7:1-7:101: Unexpected duplicate paragraph, expected it only once (first at 1:1-1:101)',
      '11:1-11:91: Unexpected duplicate paragraph, expected it only once (first at 5:1-5:91)'
    ])
  })
})

describe('image-alt-text', () => {
  const images = "![](tidy.png){alt='A table with one column per variable'}\n\n![](messy.png){.wide}\n"

  it('reads `{alt=…}` as alt text in `carpentries`', async () => {
    expect(await check(imageAltText as Plugin<never[], Root>, 'carpentries', images)).toEqual([
      '3:1-3:15: Unexpected image without alt text, expected a short description of the image between `![` and `]`'
    ])
  })

  it('does not in `checkpoint`, where GitHub shows the braces as text', async () => {
    expect(await check(imageAltText as Plugin<never[], Root>, 'checkpoint', images)).toEqual([
      '1:1-1:14: Unexpected image without alt text, expected a short description of the image between `![` and `]`',
      '3:1-3:15: Unexpected image without alt text, expected a short description of the image between `![` and `]`'
    ])
  })
})

describe('no-undefined-references', () => {
  it('leaves references to an included file\'s definitions alone', async () => {
    const lesson = 'Read about [Arguments].\n\n{% include links.md %}\n'
    expect(await check(noUndefinedReferences as Plugin<never[], Root>, 'carpentries', lesson)).toEqual([])
  })

  it('reports them in a file that includes nothing', async () => {
    expect(await check(noUndefinedReferences as Plugin<never[], Root>, 'carpentries', 'Read about [Arguments].\n')).toEqual([
      '1:12-1:23: Unexpected reference to undefined definition, expected corresponding definition (`arguments`) for a link or escaped opening bracket (`\\[`) for regular text'
    ])
  })
})
