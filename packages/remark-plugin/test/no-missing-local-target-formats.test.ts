/**
 * `no-missing-local-target` reads the anchors and templates of each format:
 * attribute lists and pandoc spans where the format has them, Hugo shortcode
 * anchors, template links never checked as paths.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createParser, type FormatName} from '@coursemark/core'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import rule from '../src/rules/no-missing-local-target.js'
import {remarkCoursemarkSettings} from '../src/settings.js'

let folder = ''

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'coursemark-format-anchors-'))
  writeFileSync(
    join(folder, 'glossary.md'),
    ['## Terms', '', '[variable]{#variable}', ':   One quantity per column.', '', '### Events', '{: #events}', ''].join('\n')
  )
})

afterAll(() => {
  rmSync(folder, {recursive: true, force: true})
})

async function check(format: FormatName, value: string): Promise<string[]> {
  const file = new VFile({path: join(folder, 'lesson.md'), value})
  const processor = createParser(format).use(remarkCoursemarkSettings, {format}).use(rule.plugin)
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => String(message).slice(file.path.length + 1))
}

describe('no-missing-local-target in each format', () => {
  it('carpentries: pandoc spans and heading attributes set anchors; Liquid links are not paths', async () => {
    const lesson = [
      '## Tidy columns {#columns}',
      '',
      'Each [variable]{#variable} is a column.',
      '',
      'See [columns](#columns), [variable](#variable), [the glossary](glossary.md#variable),',
      '[setup]({{ page.root }}/setup.html#install), [the reference]({{ page.root }}{% link reference.md %}#cd)',
      'and [a typo](#varaible).',
      ''
    ].join('\n')
    expect(await check('carpentries', lesson)).toEqual([
      '7:14-7:23: Unexpected anchor `#varaible` that matches no heading, expected an anchor such as `#variable`'
    ])
  })

  it('odin: kramdown `{: #id}` and `<span id>` set anchors', async () => {
    const lesson = [
      '### The event object',
      '{: #event-object}',
      '',
      'A listener gets <span id="target">the target</span>.',
      '',
      '- [Event object](#event-object), [target](#target), [other file](glossary.md#events)',
      '- [Missing](#event-objects)',
      ''
    ].join('\n')
    expect(await check('odin', lesson)).toEqual([
      '7:13-7:27: Unexpected anchor `#event-objects` that matches no heading, expected an anchor such as `#event-object`'
    ])
  })

  it('hugo: shortcodes with a name make numbered anchors; ref links are not paths', async () => {
    const lesson = [
      '+++',
      'title = "Traces"',
      '+++',
      '',
      '{{<tabs name="Worked example">}}',
      '===[[Question]]===',
      'Which call ran last?',
      '===[[Answer]]===',
      'The first one listed.',
      '{{</tabs>}}',
      '',
      'See [the example](#worked-example), [its answer](#worked-example-1),',
      '[the prep]({{< ref "/prep" >}}) and [the answers](#worked-exampel-1).',
      ''
    ].join('\n')
    expect(await check('hugo', lesson)).toEqual([
      '13:51-13:68: Unexpected anchor `#worked-exampel-1` that matches no heading, expected an anchor such as `#worked-example-1`'
    ])
  })

  it('checkpoint: a pandoc span is not this format\'s syntax, so its anchor is missing', async () => {
    expect(await check('checkpoint', 'Each [variable]{#variable}.\n\nSee [variable](#variable).\n')).toEqual([
      '3:16-3:25: Unexpected anchor `#variable` that matches no heading, expected the slug of a heading'
    ])
  })
})
