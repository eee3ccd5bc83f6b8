import {readdirSync, readFileSync, existsSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildSite, parseCheckpoint, parseCourse, type Site} from '../../src/index.js'
import {readCourse} from '../../src/node.js'
import {validateCourse, withoutPositions} from './course-helpers.js'

const fixtures = fileURLToPath(new URL('../../../../fixtures/', import.meta.url))

/** A hand-made site: what a format's builder gives, written out. */
function site(files: Record<string, string>, overrides: Partial<Site>): Site {
  const base = buildSite({paths: Object.keys(files).sort(), read: (path) => files[path]}, {format: 'carpentries'})
  return {...base, ...overrides}
}

const episode = (title: string, teaching: number, exercises: number, extra = '') =>
  `---\ntitle: ${title}\nteaching: ${teaching}\nexercises: ${exercises}\n---\n\n::: objectives\n\n- Explain ${title.toLowerCase()}\n\n:::\n${extra}`

describe('parseCourse on the plain site', () => {
  const files = {
    'README.md': '# About\n',
    'b/two.md': '---\ntitle: Two\ntime: 45\n---\n\n# Two\n',
    'a/one.md': '---\ntitle: One\ntime: 1 hour\nuuid: one-1\n---\n\n# One\n',
    'a/untitled.md': '# Heading title\n\nNo frontmatter.\n',
    'a/img.png': ''
  }
  const course = parseCourse(files)

  it('lists every lesson in path order, in one module, and sums their minutes', () => {
    expect(course.modules.map((module) => module.lessons.map((lesson) => [lesson.path, lesson.timeMinutes]))).toEqual([
      [['a/one.md', 60], ['a/untitled.md', null], ['b/two.md', 45]]
    ])
    expect(course.modules[0]?.timeMinutes).toBe(105)
    expect(course.timeMinutes).toBe(105)
  })

  it('takes the title from the frontmatter, else the first level-1 heading', () => {
    expect(course.modules[0]?.lessons.map((lesson) => lesson.title)).toEqual(['One', 'Heading title', 'Two'])
  })

  it('reports no orphans where the format has no explicit order', () => {
    expect(course.orphans).toEqual([])
    expect(course.missing).toEqual([])
  })

  it('validates against course.schema.json', () => {
    expect(validateCourse(course)).toEqual([])
  })
})

describe('parseCourse on an ordered site', () => {
  const files = {
    'config.yaml': 'title: Knots\nepisodes:\n- 01-bowline.md\n- 02-gone.md\n- 03-break.md\n- 04-hitch.md\n',
    'episodes/01-bowline.md': episode('Bowline', 10, 20, '\n::: prereq\n\nA length of rope.\n\n:::\n'),
    'episodes/03-break.md': '---\ntitle: Coffee\nbreak: 15\n---\n\nA break.\n',
    'episodes/04-hitch.md': episode('Hitch', 5, 5),
    'episodes/99-unlisted.md': episode('Unlisted', 5, 0),
    'episodes/old.md': episode('Old', 5, 0),
    'index.md': '# Home\n'
  }
  const made = site(files, {
    flavour: 'workbench',
    title: 'Knots',
    ordered: true,
    modules: [{title: 'Episodes', path: 'episodes', lessons: ['episodes/01-bowline.md', 'episodes/03-break.md', 'episodes/04-hitch.md']}],
    missing: [{path: 'episodes/02-gone.md', file: 'config.yaml', line: 4, column: 3}]
  })
  made.files['index.md'] = {path: 'index.md', kind: 'page', reason: 'the home page', url: '/index.html'}
  made.files['episodes/03-break.md'] = {path: 'episodes/03-break.md', kind: 'break', reason: 'a break', url: '/03-break.html'}
  made.files['episodes/old.md'] = {path: 'episodes/old.md', kind: 'draft', reason: 'unlisted', url: undefined}
  const course = parseCourse(files, {format: 'carpentries', siteModel: made})

  it('follows the site order and counts `teaching` + `exercises` + `break`', () => {
    expect(course.title).toBe('Knots')
    expect(course.modules.map((module) => [module.title, module.path, module.timeMinutes])).toEqual([['Episodes', 'episodes', 55]])
    expect(course.modules[0]?.lessons.map((lesson) => [lesson.path, lesson.kind, lesson.timeMinutes])).toEqual([
      ['episodes/01-bowline.md', 'lesson', 30],
      ['episodes/03-break.md', 'break', 15],
      ['episodes/04-hitch.md', 'lesson', 10]
    ])
    expect(course.modules[0]?.lessons[0]?.objectives.map((objective) => objective.text)).toEqual(['Explain bowline'])
  })

  it('gives the missing entry at its line of `config.yaml`', () => {
    expect(course.missing).toEqual([{path: 'episodes/02-gone.md', file: 'config.yaml', line: 4, column: 3}])
  })

  it('lists the lessons and drafts no order lists as orphans, but not pages', () => {
    expect(course.orphans.map((lesson) => [lesson.path, lesson.kind])).toEqual([
      ['episodes/99-unlisted.md', 'lesson'],
      ['episodes/old.md', 'draft']
    ])
  })

  it('reads a `::: prereq` block as the lesson\'s prerequisite, with its place', () => {
    expect(course.prerequisites.map(({path, text, position}) => [path, text, position?.start.line])).toEqual([
      ['episodes/01-bowline.md', 'A length of rope.', 13]
    ])
  })

  it('uses checkpoints the caller parsed already instead of parsing again', () => {
    const asked: string[] = []
    const reused = parseCourse(files, {
      format: 'carpentries',
      siteModel: made,
      checkpointOf(path) {
        asked.push(path)
        return path === 'episodes/04-hitch.md' ? {...parseCheckpoint(files[path], {path, format: 'carpentries'}).checkpoint, timeMinutes: 99} : undefined
      }
    })
    expect(asked).toContain('episodes/04-hitch.md')
    expect(reused.modules[0]?.lessons[2]?.timeMinutes).toBe(99)
  })

  it('validates against course.schema.json', () => {
    expect(validateCourse(course)).toEqual([])
  })
})

describe('schemas/course.schema.json', () => {
  it('rejects a course whose lesson lacks `kind` and whose missing entry has line 0', () => {
    const course = JSON.parse(JSON.stringify(parseCourse({'a.md': '# A\n'}))) as {modules: Array<{lessons: Array<Record<string, unknown>>}>; missing: unknown[]}
    delete course.modules[0]?.lessons[0]?.kind
    course.missing.push({path: 'b.md', file: 'config.yaml', line: 0, column: 1})
    const errors = validateCourse(course).map((error) => `${error.instancePath} ${error.keyword}`)
    expect(errors).toEqual(['/modules/0/lessons/0 required', '/missing/0/line minimum'])
  })
})

describe('readCourse', () => {
  it('reads a folder, leaving out what the caller ignores', async () => {
    const folder = join(fixtures, 'courses', 'plain')
    const all = await readCourse(folder)
    expect(all.modules[0]?.lessons.map((lesson) => lesson.path)).toEqual(['lessons/01-tea.md', 'lessons/02-scones.md'])
    const some = await readCourse(folder, {ignored: (path) => path === 'lessons/02-scones.md'})
    expect(some.modules[0]?.lessons.map((lesson) => lesson.path)).toEqual(['lessons/01-tea.md'])
  })

  it('rejects a folder that does not exist', async () => {
    await expect(readCourse(join(fixtures, 'courses', 'no-such-folder'))).rejects.toThrow(/ENOENT/)
  })
})

/** Fixture courses: a folder with `course.expected.json` (objectives as text, prerequisites without positions). */
const courseFixtures = ['sites', 'courses'].flatMap((group) => {
  const folder = join(fixtures, group)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, 'course.expected.json')))
    .map((name) => [`${group}/${name}`, join(folder, name)] as const)
})

describe('fixture courses', () => {
  it('has at least one', () => {
    expect(courseFixtures.length).toBeGreaterThan(0)
  })

  it.each(courseFixtures)('%s gives its course.expected.json and validates', async (_, folder) => {
    const course = await readCourse(folder)
    expect(validateCourse(course)).toEqual([])
    expect(withoutPositions(course)).toEqual(JSON.parse(readFileSync(join(folder, 'course.expected.json'), 'utf8')))
  })
})

