/**
 * Write the docs generated from the rule definitions (of the BUILT packages:
 * run `tsc -b` first; `npm run generate` does) and from the config schema:
 * the rule table in docs/rules.md, the whole of
 * packages/remark-plugin/README.md, the rule part of
 * schemas/coursemark.config.schema.json (which `scripts/generate.js` then
 * carries into core), and docs/configuration.md.
 *
 * Usage:
 *
 *     node scripts/generate-readme.js           # write the files
 *     node scripts/generate-readme.js --check   # exit 1 when any is out of date
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {configReference} from './config-docs.js'
import {docsRulesTable, pluginReadme, replaceTable, withRuleProperties} from './rules-docs.js'

const root = new URL('../', import.meta.url)
const rulesDocs = new URL('docs/rules.md', root)
const configDocs = new URL('docs/configuration.md', root)
const packageReadme = new URL('packages/remark-plugin/README.md', root)
const configSchema = new URL('schemas/coursemark.config.schema.json', root)
const rulesFolder = new URL('packages/remark-plugin/src/rules/', root)

const {registry} = await import('../packages/remark-plugin/dist/index.js')
const {diagnostics} = await import('../packages/core/dist/index.js')
const rules = registry

/** @param {string} id */
function sourceOf(id) {
  const url = new URL(id + '.ts', rulesFolder)
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined
}

const schemaText = withRuleProperties(readFileSync(configSchema, 'utf8'), rules)
const wanted = [
  [rulesDocs, replaceTable(readFileSync(rulesDocs, 'utf8'), docsRulesTable(rules))],
  [packageReadme, pluginReadme(rules, sourceOf, diagnostics)],
  [configSchema, schemaText],
  [configDocs, configReference(JSON.parse(schemaText))]
]

const check = process.argv.includes('--check')
let stale = false
for (const [url, value] of wanted) {
  const current = existsSync(url) ? readFileSync(url, 'utf8') : ''
  if (current === value) continue
  if (check) {
    console.error(`${url.pathname}: out of date, run \`npm run generate\``)
    stale = true
  } else {
    writeFileSync(url, value)
  }
}

if (stale) process.exitCode = 1
