import {chmod, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {writeAtomic} from '../src/node.js'

let folder = ''

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'coursemark-atomic-'))
})

afterEach(async () => {
  await rm(folder, {recursive: true, force: true})
})

describe('writeAtomic (`@coursemark/core/node`)', () => {
  it('replaces a file, keeping its mode and leaving no temporary file', async () => {
    const path = join(folder, 'lesson.md')
    await writeFile(path, 'old')
    await chmod(path, 0o640)
    await writeAtomic(path, 'new text')
    expect(await readFile(path, 'utf8')).toBe('new text')
    expect((await stat(path)).mode & 0o777).toBe(0o640)
    expect(await readdir(folder)).toEqual(['lesson.md'])
  })

  it('writes bytes to a new file', async () => {
    const path = join(folder, 'data.bin')
    await writeAtomic(path, new Uint8Array([0, 1, 2]))
    expect([...(await readFile(path))]).toEqual([0, 1, 2])
  })

  it('rejects when the folder is missing, and leaves nothing behind', async () => {
    await expect(writeAtomic(join(folder, 'missing', 'x.json'), '{}')).rejects.toMatchObject({code: 'ENOENT'})
    expect(await readdir(folder)).toEqual([])
  })

  it('hands the half-written temporary file to `pause`, and the old file stays whole meanwhile', async () => {
    const path = join(folder, 'cache.json')
    await writeFile(path, 'before')
    let seen: string[] = []
    await writeAtomic(path, 'after the write', {
      pause: async (temporary) => {
        seen = [await readFile(path, 'utf8'), (await readFile(temporary, 'utf8')).length.toString()]
      }
    })
    expect(seen).toEqual(['before', String(Math.floor('after the write'.length / 2))])
    expect(await readFile(path, 'utf8')).toBe('after the write')
  })
})
