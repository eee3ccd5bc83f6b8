/**
 * The packages are ready to publish: each tarball (`npm pack --dry-run`)
 * holds every file its `exports` and `bin` name, with its types, a LICENSE
 * and a README, and no source maps or tests; the publishing metadata comes
 * from the root package.json; the package READMEs link absolutely, since
 * relative links break on the registry.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
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

interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, {strategy?: {matrix?: {node?: unknown[]}}; steps: Array<{uses?: string; run?: string; with?: Record<string, unknown>}>}>
}

function workflow(name: string): {text: string; value: Workflow} {
  const text = readFileSync(join(root, '.github/workflows', name), 'utf8')
  return {text, value: parseYaml(text) as Workflow}
}

describe.each(['ci.yml', 'release.yml'])('.github/workflows/%s', (name) => {
  const {text, value} = workflow(name)
  const steps = Object.values(value.jobs).flatMap((job) => job.steps)

  it('pins every action by commit SHA, with its tag in a comment', () => {
    const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)]
    expect(uses.length).toBeGreaterThanOrEqual(2)
    for (const [line, action, comment] of uses) {
      expect(action, line).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/)
      expect(comment, line).toMatch(/^ # v\d+\.\d+\.\d+$/)
    }
  })

  it('installs with `npm ci`, builds and runs `npm test`', () => {
    const runs = steps.map((step) => step.run ?? '')
    expect(runs.some((run) => run.startsWith('npm ci'))).toBe(true)
    expect(runs).toContain('npm run build')
    expect(runs).toContain('npm test')
  })

  it('has `run` scripts that bash can parse', () => {
    for (const step of steps) {
      if (!step.run) continue
      const result = spawnSync('bash', ['-n', '-c', step.run.replaceAll(/\$\{\{[^}]*\}\}/g, 'x')], {encoding: 'utf8'})
      expect(result.status, step.run).toBe(0)
    }
  })
})

describe('the workflows', () => {
  it('test on Node 20.19 exactly, 22 and 24', () => {
    const {value} = workflow('ci.yml')
    expect(value.jobs.test?.strategy?.matrix?.node).toEqual(['20.19.0', '22', '24'])
    const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {engines: {node: string}}).engines.node
    expect(engines).toBe('>=20.19')
  })

  it('publish on a version tag, with provenance, each package after those it depends on', () => {
    const {value} = workflow('release.yml')
    expect(value.on).toEqual({push: {tags: ['v*']}})
    expect(value.permissions).toEqual({contents: 'read', 'id-token': 'write'})
    const steps = Object.values(value.jobs).flatMap((job) => job.steps)
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({'node-version': 24, 'registry-url': 'https://registry.npmjs.org'})
    const published = steps
      .flatMap((step) => (step.run ?? '').split('\n'))
      .map((line) => /^npm publish --provenance --access public -w (\S+)$/.exec(line.trim())?.[1])
      .filter((item): item is string => item !== undefined)
    expect([...published].sort()).toEqual(packageFolders.map((folder) => manifestOf(folder).name).sort())
    for (const folder of packageFolders) {
      const manifest = manifestOf(folder)
      for (const dependency of Object.keys(manifest.dependencies ?? {}).filter((item) => item.startsWith('@coursemark/'))) {
        expect(published.indexOf(dependency), `${dependency} before ${manifest.name}`).toBeLessThan(published.indexOf(manifest.name))
      }
    }
  })
})
