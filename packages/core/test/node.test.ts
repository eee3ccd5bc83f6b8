import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {readCheckpoint} from '../src/node.js'

const folder = mkdtempSync(join(tmpdir(), 'coursemark-node-'))

afterAll(() => {
  rmSync(folder, {recursive: true, force: true})
})

describe('readCheckpoint', () => {
  it('reads and parses a file, with its path in the model and the messages', async () => {
    const path = join(folder, 'lesson.md')
    writeFileSync(path, '---\ntitle: Loops\ntime: soon\n---\n\n## Objectives\n\n- Write a loop\n')
    const {checkpoint, messages} = await readCheckpoint(path)
    expect(checkpoint.path).toBe(path)
    expect(checkpoint.objectives.map((objective) => objective.text)).toEqual(['Write a loop'])
    expect(messages.map((message) => [message.file, String(message)])).toEqual([
      [path, '3:7-3:11: Unexpected `time` value `soon`, expected minutes (`90`) or a duration (`1.5 hours`)']
    ])
  })

  it('reports a file over three bytes a character of `maxSize` without parsing it', async () => {
    const path = join(folder, 'big.md')
    writeFileSync(path, 'x'.repeat(400))
    const {checkpoint, messages, tree} = await readCheckpoint(path, {limits: {maxSize: 100}, path: 'big.md'})
    expect(tree).toBeNull()
    expect(checkpoint.path).toBe('big.md')
    expect(messages.map((message) => [message.ruleId, message.reason])).toEqual([
      ['input-too-large', 'Unexpected file of 400 bytes, expected at most 100 characters (option `maxSize`)']
    ])
  })

  it('rejects with the file system error for a missing file', async () => {
    await expect(readCheckpoint(join(folder, 'missing.md'))).rejects.toMatchObject({code: 'ENOENT'})
  })
})
