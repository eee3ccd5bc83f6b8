/**
 * Rules that compare files: a per-file check records a fact, and a finish
 * phase over the file set reports, under unified-engine (a stand-in for its
 * `FileSet` here; `remark-cli.test.ts` runs the real one) or in the CLI.
 */
import {fileURLToPath} from 'node:url'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe as group, expect, it} from 'vitest'
import plugin, {registry} from '../src/index.js'
import {setRules} from '../src/set-rules.js'
import {describe} from './helpers.js'

const lesson = (uuid: string, comment = '') => `---\ntitle: Loops\nuuid: ${uuid}\n---\n${comment}\n## Overview\n\nWrite a loop.\n`
const shared = '3f2a9c4e-1b7d-4c2e-9a55-0d6e7f8a9b10'

/** Lint `files` as one set with a stand-in for unified-engine's `FileSet`; run its completers `runs` times. */
async function lintSet(files: Record<string, string>, options?: unknown, runs = 1): Promise<Record<string, string[]>> {
  const vfiles = Object.entries(files).map(([path, value]) => new VFile({path, value}))
  const completers: Array<((set: unknown) => void) & {pluginId?: string}> = []
  const fileSet = {
    valueOf: () => vfiles,
    use(completer: ((set: unknown) => void) & {pluginId?: string}) {
      // As unified-engine: one completer per `pluginId`.
      if (!completers.some((known) => known.pluginId === completer.pluginId)) completers.push(completer)
    }
  }
  for (const file of vfiles) {
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(plugin, options, fileSet)
    await processor.run(processor.parse(file), file)
  }

  for (let run = 0; run < runs; run++) for (const completer of completers) completer(fileSet)
  const ofRule = (file: VFile) =>
    file.messages.filter((message) => message.ruleId?.startsWith('duplicate-')).map((message) => describe(message))
  return Object.fromEntries(vfiles.map((file) => [file.path, ofRule(file)]))
}

const reason = (others: string) =>
  `3:7-3:43 error duplicate-uuid: Unexpected duplicate \`uuid\` \`${shared}\`, expected each checkpoint to have its own (also in ${others})`

group('rules that compare files', () => {
  it('are the rules of the registry that have a finish phase', () => {
    expect(setRules.map((rule) => rule.id)).toEqual(registry.filter((rule) => rule.finish).map((rule) => rule.id))
  })

  it('report a shared `uuid` in every file of the set, once even when the engine runs the completer again', async () => {
    const files = {'a.md': lesson(shared), 'b.md': lesson(shared.toUpperCase())}
    const expected = {'a.md': [reason('`b.md:3:7`')], 'b.md': [reason('`a.md:3:7`').replace(shared, shared.toUpperCase())]}
    expect(await lintSet(files, {})).toEqual(expected)
    expect(await lintSet(files, {}, 3)).toEqual(expected)
  })

  it('keep a file with `<!--lint disable duplicate-uuid-->` after its frontmatter quiet, and name it in the others', async () => {
    const files = {'a.md': lesson(shared), 'b.md': lesson(shared, '\n<!--lint disable duplicate-uuid-->\n')}
    expect(await lintSet(files, {})).toEqual({'a.md': [reason('`b.md:3:7`')], 'b.md': []})
  })

  it('find nothing in a plain unified pipeline on one file (no file set)', async () => {
    const file = new VFile({path: 'a.md', value: lesson(shared)})
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(plugin, {})
    await processor.run(processor.parse(file), file)
    expect(file.messages.filter((message) => message.ruleId === 'duplicate-uuid')).toEqual([])
  })
})

group('the plugin given no options', () => {
  const project = fileURLToPath(new URL('../../../fixtures/projects/remark-set/', import.meta.url))
  const lists = async (options?: unknown) => {
    const file = new VFile({path: 'unit-1/lists.md', cwd: project, value: (await import('node:fs')).readFileSync(project + 'unit-1/lists.md', 'utf8')})
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(plugin, options)
    await processor.run(processor.parse(file), file)
    return file.messages.map((message) => describe(message))
  }

  it('runs the rules and options of the `.coursemarkrc.yaml` found from the file upward', async () => {
    expect(await lists()).toEqual(['16:3-16:29 warning objectives-count: Unexpected 2 learning objectives, expected at most 1'])
  })

  it('reads no config when given options: explicit options win', async () => {
    expect(await lists({})).toEqual([])
  })
})
