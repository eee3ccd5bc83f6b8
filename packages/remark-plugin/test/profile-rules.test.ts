/**
 * A rule that needs a part of a lesson (objectives, an assignment,
 * resources, a time) is off for a format whose profile has no place for it,
 * and a config can still turn it on.
 */
import {readFileSync} from 'node:fs'
import {createParser, profiles} from '@coursemark/core'
import type {Preset} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {createPreset} from '../src/index.js'
import {rulesNotApplying} from '../src/profile-rules.js'

const challenge = `---
id: 66a1f0c2e8b3d4e6f9a7b0c9
title: Step 2
challengeType: 0
dashedName: step-2
---

# --description--

Add a \`p\` element below the heading.

# --hints--

You should have a \`p\` element.

\`\`\`js
assert.exists(document.querySelector('p'));
\`\`\`
`

async function ruleIds(preset: Preset): Promise<string[]> {
  const file = new VFile({path: 'step-2.md', value: challenge})
  const processor = createParser('freecodecamp').use(preset)
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => String(message.ruleId))
}

describe('rules per format', () => {
  it('are off when the profile has no place for the part they need', () => {
    const off = Object.fromEntries(Object.values(profiles).map((profile) => [profile.name, rulesNotApplying(profile)]))
    expect(off).toEqual({
      checkpoint: [],
      carpentries: [],
      hugo: [],
      odin: ['time-matches-content', 'time-hours-consistent'],
      freecodecamp: [
        'objectives-present',
        'objectives-count',
        'objective-measurable-verb',
        'resources-present',
        'time-matches-content',
        'time-hours-consistent'
      ],
      markdown: []
    })
  })

  it('do not report a freeCodeCamp challenge for having no objectives', async () => {
    const settings = {format: 'freecodecamp' as const, validate: false as const}
    expect(await ruleIds(createPreset({preset: 'strict', settings}))).toEqual(['assignment-present'])
  })

  it('can be turned on by a config', async () => {
    const settings = {format: 'freecodecamp' as const, validate: false as const}
    const preset = createPreset({preset: 'strict', settings, rules: {'objectives-present': 'warn'}})
    expect(await ruleIds(preset)).toEqual(['objectives-present', 'assignment-present'])
  })
})

describe('the table of rules per format in docs/formats.md', () => {
  it('says what the profiles say', () => {
    const docs = readFileSync(new URL('../../../docs/formats.md', import.meta.url), 'utf8')
    const section = docs.slice(docs.indexOf('<!-- section:formats -->'), docs.indexOf('<!-- /section:formats -->'))
    const names = Object.keys(profiles)
    const off: Record<string, string[]> = Object.fromEntries(names.map((name) => [name, []]))
    for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
      const cells = row.split('|').slice(1, -1).map((cell) => cell.trim())
      const ids = [...(cells[0] ?? '').matchAll(/`([a-z-]+)`/g)].map((match) => match[1] ?? '')
      for (const [index, name] of names.entries()) {
        if (cells[index + 1] === 'off') off[name]?.push(...ids)
      }
    }

    for (const profile of Object.values(profiles)) {
      expect([...(off[profile.name] ?? [])].sort(), profile.name).toEqual(rulesNotApplying(profile).sort())
    }
  })
})
