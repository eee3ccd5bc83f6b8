/**
 * The entries of `@coursemark/core` are its API: each is a subpath export of
 * the package (types first), every name they export has a doc comment, and the
 * main entry exports exactly the names docs/api.md lists.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))
const apiDoc = fileURLToPath(new URL('../../../docs/api.md', import.meta.url))

type Manifest = {exports: Record<string, {types: string; default: string} | string>}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest

/** The source module of each code entry of the package, by subpath. */
const entries = Object.entries(manifest.exports).flatMap(([subpath, target]) =>
  typeof target === 'string' ? [] : [[subpath, join(root, target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'))] as const]
)

const program = ts.createProgram(
  entries.map(([, file]) => file),
  {module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, allowJs: true, noEmit: true}
)

/**
 * The names an entry exports, each with whether its declaration has a doc
 * comment (a re-exported name is looked up where it is declared, as an editor
 * shows it).
 */
function exportsOf(file: string, from: ts.Program = program): Array<{name: string; documented: boolean}> {
  const types = from.getTypeChecker()
  const source = from.getSourceFile(file)
  const module = source ? types.getSymbolAtLocation(source) : undefined
  if (!module) throw new Error(`Unexpected missing module \`${file}\``)
  return types.getExportsOfModule(module).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? types.getAliasedSymbol(symbol) : symbol
    return {name: symbol.name, documented: ts.displayPartsToString(target.getDocumentationComment(types)).trim() !== ''}
  })
}

/** The names listed under the "Exports of the main entry" heading of docs/api.md. */
function documentedNames(): string[] {
  const text = readFileSync(apiDoc, 'utf8')
  const section = /\n## Exports of the main entry\n([\s\S]*?)(?:\n## |$)/.exec(text)?.[1] ?? ''
  return [...section.matchAll(/`([A-Za-z]+)`/g)].map((name) => name[1] ?? '')
}

describe('the entries of @coursemark/core', () => {
  it('are the browser entries (`./site`: using a site, `./site-builders`: the site model), `./internal`, `./node` and `./repository` (`readRepository` alone), each with types first', () => {
    expect(entries.map(([subpath]) => subpath).sort()).toEqual(['.', './internal', './messages', './node', './read-links', './repository', './rule-url', './severity', './site', './site-builders'])
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target !== 'string') expect(Object.keys(target)[0], subpath).toBe('types')
    }
  })

  it.each(entries)('has a doc comment on every export of `%s`', (_subpath, file) => {
    const names = exportsOf(file)
    expect(names.length).toBeGreaterThan(0)
    expect(names.filter((entry) => !entry.documented).map((entry) => entry.name)).toEqual([])
  })

  it('finds a re-exported name without a doc comment (the check can fail)', () => {
    const entry = join(root, 'src/entry-under-test.ts')
    const module = join(root, 'src/module-under-test.ts')
    const files = new Map([
      [entry, "/** A doc comment on the line does not document the names. */\nexport {bare, documented} from './module-under-test.js'\n"],
      [module, 'export function bare(): number {\n  return 1\n}\n/** Documented. */\nexport const documented = 2\n']
    ])
    const host = ts.createCompilerHost({})
    const readFile = host.readFile.bind(host)
    const fileExists = host.fileExists.bind(host)
    host.readFile = (name) => files.get(name) ?? readFile(name)
    host.fileExists = (name) => files.has(name) || fileExists(name)
    const options = {module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true}
    const undocumented = exportsOf(entry, ts.createProgram([entry], options, host)).filter((name) => !name.documented)
    expect(undocumented.map((name) => name.name)).toEqual(['bare'])
  })

  it('exports from the main entry exactly the names docs/api.md lists', () => {
    const main = entries.find(([subpath]) => subpath === '.')?.[1] ?? ''
    const listed = documentedNames()
    expect(listed.length).toBeGreaterThan(50)
    expect(new Set(listed).size).toBe(listed.length)
    expect(exportsOf(main).map((entry) => entry.name).sort()).toEqual([...listed].sort())
  })
})
