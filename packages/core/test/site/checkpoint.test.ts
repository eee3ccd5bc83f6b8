import {describe, expect, it} from 'vitest'
import {buildSite} from '../../src/index.js'
import type {Repository} from '../../src/index.js'
import {brokenLinks, fixtureRepository, siteFolder} from './fixture-repository.js'

const repository = fixtureRepository(siteFolder('checkpoint'))
const site = buildSite(repository)

const memory = (files: Record<string, string>): Repository => ({
  paths: Object.keys(files).sort(),
  read: (path) => files[path]
})

const checkpoint = (title: string) => `---\ntitle: ${title}\ntime: 30\nuuid: 5f0c2a8e-1d4b-4c7a-9e3f-6a2b8c0d1e4f\n---\n\n# ${title}\n`

describe('the checkpoint library', () => {
  it('is detected by checkpoint frontmatter, with the reasons', () => {
    expect(site.flavour).toBe('checkpoint')
    expect(site.format).toBe('checkpoint')
    expect(site.title).toBe('Shell Skills Library')
    expect(site.reasons).toEqual([
      '6 of 6 markdown files have checkpoint frontmatter (`title`, `time` or `timeHours`, `uuid`), first `extras/1-first.md`',
      'a listing file (`README.md` or `index.md` of a folder) gives the order of its lessons'
    ])
  })

  it('keeps the plain site\'s kinds: checkpoints are lessons, READMEs pages, `.github/` templates', () => {
    const kinds = Object.fromEntries(Object.values(site.files).map((file) => [file.path, file.kind]))
    expect(kinds).toEqual({
      '.github/ISSUE_TEMPLATE/new-checkpoint.md': 'template',
      'README.md': 'page',
      'extras/1-first.md': 'lesson',
      'extras/10-tenth.md': 'lesson',
      'extras/2-second.md': 'lesson',
      'library/README.md': 'page',
      'library/pipes/content.md': 'lesson',
      'library/reading-output/content.md': 'lesson',
      'library/scripts/content.md': 'lesson'
    })
  })

  it('orders a folder by its listing and another by numbered names; a folder per checkpoint belongs to the folder above', () => {
    expect(site.ordered).toBe(true)
    expect(site.modules).toEqual([
      {title: 'extras', path: 'extras', lessons: ['extras/1-first.md', 'extras/2-second.md', 'extras/10-tenth.md']},
      {title: 'Shell basics', path: 'library/README.md', lessons: ['library/reading-output/content.md', 'library/pipes/content.md']}
    ])
  })

  it('reports a listed checkpoint that does not exist at its link, and leaves the unlisted one out (an orphan)', () => {
    expect(site.missing).toEqual([{path: 'library/cron/content.md', file: 'library/README.md', line: 7, column: 4}])
    const listed = site.modules.flatMap((module) => module.lessons)
    expect(Object.values(site.files).filter((file) => file.kind === 'lesson' && !listed.includes(file.path)).map((file) => file.path)).toEqual([
      'library/scripts/content.md'
    ])
  })

  it('finds exactly the planted broken links: a missing file, a missing anchor, the missing listed checkpoint', () => {
    expect(brokenLinks(site, repository, 'checkpoint')).toEqual([
      'library/README.md:7:4 cron/content.md',
      'library/pipes/content.md:14:40 ../reading-output/content.md#three-streams',
      'library/pipes/content.md:14:5 images/pipe.png'
    ])
  })

  it('orders by path, numbers by value, when nothing lists the checkpoints', () => {
    const flat = buildSite(memory({'b.md': checkpoint('B'), '10-c.md': checkpoint('C'), '9-a.md': checkpoint('A')}))
    expect(flat.ordered).toBe(false)
    expect(flat.modules).toEqual([{title: undefined, path: undefined, lessons: ['9-a.md', '10-c.md', 'b.md']}])
  })

  it('is not detected when most markdown files lack checkpoint frontmatter', () => {
    const notes = buildSite(memory({'a.md': checkpoint('A'), 'b.md': '# B\n', 'c.md': '# C\n'}))
    expect(notes.reasons).toEqual(['no site generator found'])
  })
})
