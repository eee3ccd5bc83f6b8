/**
 * The scenario test: the `recommended` preset over every fixture. A valid
 * fixture must produce no finding at all; an invalid one exactly the findings
 * its `<!-- expect: … -->` comments list (too few or too many fails), as
 * markdownlint's `test/markdownlint-test-scenarios.mjs`.
 */
import {readFileSync} from 'node:fs'
import {createParser} from '@coursemark/core'
import {createPreset} from '@coursemark/remark-plugin'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {compare, markdownIn, readExpectations, repositoryRoot} from './helpers/expect.js'

const root = repositoryRoot
const valid = markdownIn('fixtures/valid', false)
const invalid = markdownIn('fixtures/invalid', true)
const sample = markdownIn('fixtures/sample', false)

async function lint(path: string) {
  const file = new VFile({path, value: readFileSync(root + path, 'utf8')})
  const processor = createParser().use(createPreset({preset: 'recommended'}))
  await processor.run(processor.parse(file), file)
  return file.messages
}

describe('valid fixtures', () => {
  it('exist', () => {
    expect(valid.length).toBeGreaterThan(0)
  })

  it.each(valid)('%s has no finding', async (path) => {
    const messages = await lint(path)
    expect(messages.map((message) => String(message))).toEqual([])
  })
})

describe('invalid fixtures', () => {
  it('exist', () => {
    expect(invalid.length).toBeGreaterThan(0)
  })

  it.each(invalid)('%s has exactly the findings it expects', async (path) => {
    const expectations = readExpectations(readFileSync(root + path, 'utf8'))
    expect(expectations.length, 'an invalid fixture states at least one finding').toBeGreaterThan(0)
    const messages = await lint(path)
    expect(compare(expectations, messages)).toEqual({missing: [], unexpected: []})
  })
})

describe('sample fixtures (what `npm run demo` lints)', () => {
  it.each(sample)('%s has exactly the findings it states (none when it states none)', async (path) => {
    const expectations = readExpectations(readFileSync(root + path, 'utf8'))
    const messages = await lint(path)
    expect(compare(expectations, messages)).toEqual({missing: [], unexpected: []})
  })
})
