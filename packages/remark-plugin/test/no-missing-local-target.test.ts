/**
 * `no-missing-local-target` on a real folder: missing files, wrong case,
 * anchors into other markdown files, the project root, and the per-run cache.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import rule from '../src/rules/no-missing-local-target.js'
import {remarkCoursemarkSettings, type Settings} from '../src/settings.js'

let folder = ''

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'coursemark-local-target-'))
  mkdirSync(join(folder, 'lessons', 'Images'), {recursive: true})
  writeFileSync(join(folder, 'lessons', 'Images', 'plot.png'), '')
  writeFileSync(join(folder, 'lessons', 'setup notes.md'), '# Notes\n')
  writeFileSync(
    join(folder, 'lessons', 'other.md'),
    [
      '---',
      'title: Not a heading',
      '---',
      '',
      '# Install *Python*',
      '',
      'Check `pip`',
      '-----------',
      '',
      '```md',
      '# Inside a fence',
      '```',
      '',
      '> ## Quoted heading',
      '',
      '## Install Python',
      '',
      '<a id="custom-anchor"></a>',
      ''
    ].join('\n')
  )
  writeFileSync(join(folder, 'outside.md'), '# Outside\n')
})

afterAll(() => {
  rmSync(folder, {recursive: true, force: true})
})

function processor(settings: Partial<Settings> = {}) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkCoursemarkSettings, settings)
    .use(rule.plugin)
}

async function lint(value: string, options: {path?: string; settings?: Partial<Settings>} = {}) {
  const file = new VFile({value, ...(options.path === undefined ? {} : {path: options.path})})
  const p = processor(options.settings)
  await p.run(p.parse(file), file)
  return file.messages.map((message) => String(message).replaceAll(folder, '<tmp>'))
}

describe('no-missing-local-target', () => {
  it('accepts existing files, folders and encoded names', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    expect(
      await lint(
        '![Plot](Images/plot.png) [notes](setup%20notes.md) [folder](Images/) [self](./lesson.md) [other](other.md)\n',
        {path}
      )
    ).toEqual([])
  })

  it('reports a path in the wrong case with the real name', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    const messages = await lint('![Plot](images/Plot.png)\n', {path})
    expect(messages).toEqual([
      '<tmp>/lessons/lesson.md:1:9-1:24: Unexpected path `images/Plot.png` in the wrong case, expected `Images/plot.png`'
    ])
  })

  it('reports a missing file, and a missing folder on the way', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    expect(await lint('[a](missing.md) and [b](nope/plot.png)\n', {path})).toEqual([
      '<tmp>/lessons/lesson.md:1:5-1:15: Unexpected missing file `missing.md`, expected a path to an existing file',
      '<tmp>/lessons/lesson.md:1:25-1:38: Unexpected missing file `nope/plot.png`, expected a path to an existing file'
    ])
  })

  it('checks anchors into another markdown file against its headings', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    const value = [
      '[a](other.md#install-python) [b](other.md#install-python-1) [c](other.md#check-pip)',
      '[d](other.md#quoted-heading) [e](other.md#custom-anchor) [f](other.md#inside-a-fence)',
      '[g](other.md#title-not-a-heading) [h](other.md#instal-python)',
      ''
    ].join('\n')
    expect(await lint(value, {path})).toEqual([
      '<tmp>/lessons/lesson.md:2:62-2:85: Unexpected anchor `#inside-a-fence` in `other.md` that matches no heading, expected the slug of a heading of `other.md`',
      '<tmp>/lessons/lesson.md:3:5-3:33: Unexpected anchor `#title-not-a-heading` in `other.md` that matches no heading, expected the slug of a heading of `other.md`',
      '<tmp>/lessons/lesson.md:3:39-3:61: Unexpected anchor `#instal-python` in `other.md` that matches no heading, expected an anchor such as `#install-python`'
    ])
  })

  it('checks an anchor into the file itself against its own tree', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    expect(await lint('# Intro\n\n[a](lesson.md#intro) [b](lesson.md#outro)\n', {path})).toEqual([
      '<tmp>/lessons/lesson.md:3:26-3:41: Unexpected anchor `#outro` that matches no heading, expected an anchor such as `#intro`'
    ])
  })

  it('reports paths that leave the project root, and resolves `/` against it', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    const settings = {root: join(folder, 'lessons')}
    expect(
      await lint('[a](../outside.md) [b](/Images/plot.png) [c](/nope.png)\n', {path, settings})
    ).toEqual([
      '<tmp>/lessons/lesson.md:1:5-1:18: Unexpected path `../outside.md` outside the project root, expected a file inside `<tmp>/lessons`',
      '<tmp>/lessons/lesson.md:1:46-1:55: Unexpected missing file `/nope.png`, expected a path to an existing file'
    ])
  })

  it('does not hold a file outside the root to it', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    const settings = {root: join(folder, 'elsewhere')}
    expect(await lint('[a](../outside.md) [b](../nope.md)\n', {path, settings})).toEqual([
      '<tmp>/lessons/lesson.md:1:24-1:34: Unexpected missing file `../nope.md`, expected a path to an existing file'
    ])
  })

  it('skips site-absolute paths without a root, and leaves `..` alone', async () => {
    const path = join(folder, 'lessons', 'lesson.md')
    expect(await lint('[a](/nope.png) [b](../outside.md)\n', {path})).toEqual([])
  })

  it('checks only anchors when the file has no path (no file system)', async () => {
    expect(await lint('# Intro\n\n[a](missing.md) [b](#intro) [c](#nope)\n')).toEqual([
      '3:33-3:38: Unexpected anchor `#nope` that matches no heading, expected the slug of a heading'
    ])
  })

  it('reads a folder once per processor (one lint run)', async () => {
    const path = join(folder, 'lessons', 'cached.md')
    writeFileSync(join(folder, 'lessons', 'soon-gone.md'), '')
    const p = processor()
    const first = new VFile({path, value: '[a](soon-gone.md)\n'})
    await p.run(p.parse(first), first)
    rmSync(join(folder, 'lessons', 'soon-gone.md'))
    const second = new VFile({path, value: '[a](soon-gone.md)\n'})
    await p.run(p.parse(second), second)
    expect(first.messages).toEqual([])
    expect(second.messages).toEqual([])
    expect(await lint('[a](soon-gone.md)\n', {path})).toEqual([
      '<tmp>/lessons/cached.md:1:5-1:17: Unexpected missing file `soon-gone.md`, expected a path to an existing file'
    ])
  })
})
