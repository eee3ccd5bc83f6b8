import {readFileSync} from 'node:fs'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {schemas} from '@coursemark/core'
import {lintOptions, usage} from '../dist/main.js'
import {commandNames} from '../dist/options.js'
import {cli} from './helpers.js'

const root = new URL('../../../', import.meta.url)
const schemaFile: unknown = JSON.parse(readFileSync(new URL('schemas/coursemark.config.schema.json', root), 'utf8'))
const cliDocs = readFileSync(new URL('docs/cli.md', root), 'utf8')
const section = cliDocs.slice(cliDocs.indexOf('<!-- section:cli -->'), cliDocs.indexOf('<!-- /section:cli -->'))
const configDocs = readFileSync(new URL('docs/configuration.md', root), 'utf8')

describe('docs and schema', () => {
  const configSchema = schemas['coursemark.config.schema.json']

  it('uses the config schema of schemas/ (carried by core; regenerate with `npm run generate`)', () => {
    expect(configSchema).toEqual(schemaFile)
  })

  it('has a config schema that compiles in strict mode', () => {
    const ajv = new Ajv2020({strict: true, strictTuples: false, allErrors: true})
    const validate = ajv.compile(configSchema)
    expect(validate({extends: 'strict', rules: {'objectives-count': ['warn', {max: 5}]}, overrides: [{files: '**/*.md'}]})).toBe(true)
    expect(validate({extends: 'loose'})).toBe(false)
  })

  it('documents every option of `coursemark lint` in docs/cli.md and every config key in docs/configuration.md', () => {
    for (const name of Object.keys(lintOptions)) expect(section, `--${name}`).toContain(`--${name}`)
    const properties = Object.keys((schemaFile as {properties: object}).properties).filter((key) => key !== '$schema')
    for (const key of properties) expect(configDocs, key).toContain(`| \`${key}\` |`)
  })

  it('lists in the help of the commands every flag docs/cli.md documents, and no other', async () => {
    const flags = (text: string) => [...new Set(text.match(/(?<![\w-])(?:--[a-z][a-z-]*|-[a-z](?![\w-]))/g))].sort()
    let help = (await cli(['--help'], process.cwd())).stdout
    expect(help).toBe(usage)
    for (const name of commandNames) help += (await cli([name, '--help'], process.cwd())).stdout
    expect(flags(help)).toEqual(flags(section))
  })
})
