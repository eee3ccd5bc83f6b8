/**
 * The main entry of `@coursemark/core` runs in a browser: no module it
 * reaches imports `node:` built-ins, linkinator or the file system.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {expect, it} from 'vitest'

const src = fileURLToPath(new URL('../src/', import.meta.url))

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const queue = [resolve(src, entry)]
  while (queue.length > 0) {
    const file = queue.pop()
    if (!file || seen.has(file)) continue
    const code = readFileSync(file, 'utf8')
    const specifiers = [...code.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map(
      (match) => match[1] ?? ''
    )
    seen.set(file, specifiers)
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        // A TypeScript module, or a JavaScript one (the generated validators, `ajv-setup.js`).
        const typescript = join(dirname(file), specifier.replace(/\.js$/, '.ts'))
        queue.push(existsSync(typescript) ? typescript : join(dirname(file), specifier))
      }
    }
  }

  return seen
}

it('imports nothing from `node:`, linkinator or fs from the main entry', () => {
  const graph = reachable('index.ts')
  expect(graph.size).toBeGreaterThan(5)
  const offending = [...graph].flatMap(([file, specifiers]) =>
    specifiers
      .filter((specifier) => /^node:|^(fs|path|http|https|net|dns|linkinator)$/.test(specifier))
      .map((specifier) => `${file.slice(src.length)} imports ${specifier}`)
  )
  expect(offending).toEqual([])
  expect([...graph.keys()].some((file) => file.includes('/links/'))).toBe(false)
})
