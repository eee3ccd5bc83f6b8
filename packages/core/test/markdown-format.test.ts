import {describe, expect, it} from 'vitest'
import {parseCheckpoint} from '../src/index.js'
import type {Position} from '../src/index.js'

function span(position: Position | null | undefined) {
  if (!position) return null
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}

const lesson = [
  '# Drawing with the canvas',
  '',
  'Pictures on a web page need not be files.',
  '',
  "In this lesson, we'll cover:",
  '',
  '- how a canvas is set up',
  '- how to draw a rectangle',
  '',
  '## Warm up',
  '',
  '### Task',
  '',
  '1. Open the starter page.',
  '',
  '## 🚀 Challenge',
  '',
  'Draw a house with what you know.',
  '',
  '## Assignment',
  '',
  '[Paint a flag](assignment.md)',
  ''
].join('\n')

describe('the `markdown` format', () => {
  it('takes the title from the first `# heading` when there is no frontmatter', () => {
    const {checkpoint, messages} = parseCheckpoint(lesson, {format: 'markdown'})
    expect(checkpoint.title).toBe('Drawing with the canvas')
    expect(messages).toEqual([])
  })

  it('keeps the frontmatter title over the heading', () => {
    const {checkpoint} = parseCheckpoint('---\ntitle: Given\n---\n\n# From the heading\n', {format: 'markdown'})
    expect(checkpoint.title).toBe('Given')
  })

  it('reads the list after "In this lesson, we\'ll cover:" as objectives, source `inline`', () => {
    const {checkpoint} = parseCheckpoint(lesson, {format: 'markdown'})
    expect(checkpoint.objectives.map((objective) => objective.text)).toEqual([
      'how a canvas is set up',
      'how to draw a rectangle'
    ])
    expect(checkpoint.objectivesSource).toBe('inline')
    expect(checkpoint.objectivesIntro).toBe("In this lesson, we'll cover:")
    expect(span(checkpoint.objectivesPosition)).toBe('5:1-5:29')
    expect(span(checkpoint.objectives[0]?.position)).toBe('7:3-7:25')
  })

  it('does not read a lead-in that is not followed by a list, nor one that does not end in `:`', () => {
    const prose = '# T\n\nIn this lesson, you will learn about loops.\n\n- not objectives\n\nYou will learn:\n\nSome text.\n'
    const {checkpoint} = parseCheckpoint(prose, {format: 'markdown'})
    expect(checkpoint.objectives).toEqual([])
    expect(checkpoint.objectivesSource).toBeNull()
  })

  it('reads a heading that names a lead-in ("What you will learn") as the objectives section', () => {
    const {checkpoint} = parseCheckpoint('# T\n\n## What you will learn\n\n- loops\n- arrays\n', {format: 'markdown'})
    expect(checkpoint.objectives.map((objective) => objective.text)).toEqual(['loops', 'arrays'])
    expect(checkpoint.objectivesSource).toBe('section')
    expect(span(checkpoint.objectivesPosition)).toBe('3:1-3:23')
  })

  it('prefers an objectives heading to a lead-in paragraph', () => {
    const text = "# T\n\nIn this lesson, we'll cover:\n\n- a\n\n## 🎯 Learning objectives\n\n- b\n"
    const {checkpoint} = parseCheckpoint(text, {format: 'markdown'})
    expect(checkpoint.objectives.map((objective) => objective.text)).toEqual(['b'])
    expect(checkpoint.objectivesSource).toBe('section')
  })

  it('takes `## Assignment` as the assignment, not an earlier `### Task` or `## Challenge`', () => {
    const {checkpoint} = parseCheckpoint(lesson, {format: 'markdown'})
    expect(checkpoint.assignment?.heading).toBe('Assignment')
    expect(span(checkpoint.assignment?.position)).toBe('20:1-20:14')
    expect(checkpoint.assignment?.steps.map((step) => step.text)).toEqual(['Paint a flag'])
  })

  it('takes `## Challenge` when there is no `## Assignment`', () => {
    const text = '# T\n\n### Task\n\nDo this.\n\n## 🚀 Challenge\n\nDo more.\n'
    const {checkpoint} = parseCheckpoint(text, {format: 'markdown'})
    expect(checkpoint.assignment?.heading).toBe('🚀 Challenge')
    expect(checkpoint.assignment?.steps.map((step) => step.text)).toEqual(['Do more.'])
  })

  it('leaves other formats as they were: no title from the heading, the first `Task` is their assignment', () => {
    const {checkpoint} = parseCheckpoint(lesson, {format: 'checkpoint', validate: false})
    expect(checkpoint.title).toBeNull()
    expect(checkpoint.objectives).toEqual([])
    expect(checkpoint.assignment?.heading).toBe('Task')
    expect(parseCheckpoint(lesson, {format: 'odin'}).checkpoint.title).toBeNull()
  })
})
