import {describe, expect, it} from 'vitest'
import {parseCheckpoint} from '../src/index.js'
import {extractLinkUses} from '../src/link-uses.js'

const episode = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n\n${body}\n`
const carpentries = (text: string) => parseCheckpoint(text, {format: 'carpentries'})
const legacy = 'title: Git\nteaching: 5\nexercises: 0'

describe('Liquid in link destinations (legacy Carpentries)', () => {
  const text = episode(legacy, [
    '## [Commit]({{ page.root }}{% link reference.md %}#commit) often',
    '',
    'A [commit]({{ page.root }}{% link reference.md %}#commit) and ![a graph]({{ page.root }}/fig/graph.svg).'
  ].join('\n'))

  it('makes a link of a Liquid destination with spaces, at its exact place', () => {
    const {links} = carpentries(text).checkpoint
    expect(links.map((link) => [link.url, link.kind, link.text, link.position.start.line, link.position.start.column, link.position.end.column])).toEqual([
      ['{{ page.root }}{% link reference.md %}#commit', 'template', 'Commit', 7, 4, 59],
      ['{{ page.root }}{% link reference.md %}#commit', 'template', 'commit', 9, 3, 58]
    ])
    expect(carpentries(text).checkpoint.images.map((image) => [image.src, image.alt])).toEqual([['{{ page.root }}/fig/graph.svg', 'a graph']])
  })

  it('finds the same links in the link reader as in the model', () => {
    const uses = extractLinkUses(text, {format: 'carpentries'})
    expect(uses?.links.map((link) => [link.url, link.kind, link.position.start.column])).toEqual([
      ['{{ page.root }}{% link reference.md %}#commit', 'template', 4],
      ['{{ page.root }}{% link reference.md %}#commit', 'template', 3]
    ])
  })

  it('keeps template text out of heading slugs', () => {
    expect(carpentries(text).checkpoint.sections.map((section) => section.slug)).toEqual(['commit-often'])
  })

  it('reads no link from Liquid in code', () => {
    expect(carpentries(episode(legacy, '`[x]({{ page.root }}/a/)`')).checkpoint.links).toEqual([])
  })
})

describe('kramdown `{:auto_ids}`', () => {
  it('gives each term of the definition list after it an anchor, with kramdown ids', () => {
    const text = episode('layout: reference', ['## Glossary', '', '{:auto_ids}', 'commit', ':   A snapshot.', '', '2nd Version control', ':   Keeping versions.', '', 'commit', ':   Again.', '', 'After the list.'].join('\n'))
    const anchors = carpentries(text).checkpoint.anchors.map((anchor) => [anchor.id, anchor.syntax, anchor.position.start.line])
    expect(anchors).toEqual([
      ['commit', 'kramdown', 8],
      ['nd-version-control', 'kramdown', 11],
      ['commit-1', 'kramdown', 14]
    ])
  })

  it('reads no anchors from a definition list without it', () => {
    const text = episode('layout: reference', ['commit', ':   A snapshot.'].join('\n'))
    expect(carpentries(text).checkpoint.anchors).toEqual([])
  })
})

describe('pandoc attribute lists', () => {
  it('reads an `alt` of any length', () => {
    const alt = 'A long description of a chart. '.repeat(40).trim()
    const {images} = carpentries(episode(legacy, `![](fig/chart.png){#chart alt='${alt}' width="50%"}`)).checkpoint
    expect(images[0]?.alt).toBe(alt)
  })

  it('ignores an attribute list that is not closed', () => {
    const {images} = carpentries(episode(legacy, `![chart](fig/chart.png){alt='never closed`)).checkpoint
    expect(images[0]?.alt).toBe('chart')
  })
})

describe('YAML 1.1 in carpentries frontmatter', () => {
  it('accepts `start: yes` with the portability warning, not a schema error', () => {
    const {checkpoint, messages} = carpentries(episode('title: Lunch\nteaching: 0\nexercises: 0\nbreak: 45\nstart: yes', 'Rest.'))
    expect(messages.map((message) => [message.ruleId, message.fatal, `${message.line}:${message.column}`])).toEqual([['frontmatter-yaml', false, '6:8']])
    expect(messages[0]?.reason).toMatch(/^Unexpected YAML 1\.1 boolean `yes`, expected `true` \(not portable YAML/)
    expect(checkpoint.frontmatter).toMatchObject({start: true})
  })

  it('reads a sexagesimal number as YAML 1.1 does, with a warning', () => {
    const {checkpoint, messages} = carpentries(episode('title: Long\nteaching: 1:30\nexercises: 0', 'Text.'))
    expect(checkpoint.timeMinutes).toBe(90)
    expect(messages.map((message) => message.reason)).toEqual([expect.stringMatching(/^Unexpected YAML 1\.1 sexagesimal number `1:30`, expected `90`/)])
  })

  it('keeps keys and quoted values as written', () => {
    const {checkpoint, messages} = carpentries(episode("title: 'yes'\nteaching: 5\nexercises: 5\nsource: on-site", 'Text.'))
    expect(messages).toEqual([])
    expect(checkpoint.frontmatter).toMatchObject({title: 'yes', source: 'on-site'})
  })

  it('reads YAML 1.2 in other formats', () => {
    const {checkpoint} = parseCheckpoint(episode('title: T\ntime: 5\nstart: yes', 'Text.'), {format: 'checkpoint'})
    expect(checkpoint.frontmatter).toMatchObject({start: 'yes'})
  })
})

describe('Carpentries minutes', () => {
  it('counts a break episode as its `break` minutes', () => {
    expect(carpentries(episode('title: Coffee\nlayout: break\nbreak: 15', 'Rest.')).checkpoint.timeMinutes).toBe(15)
    expect(carpentries(episode('title: Coffee\nteaching: 0\nexercises: 0\nbreak: 15', 'Rest.')).checkpoint.timeMinutes).toBe(15)
  })

  it('adds `break` to teaching and exercises', () => {
    expect(carpentries(episode('title: Long\nteaching: 30\nexercises: 10\nbreak: 5', 'Text.')).checkpoint.timeMinutes).toBe(45)
    expect(carpentries(episode('title: Short\nteaching: 30\nexercises: 10', 'Text.')).checkpoint.timeMinutes).toBe(40)
  })

  it('still needs both teaching and exercises in a lesson that is not a break', () => {
    expect(carpentries(episode('title: Half\nteaching: 30', 'Text.')).checkpoint.timeMinutes).toBeNull()
  })
})
