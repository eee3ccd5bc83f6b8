/**
 * An app can use `@coursemark/core` as an npm package: pack it, install the
 * tarball into a scratch project outside the workspace, then type-check and
 * run a small TypeScript consumer there. The install is light: no network
 * package comes with it (the link checker is `@coursemark/cli/links`).
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, expect, it} from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'coursemark-pack-'))
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

afterAll(() => {
  rmSync(scratch, {recursive: true, force: true})
})

const consumer = `import {parseCheckpoint, type Checkpoint, type Objective} from '@coursemark/core'
import {readCheckpoint} from '@coursemark/core/node'

const source = [
  '---',
  'title: Packed',
  'time: 1.5 hours',
  '---',
  '',
  '## Objectives',
  '',
  '- Install a tarball',
  ''
].join('\\n')

const {checkpoint, messages}: {checkpoint: Checkpoint; messages: unknown[]} = parseCheckpoint(source, {path: 'packed.md'})
const first: Objective | undefined = checkpoint.objectives[0]
const fromFile = await readCheckpoint('lesson.md')
console.log(JSON.stringify({
  fromFile: fromFile.checkpoint.title,
  title: checkpoint.title,
  timeMinutes: checkpoint.timeMinutes,
  objective: first?.text,
  line: first?.position.start.line,
  messages: messages.length
}))
`

it('installs from its tarball without a network package and works in a TypeScript project outside the workspace', () => {
  execFileSync('npm', ['pack', '-w', '@coursemark/core', '--pack-destination', scratch, '--silent'], {
    cwd: root,
    stdio: 'pipe'
  })
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'))
  expect(tarball).toBeDefined()

  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({name: 'consumer', private: true, type: 'module'})
  )
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        outDir: 'out',
        // A Node.js app: it reads a file with `@coursemark/core/node`.
        types: ['node']
      },
      files: ['consumer.ts']
    })
  )
  writeFileSync(join(scratch, 'consumer.ts'), consumer)
  writeFileSync(join(scratch, 'lesson.md'), '---\ntitle: From a file\ntime: 5\n---\n')

  execFileSync(
    'npm',
    ['install', join(scratch, tarball ?? ''), '@types/node@20', '--prefer-offline', '--no-audit', '--no-fund', '--silent'],
    {cwd: scratch, stdio: 'pipe'}
  )
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {cwd: scratch, stdio: 'pipe'})
  const output = execFileSync(process.execPath, ['out/consumer.js'], {cwd: scratch, encoding: 'utf8'})

  expect(JSON.parse(output)).toEqual({
    fromFile: 'From a file',
    title: 'Packed',
    timeMinutes: 90,
    objective: 'Install a tarball',
    line: 8,
    messages: 0
  })
  const network = ['linkinator', 'undici', 'htmlparser2', 'marked', 'meow', 'glob'].filter((name) => existsSync(join(scratch, 'node_modules', name)))
  expect(network).toEqual([])
}, 180_000)
