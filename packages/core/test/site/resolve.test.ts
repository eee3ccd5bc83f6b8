import {describe, expect, it} from 'vitest'
import {buildSite, resolveLink} from '../../src/index.js'
import {joinPath, resolveUrl, urlVariants} from '../../src/site/resolve.js'

const repository = (paths: string[]) => ({paths, read: () => undefined})

describe('resolveLink on the plain site', () => {
  const site = buildSite(repository(['README.md', 'lessons/a.md', 'lessons/img/x.png', 'static/i.png']))

  it('gives the path on disk first, with the decoded fragment', () => {
    expect(resolveLink(site, 'lessons/a.md', 'img/x%20y.png#Top%20part')).toEqual({
      candidates: ['lessons/img/x y.png'],
      fragment: 'Top part',
      unchecked: undefined
    })
  })

  it('does not check a root-absolute path when the site root is not known', () => {
    const resolution = resolveLink(site, 'lessons/a.md', '/i.png')
    expect(resolution.candidates).toEqual([])
    expect(resolution.unchecked).toMatch(/set `site\.root`/)
  })

  it('resolves a root-absolute path against `site.static`', () => {
    const withStatic = buildSite(repository(['lessons/a.md', 'static/i.png']), {static: ['./static/']})
    expect(resolveLink(withStatic, 'lessons/a.md', '/i.png').candidates).toEqual(['static/i.png'])
  })

  it('leaves web addresses and templates alone', () => {
    expect(resolveLink(site, 'lessons/a.md', 'https://example.com/x')).toEqual({candidates: [], fragment: '', unchecked: undefined})
    expect(resolveLink(site, 'lessons/a.md', '{{ page.root }}/x.md').unchecked).toMatch(/template/)
  })

  it('tells repository pages from lessons', () => {
    expect(site.files['README.md']?.kind).toBe('page')
    expect(site.files['lessons/a.md']?.kind).toBe('lesson')
  })
})

describe('URL paths', () => {
  it('resolves `..` against a page URL and stops at the root', () => {
    expect(resolveUrl('/a/b/', '../c/')).toBe('/a/c/')
    expect(resolveUrl('/a/b.html', '../../x')).toBe('/x')
    expect(resolveUrl('/a/b/', '..')).toBe('/a/')
  })

  it('knows what a server answers for a folder and an extensionless path', () => {
    expect(urlVariants('/a/')).toEqual(['/a/', '/a/index.html'])
    expect(urlVariants('/a/index.html')).toEqual(['/a/index.html', '/a/'])
    expect(urlVariants('/a')).toEqual(['/a', '/a/', '/a.html'])
  })

  it('keeps `..` above the repository root so that a rule can tell', () => {
    expect(joinPath('a', '../../b')).toBe('../b')
  })
})
