/**
 * The rule docs are generated (`npm run generate`): the table in README.md
 * and packages/remark-plugin/README.md. This fails when either is out of
 * date with the registry or a rule's header comment.
 */
import {existsSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {registry} from '../packages/remark-plugin/src/index.js'
import {pluginReadme, replaceTable, rulesTable, tableEnd, tableStart} from '../scripts/rules-docs.js'

const root = new URL('../', import.meta.url)

function sourceOf(id: string): string | undefined {
  const url = new URL('packages/remark-plugin/src/rules/' + id + '.ts', root)
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined
}

describe('generated rule docs', () => {
  it('README.md has the rule table of the registry (run `npm run generate`)', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8')
    expect(readme).toContain(tableStart)
    expect(readme).toContain(tableEnd)
    expect(readme).toBe(replaceTable(readme, rulesTable(registry)))
  })

  it('lists every rule of the registry in the table', () => {
    const table: string = rulesTable(registry)
    for (const meta of registry) expect(table).toContain('[`' + meta.id + '`]')
  })

  it('packages/remark-plugin/README.md documents every rule (run `npm run generate`)', () => {
    const readme = readFileSync(new URL('packages/remark-plugin/README.md', root), 'utf8')
    expect(readme).toBe(pluginReadme(registry, sourceOf))
    for (const meta of registry) {
      if (meta.origin.startsWith('coursemark:')) expect(readme).toContain('### `' + meta.id + '`')
    }
  })
})
