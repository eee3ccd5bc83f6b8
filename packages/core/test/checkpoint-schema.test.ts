import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parseCheckpoint} from '../src/index.js'
import {markdownFiles} from './fixture-files.js'
import {checkPosition, positionsOf, validateCheckpoint} from './schema-helpers.js'

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url))

const files = markdownFiles(fixtures)

describe('the Checkpoint of every fixture', () => {
  it('covers the fixtures folder', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  it.each(files.map((path) => [path.slice(fixtures.length), path]))(
    '%s validates against schemas/checkpoint.schema.json, with every position inside the file',
    (_, path) => {
      let text = readFileSync(path, 'utf8')
      const {checkpoint} = parseCheckpoint(text, {path})
      expect(validateCheckpoint(checkpoint)).toEqual([])
      if (text.charCodeAt(0) === 0xfe_ff) text = text.slice(1)
      const problems = positionsOf(checkpoint).flatMap((position) => checkPosition(text, position) ?? [])
      expect(problems).toEqual([])
    }
  )
})

describe('schemas/checkpoint.schema.json', () => {
  it('rejects a checkpoint with a missing field and a wrong type', () => {
    const {checkpoint} = parseCheckpoint('# T\n')
    const broken = {...JSON.parse(JSON.stringify(checkpoint)), wordCount: 'many'} as Record<string, unknown>
    delete broken.links
    const errors = validateCheckpoint(broken as never).map((error) => `${error.instancePath} ${error.keyword}`)
    expect(errors).toEqual([' required', '/wordCount type'])
  })
})
