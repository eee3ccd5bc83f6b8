/**
 * The packages are ready to publish: each tarball (`npm pack --dry-run`)
 * holds every file its `exports` and `bin` name, with its types, a LICENSE
 * and a README, and no source maps or tests; the publishing metadata comes
 * from the root package.json; the package READMEs link absolutely, since
 * relative links break on the registry.
 */
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {packageFolders, sharedFields, withSharedFields} from '../scripts/generate.js'

const root = fileURLToPath(new URL('..', import.meta.url))

interface Manifest {
  name: string
  exports: Record<string, string | {types?: string; default?: string}>
  bin?: Record<string, string>
  dependencies?: Record<string, string>
  [field: string]: unknown
}

function manifestOf(folder: string): Manifest {
  return JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as Manifest
}

/** The paths `npm pack` would put in the tarball (run after the build: `npm test` builds first). */
function packedFiles(name: string): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '-w', name], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
  const [result] = JSON.parse(output) as Array<{files: Array<{path: string}>}>
  return (result?.files ?? []).map((file) => file.path)
}

/** The files an `exports` map and `bin` name, without `./`. */
function namedFiles(manifest: Manifest): string[] {
  const files: string[] = []
  for (const target of Object.values(manifest.exports)) {
    if (typeof target === 'string') files.push(target)
    else files.push(...[target.types, target.default].filter((item): item is string => item !== undefined))
  }

  files.push(...Object.values(manifest.bin ?? {}))
  return files.map((file) => file.replace(/^\.\//, ''))
}

describe.each(packageFolders)('packages/%s', (folder) => {
  const manifest = manifestOf(folder)

  it('packs every file its exports and bin name, a LICENSE and a README, and no source map or test', {timeout: 60_000}, () => {
    const files = packedFiles(manifest.name)
    const missing = [...namedFiles(manifest), 'LICENSE', 'README.md', 'package.json'].filter((file) => !files.includes(file))
    expect(missing).toEqual([])
    for (const target of Object.values(manifest.exports)) {
      if (typeof target !== 'string') expect(target.types, JSON.stringify(target)).toMatch(/\.d\.ts$/)
    }

    expect(files.filter((file) => /\.map$/.test(file))).toEqual([])
    expect(files.filter((file) => /(^|\/)(test|fixtures)\/|\.test\.[jt]s$/.test(file))).toEqual([])
    expect(files.filter((file) => /(^|\/)src\//.test(file))).toEqual([])
  })

  it('carries the root package.json’s publishing metadata and LICENSE (run `npm run generate`)', () => {
    const text = readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')
    const rootText = readFileSync(join(root, 'package.json'), 'utf8')
    expect(text).toBe(withSharedFields(rootText, text, folder))
    for (const field of sharedFields) expect(manifest[field], field).toBeDefined()
    expect(manifest.repository).toEqual({type: 'git', url: 'git+https://github.com/coursemark/coursemark.git', directory: `packages/${folder}`})
    expect(readFileSync(join(root, 'packages', folder, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toContain('Copyright (c) 2026 coursemark contributors')
  })

  it('has a README whose links work on the registry (absolute, or to its own headings)', () => {
    // Links outside code: the examples of rules are markdown in code blocks.
    const readme = readFileSync(join(root, 'packages', folder, 'README.md'), 'utf8')
      .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '')
      .replace(/(`+)[\s\S]*?\1/g, '')
    const relative = [...readme.matchAll(/\]\(([^)\s]+)/g)].map((match) => match[1] ?? '').filter((url) => !/^(https?:|mailto:|#)/.test(url))
    expect(relative).toEqual([])
  })

  it('depends at run time on no `@types/*` package its published types do not import', () => {
    const types = Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@types/'))
    const declarations = execFileSync('grep', ['-rhoE', "from '[^.][^']*'|import\\('[^.][^']*'\\)", join(root, 'packages', folder, 'dist'), '--include=*.d.ts'], {encoding: 'utf8'})
    for (const name of types) expect(declarations, name).toContain(`'${name.slice('@types/'.length)}'`)
  })
})
