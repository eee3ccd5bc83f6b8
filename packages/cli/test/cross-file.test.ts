import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli, project, scratch} from './helpers.js'

const cwd = project('cross-file')

describe('cross-file checks', () => {
  it('reports duplicate uuids at every place (titles are not compared in `recommended`), and relative links to missing files and headings', async () => {
    const uuid = 'Unexpected duplicate `uuid` `5a1f0c2e-8b3d-4e6f-9a7b-0c1d2e3f4a5b`, expected each checkpoint to have its own'
    expect(await cli(['-f', 'github'], cwd)).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::error file=lessons/files.md,line=6,col=7,endLine=6,endColumn=43,title=coursemark%3Aduplicate-uuid::${uuid} (also in \`lessons/intro.md:6:7\`)`,
        `::error file=lessons/intro.md,line=6,col=7,endLine=6,endColumn=43,title=coursemark%3Aduplicate-uuid::${uuid} (also in \`lessons/files.md:6:7\`)`,
        '::error file=lessons/paths.md,line=11,col=108,endLine=11,endColumn=119,title=coursemark%3Ano-missing-local-target::Unexpected missing file `glossary.md`, expected a path to an existing file',
        '::error file=lessons/paths.md,line=11,col=145,endLine=11,endColumn=167,title=coursemark%3Ano-missing-local-target::Unexpected anchor `#first-command` in `intro.md` that matches no heading, expected the slug of a heading of `intro.md`',
        ''
      ].join('\n')
    })
  })

  it('sees only the files linted: one file has no duplicate', async () => {
    expect(await cli(['-f', 'github', 'lessons/files.md'], cwd)).toEqual({code: 0, stderr: '', stdout: ''})
  })

  it('turns the cross-file rules off like any other rule', async () => {
    expect(await cli(['-f', 'github', '--config', 'quiet.json'], cwd)).toEqual({code: 0, stderr: '', stdout: ''})
  })
})

describe('duplicate titles', () => {
  const titles = project('titles')
  const title = 'Unexpected duplicate `title` `Introduction to the shell`, expected each checkpoint to have its own'

  it('are not compared in `recommended`', async () => {
    expect(await cli(['-f', 'github'], titles)).toEqual({code: 0, stderr: '', stdout: ''})
  })

  it('are compared within one folder in `strict`: the same title in another module is not a duplicate', async () => {
    expect(await cli(['-f', 'github', '--config', 'strict.json'], titles)).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::error file=shell/again.md,line=2,col=8,endLine=2,endColumn=33,title=coursemark%3Aduplicate-title::${title} (also in \`shell/intro.md:2:8\`)`,
        `::error file=shell/intro.md,line=2,col=8,endLine=2,endColumn=33,title=coursemark%3Aduplicate-title::${title} (also in \`shell/again.md:2:8\`)`,
        ''
      ].join('\n')
    })
  })

  it('are compared across the whole run with `scope: project`', async () => {
    expect(await cli(['-f', 'github', '--config', 'project-titles.json'], titles)).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `::warning file=review/shell.md,line=2,col=8,endLine=2,endColumn=33,title=coursemark%3Aduplicate-title::${title} (also in \`shell/again.md:2:8\`, \`shell/intro.md:2:8\`)`,
        `::warning file=shell/again.md,line=2,col=8,endLine=2,endColumn=33,title=coursemark%3Aduplicate-title::${title} (also in \`review/shell.md:2:8\`, \`shell/intro.md:2:8\`)`,
        `::warning file=shell/intro.md,line=2,col=8,endLine=2,endColumn=33,title=coursemark%3Aduplicate-title::${title} (also in \`review/shell.md:2:8\`, \`shell/again.md:2:8\`)`,
        ''
      ].join('\n')
    })
  })

  it('report an unknown `scope` on every file, like a bad option of any rule, and compare nothing', async () => {
    const reason = 'Unexpected value `"module"` for `duplicate-title` option `scope`, expected `folder` or `project`'
    expect(await cli(['-f', 'github', '--config', 'bad-scope.json'], titles)).toEqual({
      code: 1,
      stderr: '',
      stdout: ['review/shell.md', 'shell/again.md', 'shell/intro.md']
        .map((path) => `::error file=${path},title=coursemark%3Aduplicate-title::${reason}\n`)
        .join('')
    })
  })
})

describe('rules that compare files, with inline comments and the cache', () => {
  const uuid = 'Unexpected duplicate `uuid` `3f2a9c4e-1b7d-4c2e-9a55-0d6e7f8a9b10`, expected each checkpoint to have its own'
  const expected = [
    `::error file=unit-1/loops.md,line=6,col=7,endLine=6,endColumn=43,title=coursemark%3Aduplicate-uuid::${uuid} (also in \`unit-2/copy.md:6:7\`, \`unit-2/loops.md:6:7\`)`,
    `::error file=unit-2/loops.md,line=6,col=7,endLine=6,endColumn=43,title=coursemark%3Aduplicate-uuid::${uuid} (also in \`unit-1/loops.md:6:7\`, \`unit-2/copy.md:6:7\`)`
  ]
  const ofRule = (stdout: string, id: string) => stdout.split('\n').filter((line) => line.includes('coursemark%3A' + id))

  it('report no file whose `<!--lint disable duplicate-uuid-->` turns the rule off, which the others still name', async () => {
    const result = await cli(['-f', 'github', '.'], project('remark-set'))
    expect(ofRule(result.stdout, 'duplicate-uuid')).toEqual(expected)
    expect(result.code).toBe(1)
  })

  it('report the same from the cache', async () => {
    const folder = scratch('remark-set')
    const cold = await cli(['-f', 'github', '--cache', '.'], folder)
    const warm = await cli(['-f', 'github', '--cache', '.'], folder)
    expect(ofRule(cold.stdout, 'duplicate-uuid')).toEqual(expected)
    expect(warm).toEqual(cold)
  })

  it('leave out a file whose settings turn the rule off: its `uuid` does not count', async () => {
    const folder = scratch('remark-set')
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'overrides:\n  - files: [unit-2/**]\n    rules:\n      duplicate-uuid: off\n')
    expect(ofRule((await cli(['-f', 'github', '.'], folder)).stdout, 'duplicate-uuid')).toEqual([])
  })
})

