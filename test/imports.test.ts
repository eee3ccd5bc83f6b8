/**
 * No import runs in a circle: every relative import (type-only and dynamic
 * ones included) of the packages' sources, as a graph, has no cycle. Shared
 * types live in `types.ts` modules instead.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {repositoryRoot} from './helpers/expect.js'

/** Relative imports of every `.ts` file under `folder`: file -> files it imports. */
function importGraph(folder: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const names = readdirSync(folder, {recursive: true}).map(String).filter((name) => name.endsWith('.ts'))
  for (const name of names) {
    const file = join(folder, name)
    const code = readFileSync(file, 'utf8')
    const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) =>
      resolve(dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts'))
    )
    graph.set(file, imports)
  }

  return graph
}

/** Every cycle found by a depth-first walk, as `a.ts -> b.ts -> a.ts`. */
function cycles(graph: Map<string, string[]>, root: string): string[] {
  const found: string[] = []
  const done = new Set<string>()
  const path: string[] = []
  const visit = (file: string) => {
    path.push(file)
    for (const next of graph.get(file) ?? []) {
      const index = path.indexOf(next)
      if (index !== -1) found.push([...path.slice(index), next].map((item) => relative(root, item)).join(' -> '))
      else if (!done.has(next) && graph.has(next)) visit(next)
    }

    path.pop()
    done.add(file)
  }

  for (const file of graph.keys()) if (!done.has(file)) visit(file)
  return found
}

describe('imports', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([['/a.ts', ['/b.ts']], ['/b.ts', ['/c.ts']], ['/c.ts', ['/a.ts']]])
    expect(cycles(graph, '/')).toEqual(['a.ts -> b.ts -> c.ts -> a.ts'])
  })

  it.each(['packages/core/src', 'packages/cli/src', 'packages/remark-plugin/src'])('%s has no import cycle', (folder) => {
    const root = join(repositoryRoot, folder)
    const graph = importGraph(root)
    expect(graph.size).toBeGreaterThan(3)
    expect(cycles(graph, root)).toEqual([])
  })
})
