import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite, parseCheckpoint, resolveLink} from '../../src/index.js'
import type {Repository} from '../../src/index.js'

const root = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'sites', 'hugo')

function repositoryOf(folder: string): Repository {
  const paths = readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1).split('\\').join('/'))
    .sort()
  return {paths, read: (path) => readFileSync(join(folder, path), 'utf8')}
}

/** A repository from a map of texts. */
function memory(files: Record<string, string>): Repository {
  return {paths: Object.keys(files).sort(), read: (path) => files[path]}
}

const repository = repositoryOf(root)
const site = buildSite(repository)
const exists = (path: string) => repository.paths.some((each) => each === path || each.startsWith(path + '/'))

/** Whether a link of `from` names a file of the repository on the built site. */
function works(from: string, url: string): boolean {
  return resolveLink(site, from, url).candidates.some((candidate) => exists(candidate))
}

describe('the Hugo site', () => {
  it('is detected by its config and content folder, with the site title', () => {
    expect(site.flavour).toBe('hugo')
    expect(site.format).toBe('hugo')
    expect(site.reasons).toEqual(['`config.toml` (a Hugo config)', 'a `content/` folder'])
    expect(site.title).toBe('Garden Workshop')
    expect(site.ordered).toBe(false)
  })

  it('is not taken for a Workbench lesson, whose `config.yaml` has `carpentry`', () => {
    const workbench = buildSite(memory({'config.yaml': 'carpentry: swc\ntitle: A lesson\n', 'content/x.md': '# X\n'}))
    expect(workbench.flavour).not.toBe('hugo')
    const hugo = buildSite(memory({'hugo.yaml': 'title: A site\n', 'content/x.md': '# X\n'}))
    expect(hugo.flavour).toBe('hugo')
    expect(buildSite(memory({'config.yaml': 'title: Other tool\n', 'content/x.md': '# X\n'})).flavour).not.toBe('hugo')
    expect(buildSite(memory({'config.yml': 'baseURL: https://example.org/\n', 'content/x.md': '# X\n'})).flavour).toBe('hugo')
    const split = buildSite(memory({'config/_default/hugo.toml': 'title = "Split"\n', 'content/x.md': '# X\n'}))
    expect(split.title).toBe('Split')
  })

  it('tells lessons from section pages, drafts, archetypes, bundle files and unpublished pages', () => {
    const kinds = Object.fromEntries(Object.values(site.files).map((file) => [file.path, file.kind]))
    expect(kinds).toEqual({
      'README.md': 'page',
      'archetypes/default.md': 'template',
      'content/_index.md': 'page',
      'content/010_basics/_index.md': 'page',
      'content/010_basics/mulch.md': 'draft',
      'content/010_basics/soil.md': 'lesson',
      'content/010_basics/watering.md': 'lesson',
      'content/020_tools/_index.md': 'page',
      'content/020_tools/gloves.md': 'lesson',
      'content/020_tools/hammer/index.md': 'lesson',
      'content/020_tools/hammer/notes.md': 'data',
      'content/020_tools/trowel.md': 'lesson',
      'content/snippets/index.md': 'data',
      'content/snippets/safety.md': 'data'
    })
    expect(site.files['README.md']?.url).toBeUndefined()
    const vendored = buildSite(memory({'config.toml': 'theme = "learn"\n', 'content/a.md': '# A\n', 'themes/learn/exampleSite/content/b.md': '# B\n', 'static/notes.md': '# C\n'}))
    expect([vendored.files['themes/learn/exampleSite/content/b.md']?.kind, vendored.files['static/notes.md']?.kind]).toEqual(['template', 'data'])
    expect(site.files['content/010_basics/mulch.md']?.url).toBeUndefined()
  })

  it('publishes pages at pretty, lowercased URLs, with `slug:` and the `baseURL` path', () => {
    const urls = Object.fromEntries(Object.values(site.files).filter((file) => file.url).map((file) => [file.path, file.url]))
    expect(urls).toEqual({
      'content/_index.md': '/',
      'content/010_basics/_index.md': '/010_basics/',
      'content/010_basics/soil.md': '/010_basics/soil/',
      'content/010_basics/watering.md': '/010_basics/watering/',
      'content/020_tools/_index.md': '/020_tools/',
      'content/020_tools/gloves.md': '/020_tools/gloves/',
      'content/020_tools/hammer/index.md': '/020_tools/big-hammer/',
      'content/020_tools/trowel.md': '/020_tools/trowel/'
    })
    expect(site.urls['/workshop/010_basics/soil/']).toBe('content/010_basics/soil.md')
    expect(site.urls['/010_basics/soil/index.html']).toBe('content/010_basics/soil.md')
  })

  it('reads `ignoreFiles`, and skips a pattern that could backtrack for long', () => {
    const path = 'content/' + 'a'.repeat(40) + '.md'
    const ignoring = buildSite(memory({'config.toml': 'ignoreFiles = ["\\\\.files/README\\\\.md$", "^content/(a+)+$"]\n', 'content/x.files/README.md': '# R\n', [path]: '# A\n'}))
    expect(ignoring.files['content/x.files/README.md']?.kind).toBe('data')
    expect(ignoring.files[path]?.kind).toBe('lesson')
  })

  it('follows `url:`, `aliases:`, `uglyURLs` and `disablePathToLower`', () => {
    const custom = buildSite(
      memory({
        'hugo.toml': 'uglyURLs = true\ndisablePathToLower = true\n',
        'content/Intro/Start.md': '---\ntitle: Start\naliases: [/old/start]\n---\n',
        'content/Intro/moved.md': '+++\ntitle = "Moved"\nurl = "/elsewhere/here"\n+++\n'
      })
    )
    expect(custom.files['content/Intro/Start.md']?.url).toBe('/Intro/Start.html')
    expect(custom.files['content/Intro/moved.md']?.url).toBe('/elsewhere/here/')
    expect(custom.urls['/old/start/']).toBe('content/Intro/Start.md')
  })

  it('orders modules and lessons as Hugo does: weight, 0 last, then the newest date', () => {
    expect(site.modules).toEqual([
      {title: 'Basics', path: 'content/010_basics/_index.md', lessons: ['content/010_basics/watering.md', 'content/010_basics/soil.md']},
      {
        title: 'Tools',
        path: 'content/020_tools/_index.md',
        lessons: ['content/020_tools/gloves.md', 'content/020_tools/hammer/index.md', 'content/020_tools/trowel.md']
      }
    ])
  })

  it('breaks ties by link title, then by file, and puts subsections among pages', () => {
    const tied = buildSite(
      memory({
        'config.toml': '',
        'content/b/_index.md': '---\ntitle: B\nweight: 1\n---\n',
        'content/a/_index.md': '---\ntitle: A\nweight: 2\n---\n',
        'content/a/zebra.md': '---\ntitle: Zebra\nlinkTitle: Aardvark\nweight: 3\n---\n',
        'content/a/beta.md': '---\ntitle: Beta\nweight: 3\n---\n',
        'content/a/sub/_index.md': '---\ntitle: Sub\nweight: 1\n---\n',
        'content/a/sub/inner.md': '---\ntitle: Inner\n---\n',
        'content/b/page.md': '---\ntitle: Page\n---\n'
      })
    )
    expect(tied.modules.map((module) => [module.title, module.lessons])).toEqual([
      ['B', ['content/b/page.md']],
      ['A', ['content/a/sub/inner.md', 'content/a/zebra.md', 'content/a/beta.md']]
    ])
  })
})

describe('Hugo front matter as the site model reads it', () => {
  it('reads plain lines cheaply and any other YAML with the YAML reader, to the same values', async () => {
    const {hugoFrontMatter} = await import('../../src/site/hugo.js')
    expect(hugoFrontMatter('---\ntitle: "Soil: the basics"\nweight: 10 # first\ndraft: false\naliases:\n  - /old/\n  - "/older/"\ntags: [a, b]\n---\n')).toEqual({
      title: 'Soil: the basics',
      weight: 10,
      draft: false,
      aliases: ['/old/', '/older/']
    })
    expect(hugoFrontMatter('---\ntitle: >\n  Folded\n  title\nweight: 2\n---\n')).toMatchObject({title: 'Folded title\n', weight: 2})
    expect(hugoFrontMatter('---\ntitle: Long\n  title\n---\n')).toMatchObject({title: 'Long title'})
    expect(hugoFrontMatter('---\nurl: "/a\\u0062/"\n---\n')).toMatchObject({url: '/ab/'})
    expect(hugoFrontMatter('+++\ntitle = "Toml"\nweight = 3\n+++\n')).toEqual({title: 'Toml', weight: 3})
    expect(hugoFrontMatter('No front matter\n')).toEqual({})
  })
})

describe('links on the Hugo site', () => {
  it('resolves root-absolute images from `static/`, the theme, and page bundle resources', () => {
    expect(works('content/010_basics/soil.md', '/images/basics/spade.png')).toBe(true)
    expect(works('content/010_basics/soil.md', '/css/site.css')).toBe(true)
    expect(works('content/020_tools/hammer/index.md', 'hammer.png')).toBe(true)
    expect(resolveLink(site, 'content/010_basics/soil.md', '/020_tools/big-hammer/hammer.png').candidates).toContain('content/020_tools/hammer/hammer.png')
  })

  it('resolves page links against the page URL: `../page/`, `/section/`, `…/index.html`, the `baseURL` path', () => {
    expect(works('content/010_basics/soil.md', '../watering/')).toBe(true)
    expect(works('content/010_basics/soil.md', '../watering')).toBe(true)
    expect(works('content/010_basics/soil.md', '/010_basics/watering/index.html')).toBe(true)
    expect(works('content/010_basics/soil.md', '/workshop/010_basics/')).toBe(true)
    expect(works('content/_index.md', '020_tools/')).toBe(true)
    expect(works('content/010_basics/_index.md', 'soil/')).toBe(true)
    expect(works('content/020_tools/hammer/index.md', '/020_tools/trowel/')).toBe(true)
  })

  it('finds the planted defects', () => {
    const expected = JSON.parse(readFileSync(join(root, 'expectations.json'), 'utf8')) as {defects: Array<{file: string; url: string}>}
    const failing = expected.defects.filter((defect) => !defect.url.includes('#')).map((defect) => works(defect.file, defect.url))
    expect(failing).toEqual([false, false, false])
    const anchor = resolveLink(site, 'content/010_basics/watering.md', '../soil/#good-soil')
    expect(anchor.candidates).toContain('content/010_basics/soil.md')
    expect(anchor.fragment).toBe('good-soil')
  })

  it('does not publish a draft, nor markdown outside the content folder', () => {
    expect(works('content/010_basics/soil.md', '../mulch/')).toBe(false)
    expect(works('content/010_basics/soil.md', '/archetypes/default/')).toBe(false)
  })
})

describe('Hugo front matter', () => {
  it('knows the keys of Hugo and of the learn theme: no unknown key, no "did you mean" for `pre`', () => {
    const keys = [
      'title: Soil', 'weight: 10', 'chapter: true', 'pre: "<b>1. </b>"', 'post: " new"', 'hidden: true', 'disableToc: true',
      'alwaysopen: true', 'menuTitle: Soil', 'linkTitle: Soil', 'date: 2024-03-01T10:00:00Z', 'draft: false', 'description: Dirt',
      'tags: [soil]', 'categories: [basics]', 'slug: dirt', 'url: /dirt/', 'aliases: [/old/]', 'summary: Dirt', 'keywords: [soil]',
      'type: docs', 'layout: single', 'headless: false', 'outputs: [html]', 'expirydate: 2030-01-01', 'publishdate: 2024-01-01',
      'lastmod: 2024-04-01', 'toc: true', 'images: [soil.png]'
    ]
    const {messages} = parseCheckpoint(['---', ...keys, '---', '', '# Soil', ''].join('\n'), {format: 'hugo'})
    expect(messages.map(String)).toEqual([])
  })
})
