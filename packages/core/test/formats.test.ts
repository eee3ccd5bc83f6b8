import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {checkpointFromTree, createParser, parseCheckpoint} from '../src/index.js'
import type {Checkpoint, FormatName, Position} from '../src/index.js'

const folder = fileURLToPath(new URL('../../../fixtures/parse/', import.meta.url))

function parse(name: string, format: FormatName) {
  return parseCheckpoint(readFileSync(folder + name), {path: name, format})
}

function span(position: Position) {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}

/** The parts the issue asks for, in one comparable shape. */
function summary(checkpoint: Checkpoint) {
  return {
    format: checkpoint.format,
    frontmatterSyntax: checkpoint.frontmatterSyntax,
    title: checkpoint.title,
    timeMinutes: checkpoint.timeMinutes,
    objectivesSource: checkpoint.objectivesSource,
    objectives: checkpoint.objectives.map((objective) => objective.text),
    assignment: checkpoint.assignment && {
      source: checkpoint.assignment.source,
      heading: checkpoint.assignment.heading,
      steps: checkpoint.assignment.steps.map((step) => step.text)
    }
  }
}

describe('the carpentries profile', () => {
  it('reads a Workbench episode: teaching + exercises, the objectives div, challenges as the assignment', () => {
    const {checkpoint, messages} = parse('carpentries-workbench.md', 'carpentries')
    expect(summary(checkpoint)).toEqual({
      format: 'carpentries',
      frontmatterSyntax: 'yaml',
      title: 'Cleaning Survey Dates',
      timeMinutes: 40,
      objectivesSource: 'div',
      objectives: [
        'Describe how spreadsheets store dates as numbers.',
        'Convert text dates into a single consistent format.'
      ],
      assignment: {source: 'div', heading: 'challenge', steps: ['Find the epoch', 'Split a date']}
    })
    expect(span(checkpoint.objectivesPosition!)).toBe('7:1-7:50')
    expect(messages.filter((message) => message.ruleId !== 'frontmatter-schema').map(String)).toEqual([])
  })

  it('nests divs by their fences, and reads the `{.challenge #id}` form', () => {
    const {checkpoint} = parse('carpentries-workbench.md', 'carpentries')
    expect(checkpoint.divs.map((div) => [div.name, div.depth, div.id, span(div.position)])).toEqual([
      ['objectives', 0, null, '7:1-12:51'],
      ['questions', 0, null, '14:1-18:51'],
      ['challenge', 0, null, '29:1-42:4'],
      ['solution', 1, null, '35:1-40:5'],
      ['challenge', 0, 'split-dates', '48:1-54:51'],
      ['keypoints', 0, null, '56:1-60:51']
    ])
  })

  it('records pandoc anchors of headings and spans, and strips them from heading text', () => {
    const {checkpoint} = parse('carpentries-workbench.md', 'carpentries')
    expect(checkpoint.anchors.map((anchor) => [anchor.id, anchor.syntax, span(anchor.position)])).toEqual([
      ['dates-numbers', 'pandoc', '20:22-20:38'],
      ['epoch', 'pandoc', '23:8-23:16'],
      ['formats', 'pandoc', '44:26-44:36'],
      ['split-dates', 'pandoc', '48:42-48:67']
    ])
    expect(checkpoint.sections[0]?.text).toBe('Dates are numbers')
    expect(checkpoint.images[0]?.alt).toBe('a column of date serial numbers')
  })

  it('reads a legacy lesson: frontmatter objectives, kramdown challenges, Liquid links as templates', () => {
    const {checkpoint} = parse('carpentries-legacy.md', 'carpentries')
    expect(summary(checkpoint)).toEqual({
      format: 'carpentries',
      frontmatterSyntax: 'yaml',
      title: 'Pipes and Filters',
      timeMinutes: 30,
      objectivesSource: 'frontmatter',
      objectives: ["Redirect a command's output to a file.", 'Chain two commands together with a pipe.'],
      assignment: {source: 'div', heading: 'challenge', steps: ['Sort the lengths']}
    })
    expect(checkpoint.divs.map((div) => [div.name, div.depth, div.syntax])).toEqual([
      ['challenge', 0, 'kramdown'],
      ['solution', 1, 'kramdown']
    ])
    expect(checkpoint.links.map((link) => [link.kind, link.url])).toEqual([
      ['template', '{{page.root}}/setup.html'],
      ['anchor', '#saving'],
      ['anchor', '#own-anchor']
    ])
    expect(checkpoint.templates.map((template) => [template.syntax, template.name, span(template.position)])).toEqual([
      ['liquid', 'page.root', '15:44-15:57'],
      ['liquid', 'include', '41:1-41:23']
    ])
    expect(checkpoint.anchors.map((anchor) => [anchor.id, anchor.syntax])).toEqual([
      ['saving', 'pandoc'],
      ['own-anchor', 'kramdown']
    ])
  })
})

describe('the hugo profile', () => {
  it('reads TOML frontmatter: title, time in minutes, the objectives array', () => {
    const {checkpoint, messages} = parse('hugo-toml.md', 'hugo')
    expect(summary(checkpoint)).toEqual({
      format: 'hugo',
      frontmatterSyntax: 'toml',
      title: 'Workshop: Reading Logs',
      timeMinutes: 45,
      objectivesSource: 'frontmatter',
      objectives: ['Find the log file of a running service.', 'Follow a log as it grows, using `tail -f`.'],
      assignment: null
    })
    expect(checkpoint.objectives.map((objective) => span(objective.position))).toEqual([
      '5:5-5:46',
      '6:5-6:49'
    ])
    expect(span(checkpoint.objectivesPosition!)).toBe('4:1-4:11')
    expect(span(checkpoint.frontmatterPosition!)).toBe('1:1-11:4')
    expect(messages.filter((message) => message.ruleId !== 'frontmatter-schema').map(String)).toEqual([])
  })

  it('reads a `[objectives]` table in key order', () => {
    const {checkpoint} = parse('hugo-objectives-table.md', 'hugo')
    expect(summary(checkpoint)).toEqual({
      format: 'hugo',
      frontmatterSyntax: 'toml',
      title: 'Set up a notes folder',
      timeMinutes: 10,
      objectivesSource: 'frontmatter',
      objectives: ['Create a folder for the notes of the module', 'Open the folder in the editor'],
      assignment: null
    })
    expect(checkpoint.objectives.map((objective) => span(objective.position))).toEqual([
      '5:7-5:52',
      '6:7-6:38'
    ])
  })

  it('marks shortcodes as templates and never reads their tags as embeds; a bare URL is a link', () => {
    const {checkpoint} = parse('hugo-toml.md', 'hugo')
    expect(checkpoint.templates.map((template) => template.name)).toEqual(['note', '/note', 'tabs', '/tabs', 'ref'])
    expect(checkpoint.embeds).toEqual([])
    expect(checkpoint.links.map((link) => [link.syntax, link.url, span(link.position)])).toEqual([
      ['literal', 'https://example.com/logging-guide', '23:53-23:86'],
      ['inline', '#follow-the-log', '32:67-32:99']
    ])
  })
})

describe('the odin profile', () => {
  it('reads the Lesson overview list as objectives and the Assignment panel as the assignment', () => {
    const {checkpoint, messages} = parse('odin-lesson.md', 'odin')
    expect(summary(checkpoint)).toEqual({
      format: 'odin',
      frontmatterSyntax: null,
      title: null,
      timeMinutes: null,
      objectivesSource: 'section',
      objectives: [
        'Explain what an array method is.',
        'Use map to transform every item of an array.',
        'Use filter to keep the items that pass a test.'
      ],
      assignment: {
        source: 'section',
        heading: 'Assignment',
        steps: [
          'Read the guide to array methods and try each example.',
          'Work through the exercises in the practice repository.'
        ]
      }
    })
    expect(checkpoint.overview?.heading).toBe('Introduction')
    expect(messages.map(String)).toEqual([])
  })

  it('records anchors set by `<span id>` and kramdown `{: #id}`', () => {
    const {checkpoint} = parse('odin-lesson.md', 'odin')
    expect(checkpoint.anchors.map((anchor) => [anchor.id, anchor.syntax, span(anchor.position)])).toEqual([
      ['map-method', 'html', '15:1-15:23'],
      ['filter-method', 'kramdown', '18:1-18:19']
    ])
    expect(checkpoint.resources.map((resource) => resource.url)).toEqual(['https://example.com/array-tutorial'])
  })
})

describe('the freecodecamp profile', () => {
  it('reads the description as the overview and the instructions as the assignment, with no time', () => {
    const {checkpoint, messages} = parse('freecodecamp-challenge.md', 'freecodecamp')
    expect(summary(checkpoint)).toEqual({
      format: 'freecodecamp',
      frontmatterSyntax: 'yaml',
      title: 'Build a Temperature Converter',
      timeMinutes: null,
      objectivesSource: 'inline',
      objectives: ['Build an app that converts temperatures between Celsius and Fahrenheit.'],
      assignment: {
        source: 'section',
        heading: '--instructions--',
        steps: [
          'Write the convert function so that clicking the button shows the temperature in Fahrenheit.',
          'Then style the page as you like.'
        ]
      }
    })
    expect(checkpoint.overview).toMatchObject({
      heading: '--description--',
      text: 'Objective: Build an app that converts temperatures between Celsius and Fahrenheit.'
    })
    expect(messages.filter((message) => message.ruleId !== 'frontmatter-schema').map(String)).toEqual([])
  })
})

describe('checkpointFromTree with a format', () => {
  it('gives the same model from a tree made by the format\'s parser as parseCheckpoint', () => {
    const value = readFileSync(folder + 'hugo-toml.md', 'utf8')
    const file = new VFile({value, path: 'hugo-toml.md'})
    const tree = createParser('hugo').parse(file)
    const fromTree = checkpointFromTree(tree, file, {format: 'hugo'})
    expect(fromTree.checkpoint).toEqual(parseCheckpoint(value, {path: 'hugo-toml.md', format: 'hugo'}).checkpoint)
    expect(fromTree.checkpoint.frontmatterSyntax).toBe('toml')
  })
})

describe('the format option', () => {
  it('defaults to `checkpoint`, which reads neither divs nor TOML', () => {
    const {checkpoint} = parseCheckpoint('+++\ntitle = "T"\n+++\n\n::: objectives\n\n- Do a thing\n\n:::\n')
    expect(checkpoint.format).toBe('checkpoint')
    expect(checkpoint.frontmatterSyntax).toBeNull()
    expect(checkpoint.divs).toEqual([])
    expect(checkpoint.objectives).toEqual([])
  })

  it('rejects an unknown format, naming the known ones', () => {
    expect(() => parseCheckpoint('# T\n', {format: 'jekyll' as FormatName})).toThrow(
      'Unexpected format `jekyll`, expected `checkpoint`, `carpentries`, `hugo`, `odin`, `freecodecamp`'
    )
  })

  it('does not ask for frontmatter where the format has none', () => {
    expect(parseCheckpoint('### Introduction\n\nText.\n', {format: 'odin'}).messages.map(String)).toEqual([])
    expect(parseCheckpoint('### Introduction\n\nText.\n').messages.map(String)).toEqual([
      '1:1-1:1: Unexpected missing frontmatter, expected a `---` block with `title` and `time`'
    ])
  })
})
