import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import * as links from '../../src/links/index.js'

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8')

type Manifest = {exports: Record<string, {types: string; default: string} | string>; dependencies: Record<string, string>}

describe('the links entry', () => {
  it('is the `./links` subpath export of the CLI package, types first', () => {
    const manifest = JSON.parse(read('../../package.json')) as Manifest
    expect(manifest.exports['./links']).toEqual({types: './dist/links/index.d.ts', default: './dist/links/index.js'})
    expect(Object.keys(manifest.exports['./links'] ?? {})[0]).toBe('types')
    expect(typeof links.checkLinks).toBe('function')
    expect(typeof links.createLinkRun).toBe('function')
  })

  it('resolves as `@coursemark/cli/links` to the built entry', async () => {
    const entry = (await import('@coursemark/cli/links')) as Record<string, unknown>
    expect(Object.keys(entry).sort()).toEqual(Object.keys(links).sort())
  })

  it('is no longer an export of `@coursemark/core`, and the CLI holds the network packages', () => {
    const core = JSON.parse(read('../../../core/package.json')) as Manifest
    expect(core.exports['./links']).toBeUndefined()
    const cli = JSON.parse(read('../../package.json')) as Manifest
    expect(Object.keys(cli.dependencies)).toEqual(expect.arrayContaining(['linkinator', 'undici']))
  })

  it('has a doc comment on each of its exports', () => {
    const lines = read('../../src/links/index.ts').split('\n')
    const undocumented = lines.filter((line, index) => line.startsWith('export ') && !(lines[index - 1] ?? '').trimEnd().endsWith('*/'))
    expect(lines.filter((line) => line.startsWith('export ')).length).toBeGreaterThan(10)
    expect(undocumented).toEqual([])
  })
})
