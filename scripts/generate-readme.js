/**
 * Write the rule documentation from the registry (of the BUILT plugin: run
 * `tsc -b` first; `npm run generate` does): the rule table in README.md and
 * the whole of packages/remark-plugin/README.md.
 *
 * Usage:
 *
 *     node scripts/generate-readme.js           # write both files
 *     node scripts/generate-readme.js --check   # exit 1 when either is out of date
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {pluginReadme, replaceTable, rulesTable} from './rules-docs.js'

const root = new URL('../', import.meta.url)
const rootReadme = new URL('README.md', root)
const packageReadme = new URL('packages/remark-plugin/README.md', root)
const rulesFolder = new URL('packages/remark-plugin/src/rules/', root)

const {registry} = await import('../packages/remark-plugin/dist/index.js')

/** @param {string} id */
function sourceOf(id) {
  const url = new URL(id + '.ts', rulesFolder)
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined
}

const wanted = [
  [rootReadme, replaceTable(readFileSync(rootReadme, 'utf8'), rulesTable(registry))],
  [packageReadme, pluginReadme(registry, sourceOf)]
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
