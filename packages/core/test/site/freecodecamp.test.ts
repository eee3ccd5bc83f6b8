import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildSite, parseCheckpoint, resolveLink} from '../../src/index.js'
import {brokenLinks, plantedDefects, readRepository} from './site-links.js'

const folder = fileURLToPath(new URL('../../../../fixtures/sites/freecodecamp/', import.meta.url))
const repository = readRepository(folder)
const site = buildSite(repository)
const blocks = 'curriculum/challenges/english/blocks/'
const challenge = (block: string, id: string) => `${blocks}${block}/5f0000000000000000000${id}.md`

describe('the freeCodeCamp site model', () => {
  it('recognises challenges by their frontmatter, and says why', () => {
    expect(site.flavour).toBe('freecodecamp')
    expect(site.format).toBe('freecodecamp')
    expect(site.reasons).toEqual([`challenge frontmatter (\`challengeType\`, \`dashedName\`) in 6 of 6 files read, first \`${challenge('data-projects-list', 'c01')}\``])
  })

  it('orders blocks by the curriculum and superblock files, and challenges by `challengeOrder`', () => {
    expect(site.ordered).toBe(true)
    expect(site.modules).toEqual([
      {
        title: 'Learn Colors',
        path: 'curriculum/structure/blocks/learn-colors.json',
        lessons: [challenge('learn-colors', 'a01'), challenge('learn-colors', 'a03')]
      },
      {
        title: 'Learn Fonts',
        path: 'curriculum/structure/blocks/learn-fonts.json',
        lessons: [challenge('learn-fonts', 'b02'), challenge('learn-fonts', 'b01')]
      },
      {
        title: 'Data Projects',
        path: 'curriculum/structure/blocks/data-projects-list.json',
        lessons: [challenge('data-projects-list', 'c01')]
      }
    ])
  })

  it('reports a challenge `challengeOrder` lists and the repository lacks, at the id in the JSON', () => {
    expect(site.missing).toEqual([
      {path: challenge('learn-colors', 'a02'), file: 'curriculum/structure/blocks/learn-colors.json', line: 6, column: 12}
    ])
  })

  it('keeps an unlisted challenge a lesson, in no module, and says it is unlisted', () => {
    const orphan = challenge('learn-colors', 'a09')
    expect(site.files[orphan]).toMatchObject({kind: 'lesson', reason: 'a challenge not listed in `challengeOrder` of `curriculum/structure/blocks/learn-colors.json`'})
    expect(site.modules.some((module) => module.lessons.includes(orphan))).toBe(false)
  })

  it('makes the challenges of a `project-list` block projects', () => {
    expect(site.files[challenge('data-projects-list', 'c01')]?.kind).toBe('project')
    expect(site.files[challenge('learn-fonts', 'b01')]?.kind).toBe('lesson')
    expect(site.files['README.md']?.kind).toBe('page')
  })

  it('knows a challenge at `/learn/<superblock>/<block>/<dashedName>`, with and without a trailing slash', () => {
    expect(site.urls).toEqual({
      '/learn/web-basics/learn-colors/name-a-color': challenge('learn-colors', 'a01'),
      '/learn/web-basics/learn-colors/name-a-color/': challenge('learn-colors', 'a01'),
      '/learn/web-basics/learn-colors/pick-a-contrast': challenge('learn-colors', 'a03'),
      '/learn/web-basics/learn-colors/pick-a-contrast/': challenge('learn-colors', 'a03'),
      '/learn/web-basics/learn-colors/shade-a-color': challenge('learn-colors', 'a09'),
      '/learn/web-basics/learn-colors/shade-a-color/': challenge('learn-colors', 'a09'),
      '/learn/web-basics/learn-fonts/pick-a-font': challenge('learn-fonts', 'b02'),
      '/learn/web-basics/learn-fonts/pick-a-font/': challenge('learn-fonts', 'b02'),
      '/learn/web-basics/learn-fonts/size-a-font': challenge('learn-fonts', 'b01'),
      '/learn/web-basics/learn-fonts/size-a-font/': challenge('learn-fonts', 'b01'),
      '/learn/data-projects/data-projects-list/compare-with--equal': challenge('data-projects-list', 'c01'),
      '/learn/data-projects/data-projects-list/compare-with--equal/': challenge('data-projects-list', 'c01')
    })
  })

  it('checks a relative link of a challenge on disk, not as a page of the site', () => {
    expect(resolveLink(site, challenge('learn-colors', 'a01'), 'palette.png')).toEqual({
      candidates: [`${blocks}learn-colors/palette.png`],
      fragment: '',
      unchecked: undefined
    })
  })

  it('resolves a `/learn/` link to a challenge of the repository, with or without a trailing slash', () => {
    const from = challenge('learn-colors', 'a01')
    expect(resolveLink(site, from, '/learn/web-basics/learn-fonts/pick-a-font#--hints--')).toMatchObject({
      candidates: [challenge('learn-fonts', 'b02')],
      fragment: '--hints--'
    })
    expect(resolveLink(site, from, '/learn/web-basics/learn-fonts/size-a-font/').candidates).toEqual([challenge('learn-fonts', 'b01')])
  })

  it('does not check other `/learn/` links and pages of the site, and says why', () => {
    const from = challenge('learn-colors', 'a01')
    expect(resolveLink(site, from, '/learn/web-basics/learn-borders/draw-a-border')).toEqual({
      candidates: [],
      fragment: '',
      unchecked: "a page of freeCodeCamp's learn site that names no challenge of this repository"
    })
    expect(resolveLink(site, from, '/news/contrast').unchecked).toBe('a page of freecodecamp.org, which this repository does not build')
  })

  it('finds exactly the planted defects of the fixture', () => {
    expect(plantedDefects(repository)).toHaveLength(2)
    expect(brokenLinks(site, repository)).toEqual(plantedDefects(repository))
  })

  it('keeps file order and says so when the blocks have no order files', () => {
    const paths = repository.paths.filter((path) => !path.startsWith('curriculum/structure/'))
    const bare = buildSite({paths, read: repository.read})
    expect(bare.flavour).toBe('freecodecamp')
    expect(bare.ordered).toBe(false)
    expect(bare.reasons.at(-1)).toBe('no `challengeOrder` for every block: lessons in file order')
    expect(bare.modules.map((module) => [module.title, module.lessons.length])).toEqual([
      ['data-projects-list', 1],
      ['learn-colors', 3],
      ['learn-fonts', 2]
    ])
    expect(bare.missing).toEqual([])
  })

  it('reads the order of an older `meta.json` written as `[id, title]` pairs', () => {
    const files: {[path: string]: string} = {
      'challenges/_meta/old-block/meta.json': '{\n  "name": "Old Block",\n  "challengeOrder": [\n    ["5f0000000000000000000d02", "Two"],\n    ["5f0000000000000000000d01", "One"]\n  ]\n}\n',
      'challenges/english/old-block/one.md': '---\nid: 5f0000000000000000000d01\ntitle: One\nchallengeType: 0\ndashedName: one\n---\n',
      'challenges/english/old-block/two.md': "---\nid: '5f0000000000000000000d02'\ntitle: Two\nchallengeType: 0\ndashedName: two\n---\n"
    }
    const old = buildSite({paths: Object.keys(files).sort(), read: (path) => files[path]})
    expect(old.modules).toEqual([
      {title: 'Old Block', path: 'challenges/_meta/old-block/meta.json', lessons: ['challenges/english/old-block/two.md', 'challenges/english/old-block/one.md']}
    ])
    expect(old.ordered).toBe(true)
  })
})

describe('the freecodecamp frontmatter schema', () => {
  it('accepts a `dashedName` with `--`, as freeCodeCamp writes slugs of titles with punctuation', () => {
    const path = challenge('data-projects-list', 'c01')
    const {messages} = parseCheckpoint(readFileSync(folder + path), {path, format: 'freecodecamp'})
    expect(messages.map((message) => message.reason)).toEqual([])
  })
})
