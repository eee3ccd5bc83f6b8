/**
 * The installed binary: npm links `node_modules/.bin/coursemark` at install
 * time, before any build, so it points at a committed file that imports the
 * compiled command. End-to-end runs of the real binary.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, realpathSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {cleanEnv, cli, project} from './helpers.js'

const repository = fileURLToPath(new URL('../../../', import.meta.url))
const entry = fileURLToPath(new URL('../bin/coursemark.js', import.meta.url))
const linked = repository + 'node_modules/.bin/coursemark'

describe('the coursemark binary', () => {
  it('is a committed file that the package declares and ships', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {bin: {coursemark: string}; files: string[]}
    expect(manifest.bin).toEqual({coursemark: './bin/coursemark.js'})
    expect(manifest.files).toContain('bin')
    expect(readFileSync(entry, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/)
  })

  it('is linked into `node_modules/.bin` by the workspace install', () => {
    expect(existsSync(linked)).toBe(true)
    expect(realpathSync(linked)).toBe(realpathSync(entry))
  })

  it('runs as `coursemark` (through the link) and prints what `main()` prints', async () => {
    const cwd = project('formats')
    const result = spawnSync(linked, ['-f', 'github'], {cwd, env: cleanEnv(), encoding: 'utf8'})
    expect({code: result.status, stdout: result.stdout, stderr: result.stderr}).toEqual(await cli(['-f', 'github'], cwd))
    expect(result.status).toBe(1)
  })
})
