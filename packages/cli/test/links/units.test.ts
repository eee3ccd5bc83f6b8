import {describe, expect, it} from 'vitest'
import {Limiter} from '../../src/links/limiter.js'
import {headersFor, settingsFrom} from '../../src/links/options.js'
import {parseRetryAfter} from '../../src/links/index.js'

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, relative to `now`', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0)
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})

describe('headersFor', () => {
  it('layers `*`, `*.domain` and exact host headers over the User-Agent', () => {
    const settings = settingsFrom({
      userAgent: 'bot/1',
      headers: {
        '*': {accept: 'text/html', 'x-a': 'any'},
        '*.example.com': {'x-a': 'domain', 'User-Agent': 'Mozilla/5.0'},
        'docs.example.com': {'x-a': 'exact'}
      }
    })
    expect(headersFor('other.org', settings)).toEqual({'User-Agent': 'bot/1', accept: 'text/html', 'x-a': 'any'})
    expect(headersFor('www.example.com', settings)).toEqual({'User-Agent': 'Mozilla/5.0', accept: 'text/html', 'x-a': 'domain'})
    expect(headersFor('docs.example.com', settings)).toEqual({'User-Agent': 'Mozilla/5.0', accept: 'text/html', 'x-a': 'exact'})
  })
})

describe('Limiter', () => {
  it('grants slots within both limits, host by host in turn', async () => {
    const limiter = new Limiter(3, 2)
    const order: string[] = []
    const take = (host: string) => limiter.acquire(host).then((granted) => {
      if (granted) order.push(host)
      return granted
    })
    const waits = [take('a'), take('a'), take('a'), take('b'), take('c')]
    await Promise.resolve()
    await Promise.resolve()
    expect(order).toEqual(['a', 'a', 'b'])
    limiter.release('a')
    await Promise.resolve()
    expect(order).toEqual(['a', 'a', 'b', 'c'])
    limiter.release('b')
    await Promise.resolve()
    expect(order).toEqual(['a', 'a', 'b', 'c', 'a'])
    expect([limiter.peak, Object.fromEntries(limiter.hostPeaks)]).toEqual([3, {a: 2, b: 1, c: 1}])
    limiter.close()
    expect(await Promise.all(waits)).toEqual([true, true, true, true, true])
    expect(await limiter.acquire('d')).toBe(false)
  })

  it('gives a free slot to the host with the longest queue', async () => {
    const limiter = new Limiter(1, 1)
    const order: string[] = []
    const take = (host: string) => limiter.acquire(host).then(() => order.push(host))
    const waits = [take('first'), take('small'), take('big'), take('big'), take('big'), take('small')]
    await Promise.resolve()
    expect(order).toEqual(['first'])
    for (const host of ['first', 'big', 'small', 'big', 'small']) {
      limiter.release(host)
      await Promise.resolve()
    }

    await Promise.all(waits)
    // big (3 waiting) before small (2); then, at 2 each, small has waited longer.
    expect(order).toEqual(['first', 'big', 'small', 'big', 'small', 'big'])
  })

  it('refuses waiters when closed', async () => {
    const limiter = new Limiter(1, 1)
    expect(await limiter.acquire('a')).toBe(true)
    const waiting = limiter.acquire('a')
    limiter.close()
    expect(await waiting).toBe(false)
  })
})
