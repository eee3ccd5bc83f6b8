/**
 * The site in the rules: rules apply by the kind of the file
 * (`file.data.coursemarkSite`), and `no-missing-local-target` resolves links
 * through the site's URLs, mounts and routes (core's `resolveLink`). The
 * sites here are made by hand: any format's builder gives the same data.
 */
import {mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {FileKind, Site} from '@coursemark/core'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Plugin, type Preset} from 'unified'
import {VFile} from 'vfile'
import {afterAll, describe, expect, it} from 'vitest'
import {createPreset, kindOf, registry, remarkCoursemark} from '../src/index.js'
import noMissingLocalTarget from '../src/rules/no-missing-local-target.js'
import objectivesPresent from '../src/rules/objectives-present.js'

const folder = realpathSync(mkdtempSync(join(tmpdir(), 'coursemark-site-rules-')))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

function write(path: string, text = ''): void {
  mkdirSync(join(folder, path, '..'), {recursive: true})
  writeFileSync(join(folder, path), text)
}

write('content/section/page.md')
write('content/section/other.md', '# Other\n\n## Set up\n')
write('static/images/x.png', 'png')

/** A site as a Hugo-like builder would make it: page URLs, `static/` at `/`, a route served from elsewhere. */
function site(kinds: {[path: string]: FileKind} = {}, rootKnown = true): Site {
  const file = (path: string, url: string) => ({path, kind: kinds[path] ?? 'lesson', reason: 'made by hand', url})
  return {
    flavour: 'hugo',
    format: 'hugo',
    title: undefined,
    reasons: [],
    files: {
      'content/section/page.md': file('content/section/page.md', '/section/page/'),
      'content/section/other.md': file('content/section/other.md', '/section/other/')
    },
    urls: {'/section/page/': 'content/section/page.md', '/section/other/': 'content/section/other.md'},
    mounts: rootKnown ? [{url: '/', folder: 'static'}] : [],
    routes: [{prefix: '/learn/', reason: 'served by the platform'}],
    rootKnown,
    modules: [],
    missing: [],
    ordered: false
  }
}

async function lint(plugin: Plugin<[unknown?], never> | Preset, value: string, place?: {site: Site; path: string}): Promise<{messages: string[]; file: VFile}> {
  const file = new VFile({value, path: join(folder, place?.path ?? 'content/section/page.md')})
  if (place) file.data.coursemarkSite = place
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])
  if (typeof plugin === 'function') processor.use(plugin)
  else processor.use(plugin)
  await processor.run(processor.parse(file), file)
  return {messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`), file}
}

describe('rules by kind', () => {
  const noObjectives = '# A page\n\nSome text without objectives.\n'

  it('runs a lesson rule on a lesson, and on a file without a site', async () => {
    expect((await lint(objectivesPresent.plugin, noObjectives, {site: site(), path: 'content/section/page.md'})).messages).toHaveLength(1)
    expect((await lint(objectivesPresent.plugin, noObjectives)).messages).toHaveLength(1)
  })

  it('skips a lesson rule on a page, a break and a project', async () => {
    for (const kind of ['page', 'break', 'project'] as const) {
      const place = {site: site({'content/section/page.md': kind}), path: 'content/section/page.md'}
      expect((await lint(objectivesPresent.plugin, noObjectives, place)).messages, kind).toEqual([])
    }
  })

  it('runs no rule at all on a template, a data file, an include or a draft', async () => {
    const defects = '---\ntitle: 3\n---\n\n##Broken heading\n\nTODO: [a](missing.md) and ![](http://example.com/x.png)\n'
    const plugins = createPreset()
    const asLesson = await lint(plugins, defects, {site: site(), path: 'content/section/page.md'})
    expect(asLesson.messages.length).toBeGreaterThan(3)
    for (const kind of ['template', 'data', 'include', 'draft'] as const) {
      const place = {site: site({'content/section/page.md': kind}), path: 'content/section/page.md'}
      expect((await lint(plugins, defects, place)).messages, kind).toEqual([])
    }
  })

  it('gives every rule its kinds: the lesson rules name theirs, the others check every published kind', () => {
    const kinds = Object.fromEntries(registry.map((rule) => [rule.id, rule.kinds.join(',')]))
    expect(kinds['objectives-present']).toBe('lesson')
    expect(kinds['assignment-present']).toBe('lesson,project')
    expect(kinds['time-hours-consistent']).toBe('lesson,break,project')
    expect(kinds['frontmatter-schema']).toBe('lesson,break,project')
    expect(kinds['frontmatter-yaml']).toBe('lesson,break,project,page')
    expect(registry.every((rule) => rule.kinds.length > 0 && !rule.kinds.some((kind) => ['template', 'data', 'include', 'draft'].includes(kind)))).toBe(true)
  })
})

describe('no-missing-local-target through the site', () => {
  const place = {site: site(), path: 'content/section/page.md'}

  it('accepts a link that works on the built site: a page URL, its anchor, a mounted static file, a sibling on disk, a route', async () => {
    const value = '[a](../other/) [b](../other/#set-up) [c](/section/other/index.html) ![d](/images/x.png) [e](other.md#set-up) [f](/learn/some-challenge)\n'
    expect((await lint(noMissingLocalTarget.plugin, value, place)).messages).toEqual([])
  })

  it('reports what fails on the built site: an anchor missing in the page a URL names, a missing static file, a folder the site does not publish', async () => {
    const value = '[a](../other/#setup) ![b](/images/y.png) [c](/content/section/other.md) [d](../nowhere/)\n'
    expect((await lint(noMissingLocalTarget.plugin, value, place)).messages).toEqual([
      '1:5 no-missing-local-target Unexpected anchor `#setup` in `../other/` that matches no heading, expected an anchor such as `#set-up`',
      '1:27 no-missing-local-target Unexpected missing file `/images/y.png`, expected a path to an existing file',
      '1:46 no-missing-local-target Unexpected missing file `/content/section/other.md`, expected a path to an existing file',
      '1:77 no-missing-local-target Unexpected missing file `../nowhere/`, expected a path to an existing file'
    ])
  })

  it('counts root-absolute links it cannot check when the site root is not known, and reports none of them', async () => {
    const {messages, file} = await lint(noMissingLocalTarget.plugin, '![a](/images/x.png) ![b](/images/y.png) [c](../other/)\n', {
      site: site({}, false),
      path: 'content/section/page.md'
    })
    expect(messages).toEqual([])
    expect(file.data.coursemarkRootUnchecked).toBe(2)
  })
})

describe('the plugin without options', () => {
  const plain = fileURLToPath(new URL('../../../fixtures/sites/plain/', import.meta.url))

  async function place(path: string, fileSet: object): Promise<VFile> {
    const file = new VFile({path, cwd: plain, value: readFileSync(join(plain, path), 'utf8')})
    // unified-engine attaches the plugin once per file, with the run's file set.
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkCoursemark, undefined, fileSet)
    await processor.run(processor.parse(file), file)
    return file
  }

  it('places each file in the project\'s site, built once per run (file set) and again for the next run', async () => {
    const run = {use: () => undefined, valueOf: () => []}
    const readme = await place('README.md', run)
    const lesson = await place('lessons/01-soil.md', run)
    expect(readme.data.coursemarkSite?.path).toBe('README.md')
    expect(lesson.data.coursemarkSite?.path).toBe('lessons/01-soil.md')
    expect(kindOf(readme)).toBe('page')
    expect(kindOf(lesson)).toBe('lesson')
    expect(lesson.data.coursemarkSite?.site).toBe(readme.data.coursemarkSite?.site)
    const next = await place('README.md', {use: () => undefined, valueOf: () => []})
    expect(next.data.coursemarkSite?.site).not.toBe(readme.data.coursemarkSite?.site)
    expect(next.data.coursemarkSite?.site).toEqual(readme.data.coursemarkSite?.site)
  })
})
