import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {loadConfig, settingsFor} from '../dist/config/config.js'
import {pathKinds} from '../dist/lint/targets.js'
import {applyEdits} from '../dist/lint/edits.js'
import {modelBytes} from '../dist/lint/engine.js'
import {shard} from '../dist/files/find-files.js'
import {linkBytes} from '../dist/links/read-links.js'
import {joinName, plainlyInside, relativePath, resolveRelative, splitPlain} from '../dist/config/paths.js'
import {batches, LintPool, type Batch} from '../dist/lint/pool.js'
import {readTaskFile} from '../dist/lint/read-file.js'
import {code, escapeData, escapeProperty, escapeXml, linkDestination, markdownText, splitCode} from '../dist/reporters/escape.js'
import type {LintTask} from '../dist/types.js'
import {scratch} from './helpers.js'

describe('applyEdits', () => {
  it('applies edits in offset order and skips one that overlaps an earlier one', () => {
    expect(applyEdits('##A\n##B\n', [{start: 6, end: 6, text: ' '}, {start: 2, end: 2, text: ' '}])).toBe('## A\n## B\n')
    expect(applyEdits('abcdef', [{start: 1, end: 4, text: 'X'}, {start: 2, end: 3, text: 'Y'}])).toBe('aXef')
  })

  it('ignores edits outside the text', () => {
    expect(applyEdits('abc', [{start: 2, end: 9, text: 'X'}])).toBe('abc')
  })
})

describe('shard', () => {
  it('partitions any list exactly, with sizes differing by at most one', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), {maxLength: 60}), fc.integer({min: 1, max: 9}), (files, count) => {
        const shards = Array.from({length: count}, (_, index) => shard(files, index + 1, count))
        expect(shards.flat().sort()).toEqual([...files].sort())
        const sizes = shards.map((items) => items.length)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
      })
    )
  })
})

describe('escaping', () => {
  it('escapes workflow command data and properties as GitHub does', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext')
    expect(escapeProperty('a,b:c.md')).toBe('a%2Cb%3Ac.md')
  })

  it('escapes XML and replaces characters XML cannot hold', () => {
    expect(escapeXml('<a href="x">&\'\u0001')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD')
  })

  it('writes a code span that no backtick inside can close, on one line', () => {
    expect(code('a')).toBe('`a`')
    expect(code('q=`@everyone`')).toBe('`` q=`@everyone` ``')
    expect(code('``x`')).toBe('``` ``x` ```')
    expect(code(' a ')).toBe('`  a  `')
    expect(code('a\n</details>\u202E')).toBe('`a\\n</details>\\u{202E}`')
  })

  it('reads code spans back as CommonMark does, a lone fence as text', () => {
    expect(splitCode('`404` after a redirect to `` a`b ``, then ``` x')).toEqual([
      {code: true, text: '404'},
      {code: false, text: ' after a redirect to '},
      {code: true, text: 'a`b'},
      {code: false, text: ', then ``` x'}
    ])
  })

  it('escapes markdown text so it makes no link, HTML, mention or reference', () => {
    expect(markdownText('[x](y) <b> @octo #12 https://a.example www.b.example GH-3 &#64; a\nb')).toBe(
      '\\[x\\](y) \\<b\\> @\u200Docto #\u200D12 https:\u200D//a.example www\u200D.b.example GH-\u200D3 \\&#\u200D64; a\\\\nb'
    )
  })

  it('breaks `www.` and `GH-1` after a word character too (`_www.` is a GFM autolink)', () => {
    expect(markdownText('_www. x_gh-2')).toBe('\\_www\u200D. x\\_gh-\u200D2')
  })

  it('percent-encodes what would end a markdown link destination', () => {
    expect(linkDestination('a b/(c)<d>"e"\n%41é')).toBe('a%20b/%28c%29%3Cd%3E%22e%22%0A%41%C3%A9')
  })
})

describe('LintPool', () => {
  it('reads each file with the run\'s reader: the lint engine, or the link reader', async () => {
    const folder = scratch()
    const path = join(folder, 'a.md')
    writeFileSync(path, '---\ntitle: A\n---\n\n# A\n\nSee [the docs](https://example.com/docs).\n')
    const settings = settingsFor(await loadConfig(folder), path)
    const task: LintTask = {path, display: 'a.md', cwd: folder, settings, fix: false}
    for (const reader of ['lint', 'links'] as const) {
      const pool = new LintPool(1, reader)
      try {
        const [read] = await pool.run([{task, bytes: 100}])
        // The lint finds the missing `time`; the link reader makes no finding, only the facts.
        if (reader === 'lint') expect(read?.ok && read.result.messages.map((message) => message.ruleId)).toContain('frontmatter-schema')
        else expect(read?.ok && read.result.messages).toEqual([])
        expect(read?.ok && read.result.facts.external.map((link) => link.url), reader).toEqual(['https://example.com/docs'])
      } finally {
        await pool.close()
      }
    }
  })
})

describe('lintBatch (the worker)', () => {
  it('runs the batches handed to it one after the other, each with its own outcomes', async () => {
    const {default: lintBatch} = await import('../dist/lint/worker.js')
    const folder = scratch()
    const settings = settingsFor(await loadConfig(folder), join(folder, 'a.md'))
    const task = (name: string, title: string): LintTask => {
      const path = join(folder, name)
      writeFileSync(path, `---\ntitle: ${title}\ntime: 1 hour\n---\n\n# ${title}\n\nText.\n`)
      return {path, display: name, cwd: folder, settings, fix: false}
    }

    const long = Array.from({length: 12}, (_, index) => task(`long-${index}.md`, `Long ${index}`))
    const short = [task('short.md', 'Short')]
    const done: string[] = []
    const [first, second] = await Promise.all([
      lintBatch(long).then((outcomes) => (done.push('long'), outcomes)),
      lintBatch(short).then((outcomes) => (done.push('short'), outcomes))
    ])
    // Interleaved, the one-file batch would be done first.
    expect(done).toEqual(['long', 'short'])
    expect(first.map((outcome) => outcome.ok && outcome.result.path)).toEqual(long.map((item) => item.display))
    expect(second.map((outcome) => outcome.ok && outcome.result.path)).toEqual(['short.md'])
  })
})

describe('batches', () => {
  const task = (path: string): LintTask => ({path, display: path, cwd: '/', settings: {preset: 'recommended', rules: {}, root: '/'}, fix: false})
  const sized = (sizes: number[]) => sizes.map((bytes, index) => ({task: task(`f${index}`), bytes}))
  const shape = (items: Batch[]) => items.map((batch) => [batch.first, batch.tasks.map((item) => item.path).join(' ')])

  it('hands out consecutive files of about the same number of bytes', () => {
    expect(shape(batches(sized([60, 50, 10, 200, 5, 5, 5]), 100, 10))).toEqual([
      [0, 'f0 f1'],
      [2, 'f2 f3'],
      [4, 'f4 f5 f6']
    ])
  })

  it('caps the files of a batch, and gives a large file a batch of its own', () => {
    expect(shape(batches(sized([1, 1, 1, 500, 1]), 100, 2))).toEqual([
      [0, 'f0 f1'],
      [2, 'f2 f3'],
      [4, 'f4']
    ])
    expect(batches([], 100, 2)).toEqual([])
  })

  it('makes the first batches small, each twice the one before, up to the usual size', () => {
    expect(shape(batches(sized([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]), 40, 10, 10))).toEqual([
      [0, 'f0'],
      [1, 'f1 f2'],
      [3, 'f3 f4 f5 f6'],
      [7, 'f7 f8 f9 f10'],
      [11, 'f11 f12 f13 f14'],
      [15, 'f15']
    ])
  })
})

describe('linkBytes', () => {
  const task: LintTask = {path: '/l.md', display: 'l.md', cwd: '/', settings: {preset: 'recommended', format: 'checkpoint', rules: {}, root: '/'}, fix: false}
  const bytes = (text: string) => new TextEncoder().encode(text)

  it('gives what the model path gives: the same facts and messages', async () => {
    const texts = [
      '---\ntitle: Links\nuuid: u-1\ntime: soon\n---\n\n[a](https://a.io) [b](../b.md) ![c](//c.io/c.png) <a href="#x">x</a>\n',
      '---\ntitle: [broken\n---\n\n[r]\n\n[r]: http://r.io\n',
      '\uFEFFno frontmatter, <http://auto.io>\n'
    ]
    for (const text of texts) {
      const read = await linkBytes(bytes(text), task)
      expect(read).toEqual(await modelBytes(bytes(text), task))
      if (read.ok) expect(read.result.facts.external.length).toBe(text.includes('https://a.io') ? 2 : 1)
    }
  })

  it('gives each external URL the same exact range as the rules find on the tree, in every fixture', async () => {
    const root = resolve(import.meta.dirname, '../../../fixtures')
    const files = execFileSync('git', ['ls-files', '*.md'], {cwd: root, encoding: 'utf8'}).split('\n').filter(Boolean)
    let ranged = 0
    for (const file of files) {
      const content = new Uint8Array(readFileSync(join(root, file)))
      const read = await linkBytes(content, {...task, content})
      const model = await modelBytes(content, {...task, content})
      if (!read.ok || !model.ok) continue
      expect(read.result.facts.external, file).toEqual(model.result.facts.external)
      ranged += read.result.facts.external.filter((use) => use.range).length
    }

    expect(ranged).toBeGreaterThan(50)
  })

  it('builds the model for a bare URL only the tree finds', async () => {
    const read = await linkBytes(bytes('a &#104;ttp://x.io b\n'), task)
    if (!read.ok) throw new Error('expected the file to be read')
    expect(read.result.facts.external).toEqual([{url: 'http://x.io', range: undefined, position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}}])
  })
})

describe('relativePath', () => {
  const segment = fc.constantFrom('a', 'b', 'lesson.md', '.', '..', '', '.git', 'a.b', 'x y', '\\', 'é')
  const path = fc.tuple(fc.boolean(), fc.array(segment, {maxLength: 5})).map(([absolute, parts]) => (absolute ? '/' : '') + parts.join('/'))

  it('is path.relative on any two paths', () => {
    fc.assert(
      fc.property(path, path, fc.boolean(), (from, to, nest) => {
        const inside = nest ? from + to : to
        expect(relativePath(from, inside)).toBe(relative(from, inside))
      }),
      {numRuns: 5000}
    )
  })

  it('joins and resolves as path.join and path.resolve do, and takes a plain rest only where resolving it gives the path back', () => {
    const name = fc.constantFrom('a', 'lesson.md', '.', '..', '.git', 'x y', '\\', 'é', '...')
    fc.assert(
      fc.property(path, path, name, (directory, rest, entry) => {
        fc.pre(isAbsolute(directory))
        expect(resolveRelative(directory, rest)).toBe(resolve(directory, rest))
        expect(joinName(directory, entry)).toBe(join(directory, entry))
        const inside = plainlyInside(directory, rest)
        if (inside !== undefined) expect(resolve(directory, inside)).toBe(rest)
      }),
      {numRuns: 5000}
    )
  })

  it('splits a plain path as path.dirname and path.basename do, and no other', () => {
    fc.assert(
      fc.property(path, (candidate) => {
        const parts = splitPlain(candidate)
        if (parts) expect(parts).toEqual([dirname(candidate), basename(candidate)])
        if (parts) expect(join(...parts)).toBe(candidate)
      }),
      {numRuns: 5000}
    )
    expect(splitPlain('/a/b/c.png')).toEqual(['/a/b', 'c.png'])
    expect(splitPlain('/a')).toBeUndefined()
    expect(splitPlain('/a/./b')).toBeUndefined()
    expect(splitPlain('a/b')).toBeUndefined()
  })

  it('takes the rest of a plain path inside a plain folder', () => {
    expect(relativePath('/a/b', '/a/b/c/d.md')).toBe('c/d.md')
    expect(relativePath('/a/b', '/a/bc/d.md')).toBe('../bc/d.md')
    expect(relativePath('/a/b', '/a/b')).toBe('')
    expect(relativePath('/a/b', '/a/b/../c')).toBe('../c')
    expect(relativePath('/', '/a')).toBe('a')
  })
})

describe('pathKinds', () => {
  it('says what stat says of every kind of path, with one listing per folder', () => {
    const root = scratch()
    mkdirSync(join(root, 'images', 'nested'), {recursive: true})
    writeFileSync(join(root, 'images', 'a.png'), 'a')
    writeFileSync(join(root, 'lesson.md'), '# A\n')
    symlinkSync(join(root, 'images', 'a.png'), join(root, 'images', 'to-file.png'))
    symlinkSync(join(root, 'images', 'nested'), join(root, 'images', 'to-folder'))
    symlinkSync(join(root, 'images', 'gone.png'), join(root, 'images', 'dangling.png'))
    execFileSync('mkfifo', [join(root, 'images', 'pipe')])
    const paths = [
      'images/a.png',
      'images/nested',
      'images/to-file.png',
      'images/to-folder',
      'images/dangling.png',
      'images/pipe',
      'images/missing.png',
      'images/A.PNG',
      'missing/a.png',
      'missing/deeper/a.png',
      'lesson.md/a.png',
      'lesson.md',
      'images/to-folder/x.png',
      'images/./a.png',
      'images/../lesson.md'
    ].map((path) => root + '/' + path)
    const byStat = (path: string) => {
      try {
        const stats = statSync(path)
        return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other'
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : {error: code}
      }
    }

    const kindOf = pathKinds()
    // Twice: the second time from the listings kept.
    for (const round of [1, 2]) for (const path of paths) expect(kindOf(path), `${path} (${round})`).toEqual(byStat(path))
    expect(paths.map((path) => kindOf(path))).toEqual(['file', 'directory', 'file', 'directory', 'missing', 'other', 'missing', 'missing', 'missing', 'missing', 'missing', 'file', 'missing', 'file', 'file'])
  })
})

describe('readTaskFile', () => {
  const task = (path: string, maxSize = 5 * 1024 * 1024) =>
    ({path, display: 'x.md', cwd: '/', settings: {limits: {maxSize}}, fix: false}) as unknown as LintTask

  it('reads a file whole, an empty one as no bytes, and refuses what it cannot read', () => {
    const folder = scratch()
    const text = 'é'.repeat(70_000) + '\n'
    writeFileSync(join(folder, 'big.md'), text)
    writeFileSync(join(folder, 'empty.md'), '')
    expect(Buffer.from(readTaskFile(task(join(folder, 'big.md'))) as Uint8Array).toString('utf8')).toBe(text)
    expect((readTaskFile(task(join(folder, 'empty.md'))) as Uint8Array).length).toBe(0)
    expect(readTaskFile(task(join(folder, 'missing.md')))).toMatchObject({ok: false, error: expect.stringContaining('ENOENT')})
    expect(readTaskFile(task(folder))).toMatchObject({ok: false, error: expect.stringContaining('EISDIR')})
  })

  it('says a file is too large without reading it', () => {
    const folder = scratch()
    writeFileSync(join(folder, 'big.md'), 'x'.repeat(100))
    const outcome = readTaskFile(task(join(folder, 'big.md'), 10)) as {ok: true; result: {messages: Array<{ruleId: string}>}}
    expect(outcome.result.messages.map((message) => message.ruleId)).toEqual(['input-too-large'])
  })
})
