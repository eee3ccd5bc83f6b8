import {describe, expect, it} from 'vitest'
import {buildSite} from '../../src/index.js'
import {usesObjectives} from '../../src/site/conventions.js'

function course(files: Record<string, string>, format: 'checkpoint' | 'hugo' | 'markdown' | 'freecodecamp') {
  const repository = {paths: Object.keys(files).sort(), read: (path: string) => files[path]}
  return usesObjectives(repository, buildSite(repository, {format}))
}

describe('usesObjectives', () => {
  const page = '# Set up a cluster\n\nRun the command.\n'
  it('is false for a course no lesson of which states objectives', () => {
    expect(course({'a.md': page, 'b.md': page}, 'checkpoint')).toBe(false)
  })

  it('is true when a lesson (of two) has an objectives heading, key or lead-in', () => {
    expect(course({'a.md': page, 'b.md': '## Learning objectives\n\n- Explain x\n'}, 'checkpoint')).toBe(true)
    expect(course({'a.md': page, 'b.md': '+++\ntitle = "B"\nobjectives = ["Explain x"]\n+++\n'}, 'hugo')).toBe(true)
    expect(course({'a.md': page, 'b.md': "# B\n\nIn this lesson, we'll cover:\n\n- x\n"}, 'markdown')).toBe(true)
  })

  it('is false when fewer than one lesson in ten states them', () => {
    const files: Record<string, string> = {'goals.md': '## Goals\n\n- x\n'}
    for (let index = 0; index < 10; index++) files[`page-${index}.md`] = page
    expect(course(files, 'checkpoint')).toBe(false)
    delete files['page-0.md']
    expect(course(files, 'checkpoint')).toBe(true)
  })

  it('is true for a format with no place for objectives (their rules are off there)', () => {
    expect(course({'a.md': page}, 'freecodecamp')).toBe(true)
  })
})
