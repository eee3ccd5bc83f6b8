/**
 * `no-malformed-link`: the fixes write the link the author meant, and text
 * that only looks like a link is left alone.
 */
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {getFix} from '../src/fix.js'
import rule from '../src/rules/no-malformed-link.js'

async function run(value: string): Promise<{output: string; messages: string[]}> {
  const file = new VFile({path: 'x.md', value})
  const processor = unified().use(remarkParse).use(rule)
  await processor.run(processor.parse(file), file)
  const edits = file.messages.flatMap((message) => getFix(message) ?? [])
  let output = value
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end)
  }

  return {output, messages: file.messages.map((message) => String(message).slice(5))}
}

describe('no-malformed-link', () => {
  it('fixes doubled parentheses and a space before `(`', async () => {
    expect(
      (await run('[a]((https://example.com/a)) and ![b]  (./b.png) and [c] (#part)\n')).output
    ).toBe('[a](https://example.com/a) and ![b](./b.png) and [c](#part)\n')
  })

  it('reports a bare `](` in a list item and a block quote, without a fix', async () => {
    expect(await run('- the guide](https://example.com)\n\n> see](notes.md)\n')).toEqual({
      output: '- the guide](https://example.com)\n\n> see](notes.md)\n',
      messages: [
        '1:12-1:14: Unexpected `](` in text, expected a link written as `[text](url)`',
        '3:6-3:8: Unexpected `](` in text, expected a link written as `[text](url)`'
      ]
    })
  })

  it('leaves code, escaped brackets, labels in brackets and templated URLs alone', async () => {
    expect(
      (
        await run(
          'Write `[a] (b)` and `x](y`.\n\n```md\n[a] (https://example.com)\n```\n\n\\[draft\\](https://example.com) [1] (see above) [setup]({{ site.url }}/setup)\n'
        )
      ).messages
    ).toEqual([])
  })
})
