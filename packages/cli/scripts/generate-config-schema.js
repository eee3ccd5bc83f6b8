#!/usr/bin/env node
// Writes packages/cli/src/config-schema.ts from schemas/coursemark.config.schema.json
// (the source of truth), so that the installed package carries the schema.
import {readFileSync, writeFileSync} from 'node:fs'

const source = new URL('../../../schemas/coursemark.config.schema.json', import.meta.url)
const target = new URL('../src/config-schema.ts', import.meta.url)
const schema = JSON.parse(readFileSync(source, 'utf8'))

writeFileSync(
  target,
  '// Generated from schemas/coursemark.config.schema.json by packages/cli/scripts/generate-config-schema.js; do not edit.\n' +
    '/** The JSON Schema of the config file. */\n' +
    'export const configSchema = ' +
    JSON.stringify(schema, null, 2) +
    ' as const\n'
)
