import {describe, expect, it} from 'vitest'
import {parseCheckpoint} from '@coursemark/core'
import {collectLinks, normaliseUrl} from '../../src/links/index.js'

describe('normaliseUrl', () => {
  it('keys a URL without its fragment, as WHATWG URL serialises it', () => {
    expect(normaliseUrl('HTTPS://Example.COM:443/a b?x=1#Intro')).toEqual({
      key: 'https://example.com/a%20b?x=1',
      fragment: '#Intro',
      scheme: 'https',
      hostname: 'example.com'
    })
  })

  it('reads a protocol-relative URL as https', () => {
    expect(normaliseUrl('//cdn.example.org/x.png')?.key).toBe('https://cdn.example.org/x.png')
  })

  it('reads obfuscated IPv4 hosts as the address they are', () => {
    expect(normaliseUrl('http://0x7f.1/')?.hostname).toBe('127.0.0.1')
    expect(normaliseUrl('http://2130706433/')?.hostname).toBe('127.0.0.1')
  })

  it('returns undefined for what is not a URL', () => {
    expect(normaliseUrl('https://exa mple.com')).toBeUndefined()
    expect(normaliseUrl('not a url')).toBeUndefined()
  })
})

describe('collectLinks', () => {
  it('collects external links, images and embeds in document order, with their file', () => {
    const markdown = [
      '# Title',
      '',
      '![logo](//cdn.example.org/logo.png) and [docs](https://example.com/docs#top).',
      '',
      '[local](./other.md), [anchor](#title), <mailto:me@example.com>, ![local](img.png)',
      '',
      '[ref]: https://example.com/ref',
      '',
      'See [the reference][ref] and <a href="http://example.net/">html</a>.',
      '',
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
      ''
    ].join('\n')
    const {checkpoint} = parseCheckpoint(markdown, {path: 'lesson.md', validate: false})
    const found = collectLinks([checkpoint])
    expect(found.map((occurrence) => [occurrence.file, occurrence.url, occurrence.position?.start.line, occurrence.position?.start.column])).toEqual([
      ['lesson.md', '//cdn.example.org/logo.png', 3, 1],
      ['lesson.md', 'https://example.com/docs#top', 3, 41],
      ['lesson.md', 'https://example.com/ref', 9, 5],
      ['lesson.md', 'http://example.net/', 9, 30],
      ['lesson.md', 'https://www.youtube.com/embed/abc', 11, 1]
    ])
  })
})
