/**
 * Fixable rules attach edits that are always safe: applying them gives the
 * markdown the message asked for, and the rule is then quiet.
 */
import {describe, expect, it} from 'vitest'
import {createPreset, getFix, registry, type FixEdit} from '../src/index.js'
import {lint} from './helpers.js'

// Only the fixable rules under test.
const preset = createPreset({
  rules: {
    ...Object.fromEntries(registry.map((meta): [string, 'off'] => [meta.id, 'off'])),
    'no-missing-heading-space': 'warn',
    'no-heading-emphasis': 'warn'
  }
})

function apply(value: string, edits: FixEdit[]): string {
  let result = value
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end)
  }

  return result
}

async function fix(value: string): Promise<{fixed: string; rules: string[]}> {
  const file = await lint(value, preset)
  const edits = file.messages.flatMap((message) => getFix(message) ?? [])
  return {fixed: apply(value, edits), rules: file.messages.map((message) => String(message.ruleId))}
}

describe('fixes', () => {
  it('inserts the space of `##Heading`', async () => {
    const {fixed, rules} = await fix('##Setup\n\nText.\n\n###Next steps\n')
    expect(rules).toEqual(['no-missing-heading-space', 'no-missing-heading-space'])
    expect(fixed).toBe('## Setup\n\nText.\n\n### Next steps\n')
    expect((await lint(fixed, preset)).messages).toEqual([])
  })

  it('makes `##Heading` right under text a heading of its own', async () => {
    const {fixed} = await fix('Read the manual.\n##Exercises\n')
    expect(fixed).toBe('Read the manual.\n## Exercises\n')
    expect((await lint(fixed, preset)).messages).toEqual([])
  })

  it('unwraps a heading wrapped in emphasis', async () => {
    const {fixed, rules} = await fix('## **Getting *involved***\n\n### __Meetups__ \n\n# _Intro_\n')
    expect(rules).toEqual(['no-heading-emphasis', 'no-heading-emphasis', 'no-heading-emphasis'])
    expect(fixed).toBe('## Getting *involved*\n\n### Meetups \n\n# Intro\n')
    expect((await lint(fixed, preset)).messages).toEqual([])
  })

  it('fixes `##**Title**` in two passes, one rule at a time', async () => {
    const first = await fix('##**Title**\n')
    expect(first.fixed).toBe('## **Title**\n')
    const second = await fix(first.fixed)
    expect(second.fixed).toBe('## Title\n')
  })
})
