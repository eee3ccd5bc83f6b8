import {execFileSync} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli, scratch} from './helpers.js'

/** The paths a JSON report lists. */
function paths(stdout: string): string[] {
  return (JSON.parse(stdout) as Array<{path: string}>).map((item) => item.path)
}

const page = (title: string) => `---\ntitle: ${title}\n---\n\n# Notes\n\nSome text.\n`

/** The `ignores` scenario plus the files git ignores (so they cannot be committed): build output, node_modules, links. */
function ignoresProject(): string {
  const folder = scratch('ignores')
  mkdirSync(join(folder, 'build'))
  writeFileSync(join(folder, 'build', 'out.md'), page('build'))
  writeFileSync(join(folder, 'x.tmp.md'), page('tmp'))
  mkdirSync(join(folder, 'node_modules', 'pkg'), {recursive: true})
  writeFileSync(join(folder, 'node_modules', 'pkg', 'readme.md'), page('dependency'))
  writeFileSync(join(folder, 'sub', 'secret.md'), page('secret'))
  const outside = scratch()
  writeFileSync(join(outside, 'elsewhere.md'), page('elsewhere'))
  symlinkSync(outside, join(folder, 'link-out'))
  symlinkSync(join(folder, 'sub'), join(folder, 'link-in'))
  symlinkSync(join(folder, 'sub', 'b.md'), join(folder, 'alias.md'))
  symlinkSync(folder, join(folder, 'sub', 'loop'))
  return folder
}

describe('files', () => {
  it('walks directories for `*.md`, respecting .gitignore, .coursemarkignore, `ignores`, node_modules and symlinks', async () => {
    const folder = ignoresProject()
    const result = await cli(['-f', 'json'], folder)
    expect(result.stderr).toBe('')
    expect(paths(result.stdout)).toEqual(['a.md', 'sub/b.md'])
  })

  it('walks R Markdown sources (`*.Rmd`) too, and no other extension', async () => {
    const folder = scratch()
    mkdirSync(join(folder, 'episodes'))
    writeFileSync(join(folder, 'episodes', '01-plots.Rmd'), page('Plots') + '\n```{r}\nplot(1:10)\n```\n')
    writeFileSync(join(folder, 'episodes', 'notes.txt'), 'not markdown\n')
    writeFileSync(join(folder, 'intro.md'), page('Intro'))
    const result = await cli(['-f', 'json'], folder)
    expect(paths(result.stdout)).toEqual(['episodes/01-plots.Rmd', 'intro.md'])
  })

  it('lints a file named explicitly even when it is ignored', async () => {
    const folder = ignoresProject()
    expect(paths((await cli(['-f', 'json', 'drafts/d.md', 'a.md'], folder)).stdout)).toEqual(['a.md', 'drafts/d.md'])
  })

  it('expands globs, respecting the ignore files', async () => {
    const folder = ignoresProject()
    expect(paths((await cli(['-f', 'json', '**/*.md'], folder)).stdout)).toEqual(['a.md', 'sub/b.md'])
    expect(paths((await cli(['-f', 'json', 'sub/*.md'], folder)).stdout)).toEqual(['sub/b.md'])
  })

  it('gives one line and exit code 2 for a missing path, and still lints the others', async () => {
    const folder = ignoresProject()
    const result = await cli(['-f', 'json', 'a.md', 'missing.md'], folder)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('coursemark: cannot read `missing.md`: ENOENT: no such file or directory\n')
    expect(paths(result.stdout)).toEqual(['a.md'])
  })

  it('gives one line for a glob that matches nothing', async () => {
    const folder = ignoresProject()
    expect(await cli(['nothing/**/*.md'], folder)).toEqual({code: 2, stdout: '', stderr: 'coursemark: no files match `nothing/**/*.md`\n'})
  })

  it('gives one line for a path under a file (ENOTDIR) and for a symlink loop (ELOOP)', async () => {
    const folder = ignoresProject()
    symlinkSync('self', join(folder, 'self'))
    expect(await cli(['a.md/b.md'], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: cannot read `a.md/b.md`: ENOTDIR: a part of the path is not a directory\n'
    })
    expect(await cli(['self'], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: cannot read `self`: ELOOP: too many symbolic links (a symlink loop?)\n'
    })
  })

  it('splits files into shards that partition them exactly', async () => {
    const folder = scratch()
    const all: string[] = []
    for (let index = 0; index < 11; index++) {
      const name = `lesson-${String(index).padStart(2, '0')}.md`
      writeFileSync(join(folder, name), page(name))
      all.push(name)
    }

    const shards: string[][] = []
    for (const index of [1, 2, 3]) shards.push(paths((await cli(['-f', 'json', '--shard', `${index}/3`], folder)).stdout))
    expect(shards.map((items) => items.length)).toEqual([4, 4, 3])
    expect(shards.flat().sort()).toEqual(all)
    expect(new Set(shards.flat()).size).toBe(all.length)
    // Deterministic: the same shard twice is the same files.
    expect(paths((await cli(['-f', 'json', '--shard', '2/3'], folder)).stdout)).toEqual(shards[1])
  })

  it('rejects a malformed shard', async () => {
    expect(await cli(['--shard', '4/3'], scratch())).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `--shard 4/3`, expected `i/n` with 1 <= i <= n, such as `1/4`\n'
    })
  })

  it('lints only files changed since a git ref with `--changed-since`', async () => {
    const folder = scratch()
    for (const name of ['a.md', 'b.md', 'c.md']) writeFileSync(join(folder, name), page(name))
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {cwd: folder, stdio: 'pipe'})
    git('init', '-q')
    git('add', '.')
    git('commit', '-q', '-m', 'first')
    writeFileSync(join(folder, 'b.md'), page('b changed'))
    writeFileSync(join(folder, 'd.md'), page('d new'))
    expect(paths((await cli(['-f', 'json', '--changed-since', 'HEAD'], folder)).stdout)).toEqual(['b.md', 'd.md'])
    expect(await cli(['--changed-since', 'no-such-ref'], folder)).toMatchObject({code: 2, stdout: ''})
    expect((await cli(['--changed-since', 'no-such-ref'], folder)).stderr).toMatch(/^coursemark: cannot list files changed since `no-such-ref`: [^\n]+\n$/)
  })
})
