/**
 * What is generated from the rule definitions and the config schema (`npm run
 * generate`): the table in docs/rules.md, packages/remark-plugin/README.md,
 * the rule part of the config schema and docs/configuration.md. This fails
 * when any is out of date with the rules, a rule's header comment or the
 * schema, and when a message's docs link has no heading.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import GithubSlugger from 'github-slugger'
import {markdownLines} from './helpers/markdown-lines.js'
import {describe, expect, it} from 'vitest'
import {diagnostics, ruleUrl} from '../packages/core/src/index.js'
import {registry} from '../packages/remark-plugin/src/index.js'
import {configHeader, configReference} from '../scripts/config-docs.js'
import {docsRulesTable, pluginReadme, replaceTable, rulesTable, tableEnd, tableStart, withRuleProperties} from '../scripts/rules-docs.js'

const root = new URL('../', import.meta.url)
const rules = registry
const pluginReadmeText = readFileSync(new URL('packages/remark-plugin/README.md', root), 'utf8')

function sourceOf(id: string): string | undefined {
  const url = new URL('packages/remark-plugin/src/rules/' + id + '.ts', root)
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined
}

/** The anchors GitHub makes for the headings of a markdown file (outside code fences). */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger()
  const anchors = new Set<string>()
  for (const {line, fenced} of markdownLines(markdown)) {
    const heading = fenced ? null : /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/.exec(line)
    if (heading) anchors.add(slugger.slug((heading[1] ?? '').replace(/`/g, '')))
  }

  return anchors
}

/** Every rule id written as a literal `ruleId` in the sources of the packages. */
function ruleIdsInSources(): Set<string> {
  const ids = new Set<string>()
  const walk = (folder: URL) => {
    for (const name of readdirSync(folder)) {
      const url = new URL(name, folder)
      if (statSync(url).isDirectory()) walk(new URL(name + '/', folder))
      else if (name.endsWith('.ts') && !name.endsWith('.generated.ts')) {
        const text = readFileSync(url, 'utf8')
        for (const match of text.matchAll(/ruleId(?::| =) '([a-z][a-z-]*)'/g)) ids.add(match[1] ?? '')
      }
    }
  }

  for (const name of ['core', 'remark-plugin', 'cli']) walk(new URL(`packages/${name}/src/`, root))
  return ids
}

describe('generated rule docs', () => {
  it('docs/rules.md has the rule table of the rules (run `npm run generate`)', () => {
    const docs = readFileSync(new URL('docs/rules.md', root), 'utf8')
    expect(docs).toContain(tableStart)
    expect(docs).toContain(tableEnd)
    expect(docs).toBe(replaceTable(docs, docsRulesTable(rules)))
  })

  it('links each rule of the docs/rules.md table to its heading in the plugin README', () => {
    const docs = readFileSync(new URL('docs/rules.md', root), 'utf8')
    const anchors = anchorsOf(pluginReadmeText)
    const targets = [...docs.matchAll(/\]\((\.\.\/packages\/remark-plugin\/README\.md)#([a-z-]+)\)/g)]
    expect(targets.map((match) => match[2])).toEqual(rules.map((meta) => meta.id))
    for (const [, , id] of targets) expect(anchors.has(id ?? ''), id).toBe(true)
  })

  it('docs/configuration.md is the reference of the config schema, and says it is generated (run `npm run generate`)', () => {
    const text = readFileSync(new URL('docs/configuration.md', root), 'utf8')
    const schema: unknown = JSON.parse(readFileSync(new URL('schemas/coursemark.config.schema.json', root), 'utf8'))
    expect(text.split('\n')[0]).toBe(configHeader)
    expect(text).toBe(configReference(schema as Record<string, unknown>))
    expect(text).toContain('| `links.archiveInterval` | integer ≥ 0 |')
  })

  it('lists every rule, those comparing files too, in the table', () => {
    const table: string = rulesTable(rules)
    for (const meta of rules) expect(table).toContain('[`' + meta.id + '`]')
  })

  it('packages/remark-plugin/README.md documents every rule (run `npm run generate`)', () => {
    expect(pluginReadmeText).toBe(pluginReadme(rules, sourceOf, [...diagnostics]))
    for (const meta of rules) expect(pluginReadmeText).toContain('### `' + meta.id + '`')
  })

  it('the config schema describes every rule id (run `npm run generate`)', () => {
    const text = readFileSync(new URL('schemas/coursemark.config.schema.json', root), 'utf8')
    expect(text).toBe(withRuleProperties(text, rules))
    const schema = JSON.parse(text) as {$defs: {rules: {properties: Record<string, unknown>}}}
    expect(Object.keys(schema.$defs.rules.properties)).toEqual(rules.map((meta) => meta.id))
  })
})

describe('docs links', () => {
  const prefix = 'https://github.com/coursemark/coursemark/blob/main/packages/remark-plugin/README.md#'
  const anchors = anchorsOf(pluginReadmeText)

  it('builds every rule url with `ruleUrl`, at a heading of the plugin README', () => {
    const urls = [...rules.map((meta) => meta.url), ...diagnostics.map((item) => ruleUrl(item.id))]
    expect(urls.length).toBe(rules.length + diagnostics.length)
    for (const url of urls) {
      expect(url.startsWith(prefix), url).toBe(true)
      expect(anchors.has(url.slice(prefix.length)), url).toBe(true)
    }
  })

  it('has a heading for every rule id the sources report', () => {
    const ids = ruleIdsInSources()
    expect(ids.size).toBeGreaterThan(5)
    for (const id of ids) expect(anchors.has(id), id).toBe(true)
  })

  it('reads anchors as GitHub makes them', () => {
    expect([...anchorsOf('# `a-b`\n\n```\n# not\n```\n\n## A b\n\n## A b\n')]).toEqual(['a-b', 'a-b-1', 'a-b-2'])
  })
})
