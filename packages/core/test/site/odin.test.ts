import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildSite, headingIds, resolveLink} from '../../src/index.js'
import {odinHeadingIds} from '../../src/site/slug.js'
import {brokenLinks, plantedDefects, readRepository} from './site-links.js'

const repository = readRepository(fileURLToPath(new URL('../../../../fixtures/sites/odin/', import.meta.url)))
const site = buildSite(repository)
const heading = (depth: number, text: string, topLevel = true) => ({depth, text, topLevel})

describe('the Odin site model', () => {
  it('recognises an Odin curriculum by its lessons, projects and templates, and says why', () => {
    expect(site.flavour).toBe('odin')
    expect(site.format).toBe('odin')
    expect(site.reasons).toEqual([
      '3 of the lessons read have a `### Lesson overview` or `### Assignment` heading and no frontmatter (`javascript_basics/variables/let_and_const.md`)',
      '2 `project_*.md` files',
      '`templates/` holds lesson and project templates'
    ])
  })

  it('gives each file its kind by place: projects, templates, archive drafts, lint fixtures, installation guides, root pages', () => {
    const kinds = Object.fromEntries(Object.values(site.files).map((file) => [file.path, file.kind]))
    expect(kinds).toEqual({
      'LAYOUT_GUIDE.md': 'page',
      'README.md': 'page',
      'archive/old_basics/first_steps.md': 'draft',
      'javascript_basics/variables/let_and_const.md': 'lesson',
      'javascript_basics/variables/project_counter.md': 'project',
      'license.md': 'page',
      'markdownlint/docs/heading_style.md': 'data',
      'templates/lesson-template.md': 'template',
      'templates/project-template.md': 'template',
      'web_basics/getting_started/installation_guides/linux.md': 'include',
      'web_basics/getting_started/project_landing_page.md': 'project',
      'web_basics/getting_started/reading_docs.md': 'lesson',
      'web_basics/getting_started/setting_up.md': 'lesson'
    })
  })

  it('makes one module per section folder in file order, and says the order is not known', () => {
    expect(site.ordered).toBe(false)
    expect(site.missing).toEqual([])
    expect(site.modules).toEqual([
      {
        title: 'Variables',
        path: 'javascript_basics/variables',
        lessons: ['javascript_basics/variables/let_and_const.md', 'javascript_basics/variables/project_counter.md']
      },
      {
        title: 'Getting started',
        path: 'web_basics/getting_started',
        lessons: [
          'web_basics/getting_started/project_landing_page.md',
          'web_basics/getting_started/reading_docs.md',
          'web_basics/getting_started/setting_up.md'
        ]
      }
    ])
  })

  it('titles a lesson from its file name, a project as `Project: …`', () => {
    expect(site.files['web_basics/getting_started/reading_docs.md']?.title).toBe('Reading docs')
    expect(site.files['web_basics/getting_started/project_landing_page.md']?.title).toBe('Project: Landing page')
    expect(site.files['README.md']?.title).toBeUndefined()
  })

  it('does not check links to the Odin site’s routes, and says why', () => {
    const from = 'web_basics/getting_started/project_landing_page.md'
    expect(resolveLink(site, from, '/lessons/web-basics-reading-docs')).toEqual({
      candidates: [],
      fragment: '',
      unchecked: 'a lesson page of the Odin site, named by its title there, not a file of this repository'
    })
    expect(resolveLink(site, from, '/paths/foundations').unchecked).toBe('a path page of the Odin site, not a file of this repository')
    expect(resolveLink(site, from, '/about').unchecked).toBe('a page of the Odin site, which this repository does not build')
  })

  it('resolves a relative link as the path on disk only', () => {
    expect(resolveLink(site, 'web_basics/getting_started/setting_up.md', 'installation_guides/linux.md')).toEqual({
      candidates: ['web_basics/getting_started/installation_guides/linux.md'],
      fragment: '',
      unchecked: undefined
    })
    expect(site.urls).toEqual({})
  })

  it('finds exactly the planted defects of the fixture with the Odin slugger, and nothing in drafts, fixtures and templates', () => {
    expect(site.slugger).toBe('odin')
    expect(plantedDefects(repository)).toHaveLength(3)
    expect(brokenLinks(site, repository)).toEqual(plantedDefects(repository))
  })

  it('would report the right Odin anchors as missing with GitHub’s slugger', () => {
    expect(brokenLinks(site, repository, 'github')).toEqual([
      'web_basics/getting_started/project_landing_page.md:12:43 reading_docs.md#pricing-table',
      'web_basics/getting_started/project_landing_page.md:9:32 reading_docs.md#using-the-thearray-helper',
      'web_basics/getting_started/project_landing_page.md:9:98 reading_docs.md#step-2-why-read-docs',
      'web_basics/getting_started/reading_docs.md:30:28 #using-the-thearray-helper',
      'web_basics/getting_started/reading_docs.md:31:15 #step-2-why-read-docs',
      'web_basics/getting_started/setting_up.md:16:22 ./missing_notes.md'
    ])
  })

  it('is not taken for a course whose lessons have frontmatter', () => {
    const lessons = {
      'course/one.md': '---\ntitle: One\n---\n\n### Lesson overview\n\n- A.\n',
      'course/project_two.md': '---\ntitle: Two\n---\n\n### Assignment\n'
    }
    const other = buildSite({paths: Object.keys(lessons), read: (path) => lessons[path as keyof typeof lessons]})
    expect(other.flavour).not.toBe('odin')
  })
})

describe('the Odin slugger', () => {
  it('drops underscores, punctuation and leading non-letters, and squeezes runs of `-`', () => {
    expect(
      odinHeadingIds([
        heading(3, 'Using the the_array helper'),
        heading(3, 'Step 2 - Why read docs?'),
        heading(3, '#1 Ranking rules'),
        heading(3, 'Big Ω (omega)'),
        heading(3, '???')
      ])
    ).toEqual(['using-the-thearray-helper', 'step-2-why-read-docs', 'ranking-rules', 'big-omega', 'section'])
  })

  it('counts equal ids per section: a top-level h3 starts one', () => {
    expect(
      odinHeadingIds([heading(3, 'Setup'), heading(4, 'Example'), heading(4, 'Example'), heading(3, 'Usage'), heading(4, 'Example'), heading(4, 'Usage')])
    ).toEqual(['setup', 'example', 'example-1', 'usage', 'example', 'usage-1'])
  })

  it('does not start a section at an h3 inside a list or quote', () => {
    expect(odinHeadingIds([heading(3, 'Notes'), heading(4, 'Tip'), heading(3, 'Tip', false)])).toEqual(['notes', 'tip', 'tip-1'])
  })

  it('gives other levels kramdown’s id unparameterized in a sectioned lesson, and the GFM reader’s id in a lesson with no top-level h3', () => {
    expect(odinHeadingIds([heading(3, 'Intro'), heading(2, 'Part one - setup')])).toEqual(['intro', 'part-one---setup'])
    expect(odinHeadingIds([heading(2, 'The my_var name'), heading(4, 'The my_var name')])).toEqual(['the-my_var-name', 'the-myvar-name'])
  })

  it('is GitHub’s slugger when the site says `github`', () => {
    expect(headingIds('github', [heading(3, 'The my_var name'), heading(3, 'The my_var name')])).toEqual(['the-my_var-name', 'the-my_var-name-1'])
  })
})
