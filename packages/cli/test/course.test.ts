import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {cli, scratch} from './helpers.js'
import {useOrderBuilder} from './order-builder.js'

const courses = fileURLToPath(new URL('../../../fixtures/courses/', import.meta.url))

beforeAll(() => {
  useOrderBuilder()
})

describe('coursemark course', () => {
  it('prints the modules, lessons and minutes of a plain course, and exits 0', async () => {
    const result = await cli(['course', 'plain'], courses)
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'A small plain course (checkpoint, checkpoint): 1 module, 2 lessons, 90 min (1 h 30 min)',
        '',
        '1. lessons (lessons): 2 lessons, 90 min (1 h 30 min)',
        '   lessons/01-tea.md       30 min  Brewing tea',
        '   lessons/02-scones.md    60 min  Baking scones',
        '',
        'Total: 90 min (1 h 30 min) in 2 lessons',
        ''
      ].join('\n')
    })
  })

  it('prints each missing lesson at its list entry and each orphan, and exits 1', async () => {
    const result = await cli(['course', 'ordered'], courses)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(
      [
        'ordered (checkpoint, checkpoint): 2 modules, 2 lessons, 85 min (1 h 25 min)',
        '',
        '1. Knots (course-order.txt): 1 lesson, 25 min',
        '   lessons/bowline.md    25 min  The bowline',
        '',
        '2. Splices (course-order.txt): 1 lesson, 60 min (1 h)',
        '   lessons/eye-splice.md    60 min  The eye splice',
        '',
        'Missing (1): listed, but not in the repository',
        '  course-order.txt:4:1  lessons/reef.md',
        '',
        'Orphans (1): lessons no order lists',
        '  lessons/sheet-bend.md    15 min  The sheet bend',
        '',
        'Total: 85 min (1 h 25 min) in 2 lessons, 1 missing lesson, 1 orphan',
        ''
      ].join('\n')
    )
    expect(result.code).toBe(1)
  })

  it('prints the Course as JSON with `--format json`, with the same exit code', async () => {
    const result = await cli(['course', '--format', 'json', 'ordered'], courses)
    expect(result.code).toBe(1)
    const course = JSON.parse(result.stdout) as {modules: Array<{title: string; lessons: Array<{path: string; objectives: Array<{text: string}>}>}>; missing: unknown[]; orphans: Array<{path: string}>}
    expect(course.modules.map((module) => [module.title, module.lessons.map((lesson) => lesson.path)])).toEqual([
      ['Knots', ['lessons/bowline.md']],
      ['Splices', ['lessons/eye-splice.md']]
    ])
    expect(course.modules[0]?.lessons[0]?.objectives.map((objective) => objective.text)).toEqual(['Tie a fixed loop at the end of a line'])
    expect(course.missing).toEqual([{path: 'lessons/reef.md', file: 'course-order.txt', line: 4, column: 1}])
    expect(course.orphans.map((lesson) => lesson.path)).toEqual(['lessons/sheet-bend.md'])
  })

  it('leaves out the lessons `lint` ignores', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'a.md'), '---\ntitle: A\ntime: 5\n---\n')
    writeFileSync(join(folder, 'b.md'), '---\ntitle: B\ntime: 5\n---\n')
    writeFileSync(join(folder, '.coursemarkignore'), 'b.md\n')
    const course = JSON.parse((await cli(['course', '-f', 'json'], folder)).stdout) as {modules: Array<{lessons: Array<{path: string}>}>}
    expect(course.modules[0]?.lessons.map((lesson) => lesson.path)).toEqual(['a.md'])
  })

  it('reads the config named by `--config` relative to the working directory', async () => {
    const folder = scratch()
    mkdirSync(join(folder, 'course'))
    writeFileSync(join(folder, 'course', 'a.md'), '---\ntitle: A\ntime: 5\n---\n')
    writeFileSync(join(folder, 'course', 'b.md'), '---\ntitle: B\ntime: 5\n---\n')
    writeFileSync(join(folder, 'other.yaml'), 'ignores: ["b.md"]\n')
    const course = JSON.parse((await cli(['course', '-f', 'json', '-c', 'other.yaml', 'course'], folder)).stdout) as {modules: Array<{lessons: Array<{path: string}>}>}
    expect(course.modules[0]?.lessons.map((lesson) => lesson.path)).toEqual(['a.md'])
  })

  it('exits 2 with one line for a folder that does not exist, a file, or an unknown format', async () => {
    expect(await cli(['course', 'no-such-folder'], courses)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: cannot read `no-such-folder`: ENOENT: no such file or directory\n'
    })
    expect(await cli(['course', 'plain/README.md'], courses)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected file `plain/README.md`, expected a folder\n'
    })
    expect(await cli(['course', '-f', 'yaml', 'plain'], courses)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--format yaml`, expected `text` or `json`\n'
    })
  })
})
