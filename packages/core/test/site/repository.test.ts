/** `readRepository`: every file of a project on disk, for the site model. */
import {mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {buildSite} from '../../src/index.js'
import {readRepository} from '../../src/node.js'

const folder = realpathSync(mkdtempSync(join(tmpdir(), 'coursemark-repository-')))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

function write(path: string, text = ''): void {
  mkdirSync(join(folder, path, '..'), {recursive: true})
  writeFileSync(join(folder, path), text)
}

describe('readRepository', () => {
  write('README.md', '# Course\n')
  write('lessons/01-intro.md', '# Intro\n')
  write('static/images/plot.png', 'png')
  write('.github/ISSUE_TEMPLATE/bug.md', 'template')
  write('.gitignore', 'build/\n')
  write('build/out.html', 'built')
  write('.git/HEAD', 'ref')
  write('node_modules/x/readme.md', 'package')
  write('big.md', 'x'.repeat(2000))
  symlinkSync(join(folder, 'lessons'), join(folder, 'linked'))
  symlinkSync(join(folder, '..'), join(folder, 'up'))
  write('other/notes.txt', 'notes')
  symlinkSync(join(folder, 'other'), join(folder, 'a-link'))

  it('lists every file, sorted with `/`: static files and ignored ones too, not `.git` nor `node_modules`, each folder once (a link to a folder walked already, or above the root, is not followed)', () => {
    expect(readRepository(folder).paths).toEqual([
      '.github/ISSUE_TEMPLATE/bug.md',
      '.gitignore',
      'README.md',
      'a-link/notes.txt',
      'big.md',
      'build/out.html',
      'lessons/01-intro.md',
      'static/images/plot.png'
    ])
  })

  it('reads a file synchronously, and not one over the size cap or missing', () => {
    const repository = readRepository(folder, {maxSize: 1000})
    expect(repository.read('lessons/01-intro.md')).toBe('# Intro\n')
    expect(repository.read('big.md')).toBeUndefined()
    expect(repository.read('lessons/none.md')).toBeUndefined()
  })

  it('gives the site model what it needs: the kind of each markdown file', () => {
    const site = buildSite(readRepository(folder))
    expect(Object.fromEntries(Object.values(site.files).map((file) => [file.path, file.kind]))).toEqual({
      '.github/ISSUE_TEMPLATE/bug.md': 'template',
      'README.md': 'page',
      'big.md': 'lesson',
      'lessons/01-intro.md': 'lesson'
    })
  })
})
