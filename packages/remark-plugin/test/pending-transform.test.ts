/**
 * unified-engine (remark-cli, the language server) flushes its queue once
 * every file without a fatal message is transformed: it takes a file with a
 * fatal message for one that failed and will not arrive. A file that got an
 * `error` finding while its transform still awaited, and arrived after such a
 * flush, was never reported: remark-cli ended with no output and exit code 0
 * (seen about once in 300 runs on a loaded machine).
 *
 * What must hold: no fatal message is on the file while its transform is
 * pending. Each push onto `file.messages` schedules a look one microtask
 * later; by then the transform must have ended, or the message must not be
 * fatal.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import plugin from '../src/index.js'

const folder = fileURLToPath(new URL('../../../fixtures/projects/remark-cli/', import.meta.url))
const path = folder + 'lesson.md'

/** Run the plugin on `lesson.md` (which has two `error` findings); the fatal messages seen while the transform was pending. */
async function fatalWhilePending(options?: Parameters<typeof plugin>[0]): Promise<{early: string[]; fatal: number}> {
  const file = new VFile({path, value: readFileSync(path, 'utf8')})
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(plugin, options)
  const tree = processor.parse(file)
  const early: string[] = []
  let ended = false
  const look = () => {
    if (ended) return
    for (const message of file.messages) if (message.fatal === true) early.push(String(message.ruleId))
  }

  const messages = file.messages
  file.messages = new Proxy(messages, {
    get(target, key, receiver) {
      if (key !== 'push') return Reflect.get(target, key, receiver)
      return (...items: typeof messages) => {
        const length = target.push(...items)
        queueMicrotask(look)
        return length
      }
    }
  })

  await new Promise<void>((resolve, reject) => {
    processor.run(tree, file, (error) => {
      ended = true
      if (error) reject(error)
      else resolve()
    })
  })
  return {early, fatal: file.messages.filter((message) => message.fatal === true).length}
}

describe('a pending transform', () => {
  it('has no fatal message on the file: the config the file finds (remark-cli without options)', async () => {
    const result = await fatalWhilePending()
    expect(result.early).toEqual([])
    expect(result.fatal).toBe(2)
  })

  it('has no fatal message on the file: a preset given as options', async () => {
    const result = await fatalWhilePending({preset: 'recommended', rules: {'no-missing-local-target': 'error'}})
    expect(result.early).toEqual([])
    expect(result.fatal).toBe(2)
  })

  it('stays synchronous with synchronous rules: `processSync` works with a preset of them', () => {
    // The rules that read the disk or compare files are async; without them the whole transform is synchronous.
    const rules = {'no-missing-local-target': 'off', 'duplicate-title': 'off', 'duplicate-uuid': 'off'} as const
    const file = unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(plugin, {preset: 'recommended', rules})
      .use(remarkStringify)
      .processSync('---\ntitle: A\n---\n\n##Bad\n')
    expect(file.messages.filter((message) => message.fatal === true).map((message) => message.ruleId)).toContain('no-missing-heading-space')
  })
})
