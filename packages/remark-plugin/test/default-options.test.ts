/**
 * A rule's default options live in its metadata: configuring a rule with
 * exactly those options changes nothing, and every rule that reads options
 * declares them.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe as group, expect, it} from 'vitest'
import {createPreset, registry} from '../src/index.js'
import {findings} from './helpers.js'

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures')
const lessons = [
  ...readdirSync(join(fixtures, 'valid')).map((name) => join(fixtures, 'valid', name)),
  ...readdirSync(join(fixtures, 'invalid'), {recursive: true})
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(fixtures, 'invalid', name))
]

const withOptions = [
  'no-duplicate-paragraph',
  'no-inaccessible-link',
  'no-placeholder-content',
  'no-tracking-params',
  'no-undefined-references',
  'objective-measurable-verb',
  'objectives-count',
  'prefer-https',
  'time-matches-content'
]

group('default options', () => {
  it('are declared by every rule that takes options', () => {
    expect(registry.filter((rule) => rule.options !== undefined).map((rule) => rule.id).sort()).toEqual(withOptions)
  })

  it.each(withOptions)('`%s` given its default options reports as with none', async (id) => {
    const rule = registry.find((item) => item.id === id)
    expect(rule?.options).toBeTypeOf('object')
    const bare = createPreset({preset: 'strict', rules: {[id]: 'warn'}})
    const explicit = createPreset({preset: 'strict', rules: {[id]: ['warn', structuredClone(rule?.options)]}})
    for (const path of lessons) {
      const value = readFileSync(path, 'utf8')
      const expected = await findings(value, bare)
      expect(await findings(value, explicit)).toEqual(expected)
    }
  })
})
