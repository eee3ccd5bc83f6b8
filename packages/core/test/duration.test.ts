import {describe, expect, it} from 'vitest'
import {parseDuration} from '../src/duration.js'

describe('parseDuration', () => {
  it.each([
    [120, 120],
    ['120', 120],
    ['80 minutes', 80],
    ['1 hour', 60],
    ['2 hours', 120],
    ['1.5 hours', 90],
    ['90 mins', 90],
    ['90 min', 90],
    ['1h 30m', 90],
    ['1h30m', 90],
    ['1 hour 30 minutes', 90],
    ['1 hour and 30 minutes', 90],
    ['2 hrs', 120],
    ['1:30', 90],
    ['  45 Minutes ', 45],
    ['.5 hours', 30]
  ])('reads %j as %d minutes', (value, minutes) => {
    expect(parseDuration(value)).toEqual({ok: true, minutes})
  })

  it.each([
    null,
    undefined,
    0,
    -5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    'about an hour',
    'soon',
    '1 fortnight',
    '0 minutes',
    true,
    ['1 hour']
  ])('rejects %j', (value) => {
    expect(parseDuration(value).ok).toBe(false)
  })

  it('says what a duration looks like when a string is not one', () => {
    expect(parseDuration('about an hour')).toEqual({
      ok: false,
      reason: 'expected minutes (`90`) or a duration (`1.5 hours`)'
    })
  })
})
