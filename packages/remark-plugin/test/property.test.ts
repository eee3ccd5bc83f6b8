/**
 * Whatever markdown comes in, the presets finish without a rule crashing
 * (a crash would surface as a message that is not "Unexpected …"), and every
 * message has a place inside the file.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {strict} from '../src/index.js'
import {describe as describeMessage, lint} from './helpers.js'

const runs = process.env.COURSEMARK_STRESS ? 5000 : 150
const timeout = process.env.COURSEMARK_STRESS ? 1_200_000 : 60_000
const validFolder = fileURLToPath(new URL('../../../fixtures/valid/', import.meta.url))
const seeds = readdirSync(validFolder)
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(validFolder + name, 'utf8'))

/** Lint and check the properties: no crash, places inside the file, same result twice. */
async function holds(value: string) {
  const file = await lint(value, strict)
  const again = await lint(value, strict)
  expect(again.messages.map((message) => describeMessage(message))).toEqual(
    file.messages.map((message) => describeMessage(message))
  )
  for (const message of file.messages) {
    expect(message.reason).toMatch(/^Unexpected /)
    const place = message.place && 'start' in message.place ? message.place : undefined
    if (place) {
      expect(place.start.offset ?? 0).toBeLessThanOrEqual(place.end.offset ?? 0)
      expect(place.end.offset ?? 0).toBeLessThanOrEqual(value.length)
    }
  }
}

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
  it('never crash, place every message inside the file, and give the same result twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), {maxLength: 30}), async (parts) => {
        await holds(parts.join(''))
      }),
      {numRuns: runs, seed: process.env.COURSEMARK_STRESS ? undefined : 20_261_126}
    )
  }, timeout)

  it('hold for the valid fixtures mutated byte by byte', async () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(
          fc.tuple(fc.nat(), fc.constantFrom('', '\n', '#', '-', '[', ']', '(', ')', '`', '<', '>', '*', ':', '\u0000', '\r')),
          {minLength: 1, maxLength: 6}
        )
      )
      .map(([seed, edits]) => {
        let value = seed
        for (const [at, char] of edits) {
          const index = at % (value.length + 1)
          value = value.slice(0, index) + char + value.slice(index + (char === '' ? 1 : 0))
        }

        return value
      })
    await fc.assert(fc.asyncProperty(mutated, holds), {
      numRuns: Math.ceil(runs / 2),
      seed: process.env.COURSEMARK_STRESS ? undefined : 20_261_127
    })
  }, timeout)
})
