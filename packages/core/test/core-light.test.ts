/**
 * `@coursemark/core` is light and runs in a browser: its install pulls in no
 * network package, no module of it imports a Node built-in or a Node-only
 * package except the modules behind `@coursemark/core/node`, and its browser
 * entries bundle for the browser. The link checker is `@coursemark/cli/links`.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {builtinModules} from 'node:module'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'
import {describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))
const src = join(root, 'src')

/** The modules behind `@coursemark/core/node`: the only ones that may use Node. */
const nodeModules = ['node.ts', 'atomic.ts', 'lock.ts', 'course/read-course.ts', 'repository.ts']

/** Packages that need Node or the network, which an app parsing lessons must not install. */
const networkPackages = ['linkinator', 'undici', 'htmlparser2', 'marked', 'meow', 'glob']

const builtins = new Set(builtinModules)

/** Every module specifier in `code`: static imports and re-exports, `import type`, dynamic `import()` and `require()`. */
function specifiersOf(code: string): string[] {
  const patterns = [/^\s*(?:import|export)\s[^'"]*?\bfrom\s*'([^']+)'/gm, /^\s*import\s*'([^']+)'/gm, /\bimport\s*\(\s*'([^']+)'\s*\)/g, /\brequire\s*\(\s*'([^']+)'\s*\)/g]
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''))
}

/** Whether a specifier names a Node built-in or a Node-only package. */
function needsNode(specifier: string): boolean {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '')
  return specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(name) || networkPackages.includes(name)
}

/** The source modules of core (TypeScript and JavaScript), relative to `src/`. */
function sources(): string[] {
  return readdirSync(src, {recursive: true})
    .map(String)
    .filter((name) => /\.(?:ts|js)$/.test(name))
    .map((name) => name.split('\\').join('/'))
    .sort()
}

/** Modules reachable from `entry` by relative imports, with their specifiers. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const queue = [resolve(src, entry)]
  while (queue.length > 0) {
    const file = queue.pop()
    if (!file || seen.has(file)) continue
    const specifiers = specifiersOf(readFileSync(file, 'utf8'))
    seen.set(file, specifiers)
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) continue
      // A TypeScript module, or a JavaScript one (the generated validators, `ajv-setup.js`).
      const typescript = join(dirname(file), specifier.replace(/\.js$/, '.ts'))
      queue.push(sources().includes(relative(src, typescript)) ? typescript : join(dirname(file), specifier))
    }
  }

  return seen
}

describe('core is light', () => {
  it('finds the imports of every kind that it checks', () => {
    const code = "import {a} from 'node:fs'\nimport type {B} from 'undici'\nexport {c} from './c.js'\nimport 'glob'\nconst d = await import('node:path')\nconst e = require('http')\n"
    expect(specifiersOf(code)).toEqual(['node:fs', 'undici', './c.js', 'glob', 'node:path', 'http'])
    expect(specifiersOf(code).filter((specifier) => needsNode(specifier))).toEqual(['node:fs', 'undici', 'glob', 'node:path', 'http'])
  })

  it('depends on no network package', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      exports: Record<string, unknown>
    }
    expect(Object.keys(manifest.dependencies).filter((name) => networkPackages.includes(name))).toEqual([])
    expect(Object.keys(manifest.exports)).not.toContain('./links')
  })

  it('imports Node built-ins and Node-only packages only in the modules behind `@coursemark/core/node`', () => {
    const files = sources()
    expect(files.length).toBeGreaterThan(30)
    const offending = files.flatMap((file) =>
      nodeModules.includes(file)
        ? []
        : specifiersOf(readFileSync(join(src, file), 'utf8'))
            .filter((specifier) => needsNode(specifier))
            .map((specifier) => `${file} imports ${specifier}`)
    )
    expect(offending).toEqual([])
    // The list names real modules that do use Node, so it cannot hide a stale name.
    for (const file of nodeModules) {
      expect(specifiersOf(readFileSync(join(src, file), 'utf8')).some((specifier) => needsNode(specifier)), file).toBe(true)
    }
  })

  it.each(['index.ts', 'internal.ts', 'messages.ts', 'read-links.ts', 'rule-url.ts', 'severity.ts'])('does not reach the Node modules from the browser entry `%s`', (entry) => {
    const graph = reachable(entry)
    expect(graph.size).toBeGreaterThan(0)
    const reached = [...graph.keys()].map((file) => relative(src, file))
    expect(reached.filter((file) => nodeModules.includes(file))).toEqual([])
  })

  it.each(['index.js', 'internal.js', 'messages.js', 'read-links.js', 'rule-url.js', 'severity.js'])('bundles `dist/%s` for the browser', async (entry) => {
    const result = await build({
      entryPoints: [join(root, 'dist', entry)],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      logLevel: 'silent'
    })
    expect(result.errors).toEqual([])
    expect(result.outputFiles[0]?.contents.byteLength).toBeGreaterThan(0)
  })

  it('does not bundle `dist/node.js` for the browser (the check can fail)', async () => {
    const bundled = build({entryPoints: [join(root, 'dist', 'node.js')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent'})
    await expect(bundled).rejects.toThrow(/Could not resolve "node:/)
  })
})
