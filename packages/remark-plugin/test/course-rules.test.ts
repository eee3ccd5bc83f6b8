/**
 * The course rules on the site of a file (`file.data.coursemarkSite`), with
 * the recommended preset and inline control, as a lint of a repository runs
 * them. Their `@example`s run in examples.test.ts.
 */
import {buildSite, type Site} from '@coursemark/core'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {recommended} from '../src/index.js'
import courseTimeBudget from '../src/rules/course-time-budget.js'

const lesson = (title: string) => `---\ntitle: ${title}\nauthor: Coursemark Fixtures\ntime: 30\n---\n\n## Objectives\n\n- Tie a knot\n\n## Assignment\n\n1. Tie it.\n`

/** An ordered site of `files` (the plain site's files and URLs, with this order and these missing entries). */
function orderedSite(files: Record<string, string>, lessons: string[], missing: Site['missing'] = []): Site {
  const plain = buildSite({paths: Object.keys(files).sort(), read: (path) => files[path]})
  return {...plain, ordered: true, modules: [{title: 'Knots', path: 'episodes', lessons}], missing}
}

/** The course-rule findings of each file under the recommended preset. */
async function courseFindings(files: Record<string, string>, site: Site): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {}
  for (const [path, value] of Object.entries(files)) {
    const file = new VFile({path, value})
    file.data.coursemarkSite = {site, path}
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(recommended)
    await processor.run(processor.parse(file), file)
    found[path] = file.messages
      .filter((message) => message.ruleId?.startsWith('course-'))
      .map((message) => `${message.line ?? '-'}:${message.column ?? '-'} ${message.fatal ? 'error' : 'warning'} ${message.ruleId ?? ''}: ${message.reason}`)
  }

  return found
}

describe('course rules in the recommended preset', () => {
  const files = {
    'episodes/a.md': lesson('A'),
    'episodes/b.md': lesson('B'),
    'episodes/orphan.md': lesson('Orphan')
  }

  it('report a missing entry once, on the first listed lesson, and an orphan at its first line', async () => {
    const site = orderedSite(files, ['episodes/a.md', 'episodes/b.md'], [{path: 'episodes/gone.md', file: 'config.yaml', line: 7, column: 3}])
    expect(await courseFindings(files, site)).toEqual({
      'episodes/a.md': [
        '-:- error course-missing-lesson: Unexpected missing lesson `episodes/gone.md` (listed at `config.yaml:7:3`), expected the file to exist or the entry removed'
      ],
      'episodes/b.md': [],
      'episodes/orphan.md': [
        '1:1 warning course-orphan-lesson: Unexpected lesson `episodes/orphan.md` that no order of the course lists, expected it listed (or removed)'
      ]
    })
  })

  it('are turned off by `<!--lint disable-->` in the file that carries them', async () => {
    const quiet = {
      // Right after the frontmatter, a comment applies from the start of the file.
      'episodes/a.md': lesson('A').replace('---\n\n', '---\n<!--lint disable course-missing-lesson-->\n\n'),
      'episodes/orphan.md': '<!--lint disable course-orphan-lesson-->\n\n' + lesson('Orphan').replace(/^---[^]*?---\n/, '')
    }
    const site = orderedSite(quiet, ['episodes/a.md'], [{path: 'episodes/gone.md', file: 'config.yaml', line: 7, column: 3}])
    site.files['episodes/orphan.md'] = {path: 'episodes/orphan.md', kind: 'lesson', reason: 'a markdown file', url: '/episodes/orphan.md'}
    expect(await courseFindings(quiet, site)).toEqual({'episodes/a.md': [], 'episodes/orphan.md': []})
  })

  it('find nothing where the format has no explicit order, or without a site', async () => {
    const plain = buildSite({paths: Object.keys(files).sort(), read: (path) => files[path as keyof typeof files]})
    expect(Object.values(await courseFindings(files, plain)).flat()).toEqual([])
    const file = new VFile({path: 'lone.md', value: lesson('Lone')})
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(recommended)
    await processor.run(processor.parse(file), file)
    expect(file.messages.filter((message) => message.ruleId?.startsWith('course-'))).toEqual([])
  })

  it('report a file published at another file\'s alias', async () => {
    const site = orderedSite(files, ['episodes/a.md', 'episodes/b.md', 'episodes/orphan.md'])
    site.files['episodes/a.md'] = {path: 'episodes/a.md', kind: 'lesson', reason: 'an episode', url: '/a.html'}
    site.urls['/a.html'] = 'episodes/b.md'
    const found = await courseFindings(files, site)
    expect(found['episodes/a.md']).toEqual([
      '1:1 error course-duplicate-slug: Unexpected URL `/a.html` shared with `episodes/b.md`, expected each file published at its own URL'
    ])
  })
})

describe('course-time-budget', () => {
  it('reports a bad option as a message of the rule', async () => {
    const file = new VFile({path: 'a.md', value: lesson('A')})
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(courseTimeBudget.plugin, ['warn', {module: 'four hours'}])
    await processor.run(processor.parse(file), file)
    expect(file.messages.map((message) => message.reason)).toEqual(['Unexpected `module` value `"four hours"`, expected minutes as a positive number'])
  })
})

describe('course-duplicate-slug and app routes', () => {
  it('does not report files served inside an app route (Docsify navigation) as sharing a URL', async () => {
    const files = {'docs/_navbar.md': '- [Home](./README.md)\n', 'docs/_sidebar.md': '- [Home](./README.md)\n'}
    const plain = buildSite({paths: Object.keys(files).sort(), read: (path: string) => files[path as keyof typeof files]})
    const site: Site = {
      ...plain,
      files: Object.fromEntries(Object.keys(files).map((path) => [path, {path, kind: 'page' as const, reason: 'Docsify navigation', url: '/#/'}])),
      routes: [{prefix: '/#/', reason: 'a Docsify route'}]
    }
    expect(await courseFindings(files, site)).toEqual({'docs/_navbar.md': [], 'docs/_sidebar.md': []})
    const noRoutes = await courseFindings(files, {...site, routes: []})
    expect(noRoutes['docs/_navbar.md']).toHaveLength(1)
  })
})
