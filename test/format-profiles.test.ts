/**
 * Lint fixtures per curriculum format: `fixtures/formats/<format>/` holds
 * lessons written as that format writes them, `valid-*.md` that must produce
 * no finding at all, and `invalid-*.md` that must produce exactly the
 * findings their `<!-- expect: … -->` comments list. Each file is parsed with
 * the format's syntax and linted by the `recommended` preset with the format
 * selected in the plugin settings. Frontmatter validation is off here: the
 * frontmatter schemas per format are tested with the config's `format` (the
 * folder's config file says it too).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {createParser, isFormatName} from '@coursemark/core'
import {createPreset} from '@coursemark/remark-plugin'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {compare, readExpectations, repositoryRoot} from './helpers/expect.js'

const folder = 'fixtures/formats/'
const formats = readdirSync(repositoryRoot + folder).sort()

async function lint(format: string, name: string) {
  if (!isFormatName(format)) throw new Error(`Unexpected folder \`${format}\`, expected a format name`)
  const path = repositoryRoot + folder + format + '/' + name
  const file = new VFile({path, value: readFileSync(path, 'utf8')})
  const processor = createParser(format).use(
    createPreset({preset: 'recommended', settings: {format, validate: false}})
  )
  await processor.run(processor.parse(file), file)
  return file.messages
}

describe('format fixtures', () => {
  it('cover every format but the default', () => {
    expect(formats).toEqual(['carpentries', 'freecodecamp', 'hugo', 'odin'])
  })

  describe.each(formats)('%s', (format) => {
    const names = readdirSync(repositoryRoot + folder + format)
      .filter((name) => name.endsWith('.md'))
      .sort()

    it('has valid and invalid lessons, and a config that selects the format', () => {
      expect(names.some((name) => name.startsWith('valid-'))).toBe(true)
      expect(names.some((name) => name.startsWith('invalid-'))).toBe(true)
      expect(names.every((name) => name.startsWith('valid-') || name.startsWith('invalid-'))).toBe(true)
      const config = JSON.parse(readFileSync(repositoryRoot + folder + format + '/coursemark.config.json', 'utf8')) as unknown
      expect(config).toEqual({format})
    })

    it.each(names)('%s has exactly the findings it states (none when valid)', async (name) => {
      const expectations = readExpectations(readFileSync(repositoryRoot + folder + format + '/' + name, 'utf8'))
      expect(expectations.length > 0, 'only an invalid lesson states findings').toBe(name.startsWith('invalid-'))
      expect(compare(expectations, await lint(format, name))).toEqual({missing: [], unexpected: []})
    })
  })
})
