/**
 * Frontmatter scenarios: `parseCheckpoint` over every fixture of
 * `fixtures/invalid/frontmatter-*`, every valid fixture and the sample. The
 * frontmatter messages must be exactly the `coursemark:frontmatter-*`
 * expectations of the fixture: too few or too many fails.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import {parseCheckpoint} from '../src/index.js'
import {compare, markdownIn, readExpectations, repositoryRoot} from '../../../test/helpers/expect.js'

const root = repositoryRoot

const invalid = readdirSync(root + 'fixtures/invalid')
  .filter((name) => name.startsWith('frontmatter-'))
  .flatMap((name) => markdownIn('fixtures/invalid/' + name, true))
// The other samples of `fixtures/sample/` show problems on purpose (`npm run demo`).
const clean = [
  ...markdownIn('fixtures/valid', false),
  'fixtures/sample/writing-a-first-script.md',
  'fixtures/parse/full-template.md'
]

/**
 * The origins the frontmatter validation produces: core gives a `timeHours`
 * that disagrees with `time` its final rule id, `time-hours-consistent`, as
 * `coursemark lint` reports it.
 */
const origins = new Set([
  'coursemark:frontmatter-schema',
  'coursemark:frontmatter-yaml',
  'coursemark:time-hours-consistent'
])

function frontmatterMessages(path: string): VFileMessage[] {
  const {messages} = parseCheckpoint(readFileSync(root + path, 'utf8'), {path})
  return messages.filter((message) => origins.has('coursemark:' + (message.ruleId ?? '')))
}

describe('frontmatter fixtures', () => {
  it('cover both rules', () => {
    expect(invalid.some((path) => path.includes('/frontmatter-schema/'))).toBe(true)
    expect(invalid.some((path) => path.includes('/frontmatter-yaml/'))).toBe(true)
  })

  it.each(invalid)('%s reports exactly what it expects', (path) => {
    const expectations = readExpectations(readFileSync(root + path, 'utf8')).filter(
      (expectation) => origins.has(expectation.origin)
    )
    expect(expectations.length, 'a frontmatter fixture states at least one finding').toBeGreaterThan(0)
    expect(expectations.every((expectation) => expectation.reason !== undefined)).toBe(true)
    expect(compare(expectations, frontmatterMessages(path))).toEqual({missing: [], unexpected: []})
  })

  it.each(clean)('%s has no frontmatter message', (path) => {
    expect(frontmatterMessages(path).map(String)).toEqual([])
  })
})
