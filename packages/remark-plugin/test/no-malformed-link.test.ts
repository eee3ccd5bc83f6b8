/**
 * `no-malformed-link`: the fixes write the link the author meant, and text
 * that only looks like a link is left alone.
 */
import {describe, expect, it} from 'vitest'
import rule from '../src/rules/no-malformed-link.js'
import {applyRuleFixes} from './helpers.js'

const run = (value: string) => applyRuleFixes(value, rule)

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
