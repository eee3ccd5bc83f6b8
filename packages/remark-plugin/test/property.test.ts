/**
 * Whatever markdown comes in, the presets finish without a rule crashing
 * (a crash would surface as a message that is not "Unexpected …"), and every
 * message has a place inside the file.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {strict} from '../src/index.js'
import {lint} from './helpers.js'

const pieces = [
  '---\n',
  'title: Loops\n',
  'time: 30\n',
  'timeHours: 2\n',
  'time: about an hour\n',
  '## Objectives\n',
  '## Assignment\n',
  '## Additional resources\n',
  '##Heading\n',
  '## **Bold**\n',
  '# _x_\n',
  '- Understand loops\n',
  '- By the end of this lesson, you will be able to\n',
  '1. Write a loop.\n',
  '**Objective:** know things\n',
  '[](https://example.com/a?utm_source=x)\n',
  '![](image.png)\n',
  '<iframe src="http://example.com"></iframe>\n',
  '<jupyter notebook-name="x"/>\n',
  '```\ncode\n```\n',
  '> quote\n',
  '\n',
  '#',
  '*',
  '`',
  'text ',
  '\r\n',
  '\uFEFF'
]

describe('presets on any markdown', () => {
  it('never crash and place every message inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), {maxLength: 30}), async (parts) => {
        const value = parts.join('')
        const file = await lint(value, strict)
        for (const message of file.messages) {
          expect(message.reason).toMatch(/^Unexpected /)
          const place = message.place && 'start' in message.place ? message.place : undefined
          if (place) {
            expect(place.start.offset ?? 0).toBeLessThanOrEqual(place.end.offset ?? 0)
            expect(place.end.offset ?? 0).toBeLessThanOrEqual(value.length)
          }
        }
      }),
      {numRuns: 150, seed: 20_261_126}
    )
  })
})
