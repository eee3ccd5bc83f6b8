import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildSite, resolveLink} from '../../src/index.js'
import {fixtureRepository} from './repository.js'

const folder = fileURLToPath(new URL('../../../../fixtures/sites/workbench/', import.meta.url))
const site = buildSite(fixtureRepository(folder))

/** Whether the built site serves the link: one candidate exists. */
const paths = new Set(fixtureRepository(folder).paths)
const works = (from: string, url: string) => resolveLink(site, from, url).candidates.some((path) => paths.has(path))

describe('the Workbench site', () => {
  it('is detected by `config.yaml` with `carpentry:` and `episodes:`', () => {
    expect(site.flavour).toBe('workbench')
    expect(site.format).toBe('carpentries')
    expect(site.title).toBe('Counting Garden Birds')
    expect(site.reasons[0]).toMatch(/config\.yaml/)
  })

  it('is not detected without `carpentry:`', () => {
    const repository = {paths: ['config.yaml', 'episodes/a.md'], read: () => 'title: x\nepisodes:\n- a.md\n'}
    expect(buildSite(repository).flavour).toBe('checkpoint')
  })

  it('tells lessons, breaks, drafts, pages, the include and data apart', () => {
    const kinds = Object.fromEntries(Object.values(site.files).map((file) => [file.path, file.kind]))
    expect(kinds).toEqual({
      'LICENSE.md': 'page',
      'README.md': 'page',
      'episodes/01-spotting.md': 'lesson',
      'episodes/02-tally.Rmd': 'lesson',
      'episodes/03-coffee.md': 'break',
      'episodes/04-charts.md': 'lesson',
      'episodes/99-draft.md': 'draft',
      'episodes/data/README.md': 'data',
      'index.md': 'page',
      'instructors/notes.md': 'page',
      'learners/reference.md': 'page',
      'learners/setup.md': 'page',
      'links.md': 'include',
      'profiles/learner.md': 'page'
    })
  })

  it('publishes every page flat at `/<slug>.html`, and nothing for drafts and repository pages', () => {
    expect(site.files['episodes/02-tally.Rmd']?.url).toBe('/02-tally.html')
    expect(site.files['learners/setup.md']?.url).toBe('/setup.html')
    expect(site.files['LICENSE.md']?.url).toBe('/LICENSE.html')
    expect(site.files['episodes/99-draft.md']?.url).toBeUndefined()
    expect(site.files['README.md']?.url).toBeUndefined()
    expect(site.urls['/']).toBe('index.md')
  })

  it('orders the lessons as `episodes:` lists them, in one module', () => {
    expect(site.ordered).toBe(true)
    expect(site.modules).toEqual([
      {
        title: 'Counting Garden Birds',
        path: 'config.yaml',
        lessons: ['episodes/01-spotting.md', 'episodes/02-tally.Rmd', 'episodes/03-coffee.md', 'episodes/04-charts.md']
      }
    ])
  })

  it('gives a listed episode that is missing with the line and column of its list item', () => {
    expect(site.missing).toEqual([{path: 'episodes/05-sharing.md', file: 'config.yaml', line: 10, column: 3}])
  })

  it('resolves links written the ways Workbench lessons write them', () => {
    // sandpaper's flatten rule: `../learners/x.md`, `x.md` of another folder, `x.html` of an `.Rmd`.
    expect(works('episodes/01-spotting.md', '../learners/setup.md')).toBe(true)
    expect(works('episodes/01-spotting.md', 'reference.md#tally')).toBe(true)
    expect(works('episodes/01-spotting.md', 'LICENSE.md')).toBe(true)
    expect(works('episodes/01-spotting.md', '02-tally.html')).toBe(true)
    expect(works('episodes/01-spotting.md', 'episodes/02-tally.Rmd')).toBe(true)
    expect(works('episodes/02-tally.Rmd', '01-spotting.Rmd')).toBe(true)
    expect(works('learners/setup.md', 'episodes/01-spotting.md')).toBe(true)
    expect(works('instructors/notes.md', '03-coffee.md')).toBe(true)
    expect(works('profiles/learner.md', 'setup.html')).toBe(true)
    expect(works('episodes/04-charts.md', 'notes.html')).toBe(true)
    // Asset folders are copied to the site root.
    expect(works('episodes/01-spotting.md', 'fig/robin.png')).toBe(true)
    expect(works('learners/setup.md', 'data/counts.csv')).toBe(true)
    expect(works('learners/setup.md', '/data/counts.csv')).toBe(true)
  })

  it('keeps the fragment, so a missing anchor in a sibling episode is still found', () => {
    const resolution = resolveLink(site, 'episodes/01-spotting.md', '04-charts.md#bar-chart')
    expect(resolution.candidates[0]).toBe('episodes/04-charts.md')
    expect(resolution.fragment).toBe('bar-chart')
  })

  it('does not resolve a folder the site does not publish, nor a draft', () => {
    expect(works('episodes/01-spotting.md', '/raw/sheet.csv')).toBe(false)
    expect(resolveLink(site, 'episodes/01-spotting.md', '/raw/sheet.csv').unchecked).toBeUndefined()
    expect(works('learners/setup.md', '99-draft.html')).toBe(false)
    expect(works('learners/setup.md', 'files/missing.csv')).toBe(false)
  })

  it('leaves the pages the Workbench generates unchecked', () => {
    expect(resolveLink(site, 'episodes/01-spotting.md', 'aio.html').unchecked).toMatch(/generates/)
    expect(resolveLink(site, 'episodes/01-spotting.md', '../instructor/01-spotting.html').unchecked).toMatch(/instructor view/)
  })

  it('builds every episode in file-name order when `episodes:` is empty', () => {
    const repository = {
      paths: ['config.yaml', 'episodes/b.md', 'episodes/a.md'].sort(),
      read: (path: string) => (path === 'config.yaml' ? "carpentry: 'dc'\nepisodes:\n" : undefined)
    }
    const built = buildSite(repository)
    expect(built.modules[0]?.lessons).toEqual(['episodes/a.md', 'episodes/b.md'])
    expect(built.ordered).toBe(false)
  })
})
