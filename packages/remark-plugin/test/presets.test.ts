/**
 * Presets are data built from the registry, and a config can turn any rule
 * off, change its severity, give it options, or turn on a rule its preset
 * leaves out.
 */
import {describe, expect, it} from 'vitest'
import {createPreset, recommended, registry, strict} from '../src/index.js'
import {findings, lint} from './helpers.js'

const lesson = `---
title: Loops
author: Coursemark Fixtures
team: engineering
time: 30
level: beginner
---

## **Overview**

Loops repeat work.

## Objectives

- Understand loops
- Write a \`for\` loop
`

describe('createPreset', () => {
  it('`recommended` reports its rules with their default severities', async () => {
    expect(await findings(lesson, recommended)).toEqual([
      '6:1-6:6 warning frontmatter-schema: Unexpected unknown frontmatter key `level`, expected `title`, `author`, `team`, `time`, `uuid`, `timeHours`, `type`, `prerequisites`, `tags`, `updated`, or `reviewed`',
      '15:3-15:13 warning objective-measurable-verb: Unexpected objective verb `understand`, expected a measurable verb such as `explain`, `describe` or `summarise`',
      '9:4-9:16 warning no-heading-emphasis: Unexpected `**` around the whole heading, expected plain heading text'
    ])
  })

  it('`strict` adds the full template (assignment, resources) and raises severities', async () => {
    expect(await findings(lesson, strict)).toEqual([
      '6:1-6:6 warning frontmatter-schema: Unexpected unknown frontmatter key `level`, expected `title`, `author`, `team`, `time`, `uuid`, `timeHours`, `type`, `prerequisites`, `tags`, `updated`, or `reviewed`',
      '15:3-15:13 warning objective-measurable-verb: Unexpected objective verb `understand`, expected a measurable verb such as `explain`, `describe` or `summarise`',
      '15:1-16:21 error assignment-present: Unexpected checkpoint without an assignment, expected an `## Assignment` section with steps for the learner',
      '15:1-16:21 warning resources-present: Unexpected checkpoint without resources, expected an `## Additional resources` section with links for further study',
      '9:4-9:16 warning no-heading-emphasis: Unexpected `**` around the whole heading, expected plain heading text'
    ])
  })

  it('turns a rule off', async () => {
    const preset = createPreset({rules: {'no-heading-emphasis': 'off', 'objective-measurable-verb': 'off'}})
    expect(await findings(lesson, preset)).toEqual([
      '6:1-6:6 warning frontmatter-schema: Unexpected unknown frontmatter key `level`, expected `title`, `author`, `team`, `time`, `uuid`, `timeHours`, `type`, `prerequisites`, `tags`, `updated`, or `reviewed`'
    ])
  })

  it('changes a severity', async () => {
    const preset = createPreset({rules: {'no-heading-emphasis': 'error'}})
    const file = await lint(lesson, preset)
    const message = file.messages.find((item) => item.ruleId === 'no-heading-emphasis')
    expect(message?.fatal).toBe(true)
  })

  it('passes options, with a severity', async () => {
    const preset = createPreset({
      rules: {
        'objectives-count': ['error', {max: 1}],
        'objective-measurable-verb': ['warn', {unmeasurable: ['write']}]
      }
    })
    const found = await findings(lesson, preset)
    expect(found).toContain('16:3-16:21 error objectives-count: Unexpected 2 learning objectives, expected at most 1')
    expect(found).toContain(
      '16:3-16:8 warning objective-measurable-verb: Unexpected objective verb `write`, expected a measurable verb such as `explain`, `apply` or `create`'
    )
    expect(found.some((item) => item.includes('`understand`'))).toBe(false)
  })

  it('turns on a rule that the preset leaves out', async () => {
    const preset = createPreset({rules: {'assignment-present': 'warn'}})
    expect(await findings(lesson, preset)).toContain(
      '15:1-16:21 warning assignment-present: Unexpected checkpoint without an assignment, expected an `## Assignment` section with steps for the learner'
    )
  })

  it('keeps the severity of each frontmatter message, capped by the rule', async () => {
    const broken = lesson.replace('time: 30', 'time: about an hour')
    const atError = await lint(broken, recommended)
    const schema = atError.messages.filter((item) => item.ruleId === 'frontmatter-schema')
    expect(schema.map((item) => [item.reason.slice(0, 36), item.fatal])).toEqual([
      ['Unexpected `time` value `about an ho', true],
      ['Unexpected unknown frontmatter key `', false]
    ])
    const atWarn = await lint(broken, createPreset({rules: {'frontmatter-schema': 'warn'}}))
    expect(
      atWarn.messages.filter((item) => item.ruleId === 'frontmatter-schema').map((item) => item.fatal)
    ).toEqual([false, false])
  })

  it('hands settings to the model (here: unknown keys off)', async () => {
    const preset = createPreset({settings: {validate: {unknownKeys: 'off'}}})
    const found = await findings(lesson, preset)
    expect(found.some((item) => item.includes('frontmatter-schema'))).toBe(false)
  })

  it('throws on an unknown rule id', () => {
    expect(() => createPreset({rules: {'no-such-rule': 'warn'}})).toThrow(
      /^Unexpected rule `no-such-rule`, expected one of `frontmatter-yaml`/
    )
  })

  it('throws on an unknown preset', () => {
    expect(() => createPreset({preset: 'strictest' as unknown as 'strict'})).toThrow(
      'Unexpected preset `strictest`, expected `recommended` or `strict`'
    )
  })

  it('throws on an unknown severity', () => {
    expect(() =>
      createPreset({rules: {'no-heading-emphasis': 'loud' as unknown as 'warn'}})
    ).toThrow('Unexpected severity `loud` for `no-heading-emphasis`, expected `off`, `info`, `warning` (or `warn`), `error`, or 0, 1, 2')
  })

  it('reports a bad option as a message of the rule, naming the option', async () => {
    const preset = createPreset({rules: {'objectives-count': ['error', {max: 'many'}]}})
    const file = await lint(lesson, preset)
    const message = file.messages.find((item) => item.ruleId === 'objectives-count')
    expect(message?.reason).toBe(
      'Unexpected value `"many"` for `max`, expected a whole number of objectives'
    )
    expect(message?.fatal).toBe(true)
  })
})

describe('registry', () => {
  it('has unique ids, each with the origin `coursemark:<id>` and its docs url', () => {
    const ids = registry.map((meta) => meta.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const meta of registry) {
      expect(meta.origin).toBe('coursemark:' + meta.id)
      expect(meta.url).toBe('https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md#' + meta.id)
    }
  })

  it('puts every rule in at least one preset, and everything `recommended` has in `strict`', () => {
    for (const meta of registry) {
      expect(Object.keys(meta.presets).length, meta.id).toBeGreaterThan(0)
      if (meta.presets.recommended) expect(meta.presets.strict, meta.id).toBeDefined()
    }
  })
})
