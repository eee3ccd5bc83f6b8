/**
 * Every `@example` in every rule's header comment is a test, so the docs can
 * never drift from behaviour (as remark-lint's `script/info.js` + `test.js`).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import type {Root} from 'mdast'
import {unified, type Plugin} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {buildSite, createParser, isFormatName, type Site, type SiteFlavour} from '@coursemark/core'
import {registry} from '../src/index.js'
import {remarkCoursemarkSettings} from '../src/settings.js'
import '../src/file-site.js'
import {readExamples, type Example} from './read-examples.js'

const rulesFolder = new URL('../src/rules/', import.meta.url)
const ruleFiles = readdirSync(rulesFolder).filter((name) => name.endsWith('.ts'))

describe.each(ruleFiles)('rule %s', (fileName) => {
  const id = fileName.replace(/\.ts$/, '')
  const source = readFileSync(fileURLToPath(new URL(fileName, rulesFolder)), 'utf8')
  const examples = readExamples(source)
  const meta = registry.find((item) => item.id === id)

  it('is in the registry under its file name, with origin `coursemark:<id>`', () => {
    expect(meta?.origin).toBe('coursemark:' + id)
    expect(source).toContain(`'${id}'`)
  })

  it('attaches fixes exactly when the registry says it is fixable', () => {
    expect(source.includes('setFix('), 'calls setFix').toBe(meta?.fixable)
  })

  it('documents what it is, when to use it, its options and a recommendation', () => {
    for (const heading of ['## What is this?', '## When should I use this?', '## Options', '## Recommendation']) {
      expect(source).toContain(' * ' + heading)
    }
  })

  it('has at least one passing and one failing example', () => {
    expect(examples.some((example) => example.output.length === 0)).toBe(true)
    expect(examples.some((example) => example.output.length > 0)).toBe(true)
  })

  // A rule that compares files runs its examples as one file set, as remark-cli would.
  let set: Promise<Map<string, VFile>> | undefined
  const site = siteOfExamples(examples)

  it.each(examples.map((example): [string, Example] => [example.name, example]))(
    'example %s',
    async (_, example) => {
      const plugin = meta?.plugin
      expect(plugin).toBeDefined()
      if (!plugin) return
      let file: VFile | undefined
      if (meta.finish) {
        set ??= runSet(plugin, examples, site)
        file = (await set).get(example.name)
      } else if (example.format !== undefined || typeof example.site === 'string') {
        file = await runInFormat(plugin, example)
      } else {
        file = new VFile({path: example.name, value: example.input})
        if (site) file.data.coursemarkSite = {site, path: example.name}
        const processor = unified()
          .use(remarkParse)
          .use(remarkFrontmatter, ['yaml'])
          .use(plugin, example.config)
        await processor.run(processor.parse(file), file)
      }

      expect(file?.messages.map((message) => String(message).slice(example.name.length + 1))).toEqual(
        example.output
      )
    }
  )
})

const flavours: readonly SiteFlavour[] = ['checkpoint', 'markdown', 'workbench', 'jekyll', 'hugo', 'odin', 'freecodecamp']

/**
 * Run an example read in its `format` (the format's parser and settings),
 * as a lesson of a one-file site of flavour `site` when it names one.
 */
async function runInFormat(plugin: Plugin<[unknown?, unknown?], Root>, example: Example): Promise<VFile> {
  const format = example.format ?? 'checkpoint'
  if (!isFormatName(format)) throw new Error(`Unexpected example format \`${format}\``)
  const file = new VFile({path: example.name, value: example.input})
  if (typeof example.site === 'string') {
    const flavour = flavours.find((item) => item === example.site)
    if (!flavour) throw new Error(`Unexpected example site \`${example.site}\`, expected one of ${flavours.join(', ')}`)
    const site = buildSite({paths: [example.name], read: () => example.input}, {format})
    file.data.coursemarkSite = {site: {...site, flavour}, path: example.name}
  }

  const processor = createParser(format).use(remarkCoursemarkSettings, {format}).use(plugin, example.config)
  await processor.run(processor.parse(file), file)
  return file
}

/** Run every example as a file of one set, with a stand-in for unified-engine's `FileSet`, then its completers. */
async function runSet(plugin: Plugin<[unknown?, unknown?], Root>, examples: Example[], site: Site | undefined): Promise<Map<string, VFile>> {
  const files = new Map<string, VFile>()
  const completers: Array<(set: unknown) => void> = []
  const fileSet = {
    valueOf: () => [...files.values()],
    use(completer: (set: unknown) => void) {
      completers.push(completer)
    }
  }
  for (const example of examples) {
    const file = new VFile({path: example.name, value: example.input})
    if (site) file.data.coursemarkSite = {site, path: example.name}
    files.set(example.name, file)
    const processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(plugin, example.config, fileSet)
    await processor.run(processor.parse(file), file)
  }

  // unified-engine runs each completer once (by `pluginId`).
  const [completer] = completers
  completer?.(fileSet)
  return files
}

/**
 * The site a rule's examples share, when one of them gives one (course
 * rules): the plain site of the example files, with the fields it gives.
 */
function siteOfExamples(examples: Example[]): Site | undefined {
  const given = examples.find((example) => typeof example.site === 'object' && example.site !== null)?.site
  if (given === undefined) return undefined
  const texts = new Map(examples.map((example) => [example.name, example.input]))
  const plain = buildSite({paths: [...texts.keys()].sort(), read: (path) => texts.get(path)})
  return {...plain, ...(given as Partial<Site>)}
}
