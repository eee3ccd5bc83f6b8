import {describe, expect, it} from 'vitest'
import {closestMatch, editDistance, suggestionLimit} from '../src/internal.js'

describe('editDistance', () => {
  it.each([
    ['title', 'title', 0],
    ['titel', 'title', 1],
    ['tiem', 'time', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3]
  ])('counts %s -> %s as %i edits (a transposition is one)', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })

  it('stops at the cap', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(2)
  })
})

describe('closestMatch', () => {
  const keys = ['title', 'time', 'tags', 'objectives-present', 'heading-increment']

  it('allows two edits, or one per three characters for longer words', () => {
    expect(suggestionLimit('tag')).toBe(2)
    expect(suggestionLimit('objective-presnt')).toBe(5)
  })

  it.each([
    ['Titel', 'title'],
    ['objective-present', 'objectives-present'],
    ['heading-incremnt', 'heading-increment']
  ])('suggests %s -> %s', (value, expected) => {
    expect(closestMatch(value, keys)).toBe(expected)
  })

  it.each(['x', 'ti', 'no-such-rule'])('suggests nothing for %s', (value) => {
    expect(closestMatch(value, keys)).toBeUndefined()
  })
})
