import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import * as core from '../../src/index.js'
import * as links from '../../src/links/index.js'

describe('the links entry', () => {
  it('is not part of the main entry, which stays free of network code', () => {
    const source = readFileSync(fileURLToPath(new URL('../../src/index.ts', import.meta.url)), 'utf8')
    expect(source).not.toMatch(/from '\.\/links\//)
    expect('checkLinks' in core).toBe(false)
    expect(typeof links.checkLinks).toBe('function')
  })

  it('is declared as the `./links` subpath export', () => {
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
      exports: Record<string, {types: string; default: string}>
    }
    expect(manifest.exports['./links']).toEqual({types: './dist/links/index.d.ts', default: './dist/links/index.js'})
  })
})
