/**
 * `coursemark init` end to end: on a copy of a project in each format it
 * detects the format, says why, and writes a config for it (the profile,
 * ignores for pages that are not lessons, overrides per folder, a schema of
 * the project's own keys when none of ours fits) that loads.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfig, settingsFor} from '../dist/config.js'
import {classifyFile} from '../dist/detect.js'
import {cli, scratch} from './helpers.js'

const written = 'wrote .coursemarkrc.yaml\nwrote .github/workflows/coursemark.yml\n'

async function initIn(scenario: string) {
  const folder = scratch(scenario)
  const result = await cli(['init'], folder)
  const config = await loadConfig(folder)
  return {folder, result, config}
}

describe('coursemark init detects the format', () => {
  it.each([
    [
      'formats-carpentries',
      'carpentries',
      'detected format carpentries (2 files: frontmatter keys `teaching` and `exercises`)\n' +
        'ignoring what is not a lesson: CODE_OF_CONDUCT.md, LICENSE.md, README.md, instructors/, learners/\n',
      ['drafts/', 'CODE_OF_CONDUCT.md', 'LICENSE.md', 'README.md', 'instructors/', 'learners/']
    ],
    [
      'formats-carpentries-legacy',
      'carpentries',
      'detected format carpentries (2 files: frontmatter keys `teaching` and `exercises`)\n' +
        'ignoring what is not a lesson: README.md, _includes/, /index.md\n',
      ['drafts/', 'README.md', '_includes/', '/index.md']
    ],
    [
      'formats-hugo',
      'hugo',
      'detected format hugo (3 files: TOML frontmatter (`+++`))\nignoring what is not a lesson: README.md, _index.md\n',
      ['drafts/', 'README.md', '_index.md']
    ],
    [
      'formats-odin',
      'odin',
      'detected format odin (2 files: a `### Lesson overview` heading and no frontmatter)\n' +
        'ignoring what is not a lesson: README.md, project-rubric.md\n',
      ['drafts/', 'README.md', 'project-rubric.md']
    ],
    [
      'formats-freecodecamp',
      'freecodecamp',
      'detected format freecodecamp (2 files: frontmatter keys `challengeType` and `dashedName`)\n' +
        'ignoring what is not a lesson: README.md\n',
      ['drafts/', 'README.md']
    ]
  ])('%s: %s', async (scenario, format, printed, ignores) => {
    const {folder, result, config} = await initIn(scenario)
    expect(result).toEqual({code: 0, stderr: '', stdout: printed + written})
    expect(config.base.format).toBe(format)
    expect(config.ignores).toEqual(ignores)
    expect(config.overrides).toEqual([])
    // The lessons are valid in their format: with the written config, lint finds no error.
    const lint = await cli(['-f', 'json'], folder)
    const report = JSON.parse(lint.stdout) as Array<{messages: Array<{severity: string; ruleId: string}>}>
    expect(report.flatMap((file) => file.messages.filter((message) => message.severity === 'error'))).toEqual([])
    expect(lint.code).toBe(0)
  })

  it('gives a mixed repository an override per folder', async () => {
    const {folder, result, config} = await initIn('formats-mixed')
    expect(result.stdout).toBe(
      'detected format checkpoint (2 files: frontmatter keys `title` and `time`)\n' +
        'detected format freecodecamp in fcc/ (1 file: frontmatter keys `challengeType` and `dashedName`)\n' +
        'ignoring what is not a lesson: README.md\n' +
        written
    )
    expect(config.overrides).toEqual([{files: ['fcc/**'], excludeFiles: [], settings: {format: 'freecodecamp'}}])
    expect(settingsFor(config, join(folder, 'lessons', 'loops.md')).format).toBe('checkpoint')
    expect(settingsFor(config, join(folder, 'fcc', 'style-a-paragraph.md')).format).toBe('freecodecamp')
  })

  it("writes a schema of the project's own keys when none of ours fits", async () => {
    const {folder, result, config} = await initIn('formats-own')
    expect(result.stdout).toBe(
      'detected format checkpoint (2 files: frontmatter keys of its own)\n' +
        "none of the formats' schemas fits the frontmatter: wrote a schema of the project's own keys\n" +
        'wrote coursemark-frontmatter.schema.json\n' +
        written
    )
    expect(JSON.parse(readFileSync(join(folder, 'coursemark-frontmatter.schema.json'), 'utf8'))).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Frontmatter of this project',
      description: 'Written by `coursemark init` from the keys the lessons use. Edit it to say what each key must hold.',
      type: 'object',
      required: ['duration', 'level', 'name'],
      properties: {duration: {type: 'integer'}, level: {type: 'string'}, name: {type: 'string'}, tags: {type: 'array'}}
    })
    expect(config.base.frontmatter?.schema?.required).toEqual(['duration', 'level', 'name'])
    const lint = await cli(['-f', 'json'], folder)
    const report = JSON.parse(lint.stdout) as Array<{messages: Array<{ruleId: string}>}>
    expect(report.flatMap((file) => file.messages.filter((message) => message.ruleId === 'frontmatter-schema'))).toEqual([])
  })

  it('writes the starter config when it finds no lessons', async () => {
    const folder = scratch()
    expect(await cli(['init'], folder)).toEqual({code: 0, stderr: '', stdout: written})
    expect(existsSync(join(folder, 'coursemark-frontmatter.schema.json'))).toBe(false)
  })
})

describe('classifyFile', () => {
  it.each([
    ['+++\ntitle = "A"\n+++\n', 'hugo', 'TOML frontmatter (`+++`)'],
    ['---\ntitle: A\nweight: 3\n---\n', 'hugo', 'Hugo page keys (`weight`)'],
    ['---\ntitle: A\n---\n\n::: objectives\n\n- Do a thing.\n\n:::\n', 'carpentries', 'fenced divs (`::: objectives`)'],
    ['# --description--\n\nText.\n', 'freecodecamp', 'sections such as `# --description--`'],
    ['---\ntitle: A\ntime: 5\n---\n\n## Lesson overview\n', 'checkpoint', 'frontmatter keys `title` and `time`'],
    ['## Lesson overview\n\n- Do a thing.\n', 'odin', 'a `### Lesson overview` heading and no frontmatter'],
    ['# Notes\n\nText.\n', undefined, 'no frontmatter and no format markers']
  ])('reads %j as %s', (text, format, reason) => {
    const signal = classifyFile('a.md', text)
    expect([signal.format, signal.reason]).toEqual([format, reason])
  })
})
