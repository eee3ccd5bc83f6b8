/**
 * Code copied from upstream lives in `src/markdown/vendor/`, one file per
 * package, named after it, each headed with the package, its version and its
 * licence, and its changes marked; nothing else in core says "vendored".
 */
import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

const src = fileURLToPath(new URL('../src/', import.meta.url))
const vendor = fileURLToPath(new URL('../src/markdown/vendor/', import.meta.url))
const modules = fileURLToPath(new URL('../../../node_modules/', import.meta.url))
const files = readdirSync(vendor).filter((name) => name.endsWith('.ts'))

describe('vendored code', () => {
  it('is in `markdown/vendor/`', () => {
    expect(files.sort()).toEqual(['mdast-util-from-markdown.ts', 'mdast-util-gfm-table.ts', 'mdast-util-gfm-task-list-item.ts', 'micromark-util-subtokenize.ts'])
  })

  it.each(files)('`%s` names its package, version and licence, and marks its changes', (file) => {
    const text = readFileSync(vendor + file, 'utf8')
    const name = file.replace(/\.ts$/, '')
    const header = (text.split('*/')[0] ?? '').replace(/\n \* ?/g, ' ')
    expect(header).toMatch(new RegExp(`^/\\*\\* Vendored from \`${name}\` \\d+\\.\\d+\\.\\d+ .*MIT licence, \\(c\\) Titus Wormer`))
    // The package it came from is installed, with that licence, so the copy can be compared with it.
    const manifest = JSON.parse(readFileSync(`${modules}${name}/package.json`, 'utf8')) as {license: string}
    expect(manifest.license).toBe('MIT')
    expect(text).toMatch(/\n\s*\/\/ Changed: /)
  })

  it('is not elsewhere in core', () => {
    const others = readdirSync(src, {recursive: true})
      .map(String)
      .filter((name) => name.endsWith('.ts') && !name.includes('vendor'))
      .filter((name) => /Vendored from|\(MIT, Titus Wormer\)/.test(readFileSync(src + name, 'utf8')))
    expect(others).toEqual([])
  })
})
