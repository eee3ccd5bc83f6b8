import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildSite, resolveLink} from '../../src/index.js'
import {fixtureRepository} from './repository.js'

const folder = fileURLToPath(new URL('../../../../fixtures/sites/jekyll/', import.meta.url))
const repository = fixtureRepository(folder)
const site = buildSite(repository)

/** Whether the built site serves the link: one candidate is a file or a folder of the repository. */
const works = (from: string, url: string) =>
  resolveLink(site, from, url).candidates.some((path) => repository.paths.some((file) => file === path || file.startsWith(path.replace(/\/$/, '') + '/')))

describe('the legacy Carpentries (Jekyll) site', () => {
  it('is detected by `_config.yml` with `_episodes/`', () => {
    expect(site.flavour).toBe('jekyll')
    expect(site.format).toBe('carpentries')
    expect(site.title).toBe('Knots for Sailors')
  })

  it('tells episodes, breaks, site pages, includes, templates and data apart', () => {
    const kinds = Object.fromEntries(Object.values(site.files).map((file) => [file.path, file.kind]))
    expect(kinds).toEqual({
      '404.md': 'page',
      'README.md': 'page',
      '_episodes/01-bowline.md': 'lesson',
      '_episodes/02-hitch.md': 'lesson',
      '_episodes/03-lunch.md': 'break',
      '_episodes/04-splice.md': 'lesson',
      '_drafts/05-dark.md': 'draft',
      '_extras/about.md': 'page',
      '_includes/links.md': 'include',
      'aio.md': 'page',
      'bin/README.md': 'data',
      'bin/notes.md': 'data',
      'code/exercise/README.md': 'data',
      'index.md': 'page',
      'reference.md': 'page',
      'setup.md': 'page'
    })
  })

  it('publishes episodes and extras at `/<name>/`, pages at `<name>.html` or their permalink', () => {
    expect(site.files['_episodes/04-splice.md']?.url).toBe('/04-splice/')
    expect(site.files['_extras/about.md']?.url).toBe('/about/')
    expect(site.files['404.md']?.url).toBe('/404.html')
    expect(site.files['aio.md']?.url).toBe('/aio/index.html')
    expect(site.files['setup.md']?.url).toBe('/setup.html')
    expect(site.files['index.md']?.url).toBe('/index.html')
  })

  it('orders episodes by file name, or by `episode_order` when given', () => {
    expect(site.modules[0]?.lessons).toEqual(['_episodes/01-bowline.md', '_episodes/02-hitch.md', '_episodes/03-lunch.md', '_episodes/04-splice.md'])
    const reordered = buildSite({
      paths: repository.paths,
      read: (path) => (path === '_config.yml' ? 'title: x\nepisode_order:\n- 02-hitch\n- 01-bowline\n' : repository.read(path))
    })
    expect(reordered.modules[0]?.lessons).toEqual(['_episodes/02-hitch.md', '_episodes/01-bowline.md', '_episodes/03-lunch.md', '_episodes/04-splice.md'])
  })

  it('resolves permalinks between episodes, figures and pages', () => {
    expect(works('_episodes/01-bowline.md', '../02-hitch/')).toBe(true)
    expect(works('_episodes/01-bowline.md', '../fig/bowline.svg')).toBe(true)
    expect(works('_episodes/04-splice.md', '../code/exercise/')).toBe(true)
    expect(works('index.md', 'setup.html')).toBe(true)
    expect(resolveLink(site, '_episodes/01-bowline.md', '../02-hitch/#bends')).toEqual({
      candidates: ['02-hitch', '_episodes/02-hitch.md'],
      fragment: 'bends',
      unchecked: undefined
    })
  })

  it('expands `{{ page.root }}`, `{{ site.baseurl }}` and `{% link %}` as Jekyll does', () => {
    expect(resolveLink(site, '_episodes/01-bowline.md', '{{ page.root }}{% link reference.md %}#bight')).toMatchObject({
      candidates: ['reference.md'],
      fragment: 'bight'
    })
    expect(resolveLink(site, '_episodes/02-hitch.md', '{{ site.baseurl }}{% link reference.md %}#turn').candidates).toEqual(['reference.md'])
    expect(resolveLink(site, 'setup.md', '{{ page.root }}{% link _episodes/01-bowline.md %}').candidates).toEqual(['_episodes/01-bowline.md'])
    expect(works('_extras/about.md', '{{ page.root }}/01-bowline/')).toBe(true)
    expect(works('_episodes/01-bowline.md', '{{ page.root }}/setup.html')).toBe(true)
  })

  it('gives a `{% link %}` to a missing file as that file, so it is reported', () => {
    expect(resolveLink(site, '_episodes/01-bowline.md', '{{ page.root }}{% link _episodes/05-reef.md %}')).toEqual({
      candidates: ['_episodes/05-reef.md'],
      fragment: '',
      unchecked: undefined
    })
    expect(works('_episodes/01-bowline.md', '{{ page.root }}{% link _episodes/05-reef.md %}')).toBe(false)
  })

  it('leaves Liquid it cannot expand unchecked, and does not publish `_` folders', () => {
    expect(resolveLink(site, 'index.md', '{{ site.repo_url }}/issues').unchecked).toMatch(/template/)
    expect(works('_episodes/01-bowline.md', '/_drafts/notes/')).toBe(false)
    expect(works('_episodes/01-bowline.md', '/_episodes/02-hitch.md')).toBe(false)
  })

  it('lints the R Markdown source of an R lesson, not the episode generated from it', () => {
    const built = buildSite({
      paths: ['_config.yml', '_episodes/01-data.md', '_episodes/02-plots.md', '_episodes_rmd/01-data.Rmd'],
      read: (path) => (path === '_config.yml' ? 'title: R\n' : '---\ntitle: t\nteaching: 5\nexercises: 5\n---\n')
    })
    expect(built.files['_episodes_rmd/01-data.Rmd']?.kind).toBe('lesson')
    expect(built.files['_episodes/01-data.md']?.kind).toBe('data')
    expect(built.modules[0]?.lessons).toEqual(['_episodes_rmd/01-data.Rmd', '_episodes/02-plots.md'])
  })
})
