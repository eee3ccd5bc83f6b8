/**
 * The installed binary: npm links `node_modules/.bin/coursemark` at install
 * time, before any build, so it points at a committed file that imports the
 * compiled command. End-to-end runs of the real binary.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {startCompileCache} from '../dist/compile-cache.js'
import {cleanEnv, cli, project} from './helpers.js'

const repository = fileURLToPath(new URL('../../../', import.meta.url))
const entry = fileURLToPath(new URL('../bin/coursemark.js', import.meta.url))
const linked = repository + 'node_modules/.bin/coursemark'

describe('the coursemark binary', () => {
  it('is a committed, executable file (present before any build) that the package declares and ships', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {bin: {coursemark: string}; files: string[]}
    expect(manifest.bin).toEqual({coursemark: './bin/coursemark.js'})
    expect(manifest.files).toContain('bin')
    expect(readFileSync(entry, 'utf8')).toBe("#!/usr/bin/env node\n// The committed entry of the `coursemark` binary: it exists before the build,\n// so npm can link it at install time; the command itself is compiled to dist/.\nimport '../dist/bin.js'\n")
    const tracked = spawnSync('git', ['ls-files', '--stage', 'packages/cli/bin/coursemark.js'], {cwd: repository, encoding: 'utf8'})
    expect(tracked.stdout).toMatch(/^100755 /)
  })

  it('is linked into `node_modules/.bin` by the workspace install', () => {
    expect(existsSync(linked)).toBe(true)
  })

  it('runs as `coursemark` (through the link) and prints what `main()` prints', async () => {
    const cwd = project('formats')
    const result = spawnSync(linked, ['-f', 'github'], {cwd, env: cleanEnv(), encoding: 'utf8'})
    expect({code: result.status, stdout: result.stdout, stderr: result.stderr}).toEqual(await cli(['-f', 'github'], cwd))
    expect(result.status).toBe(1)
  })

  it('turns the module compile cache on first, before it loads the command', () => {
    const built = readFileSync(new URL('../dist/bin.js', import.meta.url), 'utf8')
    expect(built).not.toMatch(/^import .*main\.js/m)
    expect(built.indexOf('startCompileCache()')).toBeGreaterThan(0)
    expect(built.indexOf('startCompileCache()')).toBeLessThan(built.indexOf("require('./main.js')"))
  })

  it("loads coursemark's own modules with `require`, never with `import()`", () => {
    // On Node 20, a `require` of a module that an `import()` is still loading fails
    // ("request for './link-uses.js' is not in cache"): the lint and the link stage load
    // side by side, so the two must never be mixed (see `src/main.ts`).
    const sources = readdirSync(fileURLToPath(new URL('../src', import.meta.url)), {recursive: true, encoding: 'utf8'}).filter((name) => name.endsWith('.ts'))
    expect(sources.length).toBeGreaterThan(20)
    const imports = sources.flatMap((name) => {
      const text = readFileSync(fileURLToPath(new URL('../src/' + name, import.meta.url)), 'utf8')
      return [...text.matchAll(/(?<!typeof )\bimport\((['"])(\.{1,2}\/|@coursemark\/)[^'"]*\1\)/g)].map((match) => `${name}: ${match[0]}`)
    })
    expect(imports).toEqual([])
  })
})

describe('the module compile cache', () => {
  it('is asked for where `node:module` has `enableCompileCache` (Node 22.1 and later), with Node\'s default folder', () => {
    const calls: unknown[][] = []
    const module = {enableCompileCache: (...args: unknown[]) => calls.push(args)}
    expect(startCompileCache({}, module)).toBe(true)
    expect(calls).toEqual([[]])
  })

  it('is left off on a Node without it (Node 20), and with `NODE_DISABLE_COMPILE_CACHE=1`', () => {
    expect(startCompileCache({}, {})).toBe(false)
    let called = false
    expect(startCompileCache({NODE_DISABLE_COMPILE_CACHE: '1'}, {enableCompileCache: () => (called = true)})).toBe(false)
    expect(called).toBe(false)
    expect(startCompileCache({}, {enableCompileCache: () => { throw new Error('no cache') }})).toBe(false)
  })

  it('does not throw on this Node, and the binary runs', () => {
    expect(() => startCompileCache({})).not.toThrow()
    const result = spawnSync(process.execPath, [fileURLToPath(new URL('../dist/bin.js', import.meta.url)), '--version'], {env: cleanEnv(), encoding: 'utf8'})
    expect({code: result.status, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
  })
})
