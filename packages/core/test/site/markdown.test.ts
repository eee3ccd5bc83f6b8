import {describe, expect, it} from 'vitest'
import {buildSite, resolveLink} from '../../src/index.js'
import type {Repository} from '../../src/index.js'
import {brokenLinks, fixtureRepository, siteFolder} from './fixture-repository.js'

const repository = fixtureRepository(siteFolder('markdown'))
const site = buildSite(repository)

const memory = (files: Record<string, string>): Repository => ({
  paths: Object.keys(files).sort(),
  read: (path) => files[path]
})

describe('the README-per-lesson course', () => {
  it('is detected by its numbered lesson folders without frontmatter, with the reasons', () => {
    expect(site.flavour).toBe('markdown')
    expect(site.format).toBe('markdown')
    expect(site.title).toBe('Web Basics Course')
    expect(site.reasons).toEqual([
      '4 numbered lesson folders with a `README.md` each (`<module>/<lesson>/README.md`, first `1-setup/1-tools/README.md`)',
      'no lesson has frontmatter',
      'a Docsify site (`window.$docsify` in `index.html`): its navigation files hold routes',
      'the lessons table of `README.md` gives the order (4 rows)'
    ])
  })

  it('tells each file what it is by its folder', () => {
    const kinds = Object.fromEntries(Object.values(site.files).map((file) => [file.path, file.kind]))
    expect(kinds).toEqual({
      '.github/pull_request_template.md': 'template',
      '1-setup/1-tools/README.md': 'lesson',
      '1-setup/1-tools/assignment.md': 'project',
      '1-setup/1-tools/solution/README.md': 'data',
      '1-setup/1-tools/translations/README.fr.md': 'page',
      '1-setup/2-git/README.md': 'lesson',
      '1-setup/2-git/your-work/notes.md': 'data',
      '1-setup/README.md': 'page',
      '2-pages/1-structure/README.md': 'lesson',
      '2-pages/3-forms/README.md': 'lesson',
      '2-pages/README.md': 'page',
      'LICENSE.md': 'page',
      'README.md': 'page',
      'docs/_navbar.md': 'page',
      'lesson-template/README.md': 'template',
      'translations/README.fr.md': 'page'
    })
    expect(site.files['1-setup/1-tools/translations/README.fr.md']?.reason).toBe('a translation (in `translations/`)')
    expect(site.files['1-setup/README.md']?.reason).toBe('the introduction of a module')
  })

  it('orders the lessons by the root README table, modules from its module column, each lesson with its assignment', () => {
    expect(site.ordered).toBe(true)
    expect(site.modules).toEqual([
      {
        title: 'Getting ready',
        path: '1-setup/README.md',
        lessons: ['1-setup/1-tools/README.md', '1-setup/1-tools/assignment.md', '1-setup/2-git/README.md']
      },
      {title: 'Pages', path: '2-pages/README.md', lessons: ['2-pages/1-structure/README.md']}
    ])
  })

  it('reports a listed lesson that does not exist at the link of its table cell', () => {
    expect(site.missing).toEqual([{path: '2-pages/2-style/README.md', file: 'README.md', line: 12, column: 16}])
  })

  it('keeps an unlisted numbered lesson a lesson, listed in no module (an orphan)', () => {
    const listed = site.modules.flatMap((module) => module.lessons)
    const orphans = Object.values(site.files).filter((file) => file.kind === 'lesson' && !listed.includes(file.path))
    expect(orphans.map((file) => file.path)).toEqual(['2-pages/3-forms/README.md'])
  })

  it('finds exactly the planted broken links: a missing file, a missing anchor, a root-absolute link to a missing README, the missing listed lesson', () => {
    expect(brokenLinks(site, repository, 'markdown')).toEqual([
      '1-setup/1-tools/README.md:21:5 images/cheat-sheet.pdf',
      '1-setup/2-git/README.md:13:11 ../1-tools/README.md#choosing-an-editor',
      '2-pages/1-structure/README.md:13:18 /2-pages/9-extra/README.md',
      'README.md:12:16 /2-pages/2-style/README.md'
    ])
  })

  it('resolves a root-absolute link from the repository root, as GitHub does', () => {
    expect(site.rootKnown).toBe(true)
    expect(resolveLink(site, '2-pages/1-structure/README.md', '/README.md')).toEqual({
      candidates: ['README.md'],
      fragment: '',
      unchecked: undefined
    })
  })

  it('leaves the links of a Docsify navigation file unchecked, as routes', () => {
    const resolution = resolveLink(site, 'docs/_navbar.md', './README.fr')
    expect(resolution.candidates[0]).toBe('docs/README.fr')
    expect(resolution.candidates.filter((candidate) => repository.paths.includes(candidate))).toEqual([])
    expect(resolution.unchecked).toMatch(/Docsify route/)
  })

  it('resolves a translation\'s links from the lesson it is served beside (Docsify `alias` into `translations/`)', () => {
    expect(resolveLink(site, 'translations/README.fr.md', 'LICENSE.md').candidates).toEqual(['translations/LICENSE.md', 'LICENSE.md'])
    expect(resolveLink(site, '1-setup/1-tools/translations/README.fr.md', 'assignment.md').candidates).toEqual([
      '1-setup/1-tools/translations/assignment.md',
      '1-setup/1-tools/assignment.md'
    ])
  })

  it('orders by numbered folders when there is no lessons table, modules titled by their README heading', () => {
    const plain = buildSite(
      memory({
        '10-last/1-a/README.md': '# A\n',
        '2-first/README.md': '# First steps\n',
        '2-first/10-b/README.md': '# B\n',
        '2-first/9-c/README.md': '# C\n',
        'README.md': '# Course\n\nNo table here.\n'
      })
    )
    expect(plain.ordered).toBe(false)
    expect(plain.missing).toEqual([])
    expect(plain.modules).toEqual([
      {title: 'First steps', path: '2-first/README.md', lessons: ['2-first/9-c/README.md', '2-first/10-b/README.md']},
      {title: '10-last', path: '10-last', lessons: ['10-last/1-a/README.md']}
    ])
  })

  it('reads a course one level deep (`<lesson>/README.md`) as one module, its table links relative, a folder link its README', () => {
    const flat = buildSite(
      memory({
        '00-start/README.md': '# Start\n',
        '01-next/README.md': '# Next\n',
        '02-more/README.md': '# More\n',
        'README.md': '| Chapter | Title |\n| - | - |\n| 00 | [Start](./00-start/README.md) |\n| 01 | [Next](01-next/) |\n'
      })
    )
    expect(flat.ordered).toBe(true)
    expect(flat.modules).toEqual([{title: undefined, path: undefined, lessons: ['00-start/README.md', '01-next/README.md']}])
    expect(flat.files['02-more/README.md']?.kind).toBe('lesson')
  })

  it('takes the lesson column by its lesson links, and the module title from a module cell that is a link', () => {
    const course = buildSite(
      memory({
        '1-game/1-draw/README.md': '# Draw\n',
        '1-game/2-move/README.md': '# Move\n',
        '1-game/solution/README.md': '# Solution\n',
        'README.md': [
          '| Project | Lesson |',
          '| --- | --- |',
          '| [Space game](/1-game/solution/README.md) | [Drawing](/1-game/1-draw/README.md) |',
          '| [Space game](/1-game/solution/README.md) | [Moving](/1-game/2-move/README.md) |',
          ''
        ].join('\n')
      })
    )
    expect(course.modules).toEqual([{title: 'Space game', path: '1-game', lessons: ['1-game/1-draw/README.md', '1-game/2-move/README.md']}])
    expect(course.files['1-game/solution/README.md']?.kind).toBe('data')
  })

  it('takes no list entry from a table link outside the repository or not a path', () => {
    const course = buildSite(
      memory({
        '1-a/1-x/README.md': '# X\n',
        '1-a/2-y/README.md': '# Y\n',
        'README.md': [
          '| Lesson |',
          '| --- |',
          '| [X](/1-a/1-x/README.md) |',
          '| [Y](1-a/2-y/README.md) |',
          '| [Up](../../1-a/9-z/README.md) |',
          '| [Script](javascript:alert(1)) |',
          '| [Web](https://example.com/1-a/8-w/README.md) |',
          ''
        ].join('\n')
      })
    )
    expect(course.missing).toEqual([])
    expect(course.modules.flatMap((module) => module.lessons)).toEqual(['1-a/1-x/README.md', '1-a/2-y/README.md'])
  })

  it('is not detected when a lesson has frontmatter, or the folders are not numbered', () => {
    const withFrontmatter = memory({'1-a/1-x/README.md': '---\ntitle: X\n---\n# X\n', '1-a/2-y/README.md': '# Y\n'})
    expect(buildSite(withFrontmatter).flavour).toBe('checkpoint')
    expect(buildSite(memory({'a/x/README.md': '# X\n', 'a/y/README.md': '# Y\n'})).flavour).toBe('checkpoint')
  })
})
