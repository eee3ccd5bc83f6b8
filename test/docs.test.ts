/**
 * The docs name only what exists, and name all of it: every `--flag` of
 * README.md and docs/*.md is an option of the CLI, every config key they
 * name is in the config schema, and every option and key is documented.
 * The README stays short, its first screen says how to start, and its
 * commands run as shown.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import {afterAll, describe, expect, it} from 'vitest'
import {parseDocument} from 'yaml'
import {commands as cliCommands} from '../packages/cli/src/options.js'
import {configKeys} from '../scripts/config-docs.js'
import {markdownLines} from './helpers/markdown-lines.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const docsFolder = join(root, 'docs')
const docs = new Map<string, string>([
  ['README.md', readme],
  ...readdirSync(docsFolder)
    .filter((name) => name.endsWith('.md'))
    .map((name): [string, string] => ['docs/' + name, readFileSync(join(docsFolder, name), 'utf8')])
])
const schema = JSON.parse(readFileSync(join(root, 'schemas/coursemark.config.schema.json'), 'utf8')) as Record<string, unknown>
const cliVersion = (JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as {version: string}).version
const bin = join(root, 'packages/cli/bin/coursemark.js')

/** The options of every command of the command line, and `--version`. */
const allOptions = Object.values(cliCommands).flatMap((command) => Object.entries(command.options))
const longOptions = new Set([...allOptions.map(([name]) => name), 'version'])
const shortOptions = new Set([...allOptions.flatMap(([, option]) => ('short' in option && option.short ? [option.short] : [])), 'v'])

/** Inline code spans and the lines of fenced code blocks. */
function codeOf(markdown: string): string[] {
  const code: string[] = []
  for (const {line, fenced} of markdownLines(markdown)) {
    if (!fenced) {
      for (const match of line.matchAll(/(`+)(?!`)(.+?)(?<!`)\1(?!`)/g)) code.push(match[2] ?? '')
    } else {
      code.push(line)
    }
  }

  return code
}

const flag = /(?<![\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?![\w-])/g
const short = /(?<![\w-])-([a-z])(?![\w-])/g
/** Where coursemark is invoked on a line of code: what follows is its arguments. */
const invocation = /(?:@coursemark\/cli@[\w.-]+|\bcoursemark(?:\.js)?|\bdist\/bin\.js)(?=\s)/g

/** The flags a doc gives to coursemark: in commands that run it, and in code spans that name a flag (`--fix`, `-f, --format`). */
function flagsOf(name: string, markdown: string): Array<{flag: string; where: string}> {
  const found: Array<{flag: string; where: string}> = []
  for (const code of codeOf(markdown)) {
    for (const match of code.matchAll(invocation)) {
      const rest = code.slice((match.index ?? 0) + match[0].length).split(/\|\||&&|[|;#]/)[0] ?? ''
      for (const item of rest.matchAll(flag)) found.push({flag: '--' + (item[1] ?? ''), where: `${name}: ${code}`})
      for (const item of rest.matchAll(short)) found.push({flag: '-' + (item[1] ?? ''), where: `${name}: ${code}`})
    }

    // A code span that starts with a flag names one of ours; performance.md also names Node's and the bench's.
    if (/^-{1,2}[a-z]/.test(code) && name !== 'docs/performance.md') {
      for (const item of code.matchAll(flag)) found.push({flag: '--' + (item[1] ?? ''), where: `${name}: ${code}`})
      for (const item of code.matchAll(short)) found.push({flag: '-' + (item[1] ?? ''), where: `${name}: ${code}`})
    }
  }

  return found
}

/** Config keys written with a dot (`links.cache`, `limits.maxSize`), not file names such as `links.json`. */
function configKeysOf(markdown: string): string[] {
  const tops = Object.keys(schema.properties as object).join('|')
  const pattern = new RegExp(`(?<![\\w./-]|\\{\\{ )(?:${tops})(?:\\.[a-z][A-Za-z]*)+(?![\\w/-])`, 'g')
  return [...markdown.matchAll(pattern)].map((match) => match[0]).filter((key) => !/\.(?:json|ya?ml|md|js|ts|html|png)$/.test(key))
}

/** The YAML blocks that are coursemark configs (not workflows or their jobs, not frontmatter). */
function configExamples(markdown: string): unknown[] {
  const examples: unknown[] = []
  for (const match of markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)) {
    // A frontmatter example may be YAML on purpose only site generators read.
    const document = parseDocument(match[1] ?? '')
    if (document.errors.length > 0 || (match[1] ?? '').includes('runs-on:')) continue
    const value: unknown = document.toJS()
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue
    const keys = Object.keys(value)
    const configLike = keys.some((key) => ['extends', 'rules', 'links', 'limits', 'ignores', 'overrides', 'format', 'frontmatter'].includes(key))
    if (configLike && !keys.includes('jobs') && !keys.includes('keypoints')) examples.push(value)
  }

  return examples
}

describe('the docs name only what exists', () => {
  it('finds the flags of commands and of code spans (the test can see a wrong one)', () => {
    const sample = '`coursemark lint --fixx -z`, `npx --yes @coursemark/cli@1.0.0 links --archive | tee x --other`, `--quiet`, `# --description--`'
    expect(flagsOf('x.md', sample).map((item) => item.flag)).toEqual(['--fixx', '-z', '--archive', '--quiet'])
    expect(configKeysOf('`links.deadline`, `.coursemark-cache/links.json`, `limits.maxSize`')).toEqual(['links.deadline', 'limits.maxSize'])
  })

  it('names only flags the CLI defines', () => {
    const unknown: string[] = []
    for (const [name, markdown] of docs) {
      for (const {flag: found, where} of flagsOf(name, markdown)) {
        const known = found.startsWith('--') ? longOptions.has(found.slice(2)) : shortOptions.has(found.slice(1))
        if (!known) unknown.push(`${found} in ${where}`)
      }
    }

    expect(unknown).toEqual([])
  })

  it('names only config keys the config schema has', () => {
    const known = new Set(configKeys(schema, schema).map(([key]) => key))
    const unknown: string[] = []
    for (const [name, markdown] of docs) {
      for (const key of configKeysOf(markdown)) {
        // The notes on real curricula name Jekyll's Liquid variables (`site.episodes`), not coursemark's `site` key.
        if (name.endsWith('real-curricula.md') && key.startsWith('site.')) continue
        if (!known.has(key)) unknown.push(`${key} in ${name}`)
      }
    }

    expect(known.has('links.cache')).toBe(true)
    expect(unknown).toEqual([])
  })

  it('shows config examples the config schema accepts', () => {
    const validate = new Ajv2020({strict: false, allErrors: true}).compile(schema)
    let count = 0
    for (const [name, markdown] of docs) {
      for (const example of configExamples(markdown)) {
        count++
        expect(validate(example), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true)
      }
    }

    expect(count).toBeGreaterThanOrEqual(3)
  })
})

describe('the docs run the CLI of this version', () => {
  it('name `@coursemark/cli@<version>` with the version of packages/cli', () => {
    const versions = [...docs.values()].flatMap((markdown) => [...markdown.matchAll(/@coursemark\/cli@([\w.-]+)/g)].map((match) => match[1]))
    expect(versions.length).toBeGreaterThan(3)
    expect(new Set(versions)).toEqual(new Set([cliVersion]))
  })
})

describe('the docs name all that exists', () => {
  const named = new Set([...docs.entries()].filter(([name]) => name.startsWith('docs/')).flatMap(([name, markdown]) => flagsOf(name, markdown).map((item) => item.flag)))

  it('documents every flag of the CLI in docs/', () => {
    const missing = [...longOptions].filter((option) => !named.has('--' + option))
    expect(missing).toEqual([])
  })

  it('documents every config key in docs/', () => {
    const text = [...docs.entries()].filter(([name]) => name.startsWith('docs/')).map(([, markdown]) => markdown).join('\n')
    const missing = configKeys(schema, schema)
      .map(([key]) => key)
      .filter((key) => !text.includes('`' + key + '`'))
    expect(missing).toEqual([])
  })
})

describe('README.md', () => {
  const firstScreen = readme.split('\n').slice(0, 60).join('\n')

  it('is at most 30 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(30 * 1024)
  })

  it('says in its first 60 lines how to use coursemark, with or without package.json or a release, and how to develop it', () => {
    for (const command of ['init', 'lint', 'links']) expect(firstScreen).toContain(`npx @coursemark/cli@${cliVersion} ${command}`)
    expect(firstScreen).toContain('npm i -D @coursemark/cli')
    expect(firstScreen).toContain('git clone https://github.com/coursemark/coursemark')
    expect(firstScreen).toContain('node ../coursemark/packages/cli/bin/coursemark.js lint')
    expect(firstScreen).toContain('## Develop coursemark')
    expect(firstScreen).toContain('npm ci && npm run demo')
    expect(firstScreen).toContain('npm test')
  })

  it('gives contributor commands that exist', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts
    expect(scripts.demo).toContain('lint fixtures/sample')
    expect(scripts.test).toContain('vitest run')
  })
})

describe('the README commands of "Use it in your curriculum"', () => {
  const start = readme.indexOf('## Use it in your curriculum')
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
  const commands = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
    .flatMap((match) => (match[1] ?? '').split('\n'))
    .flatMap((line) => line.split('&&'))
    .map((command) => command.replace(/#.*$/, '').trim())
    .filter(Boolean)
  const scratch = mkdtempSync(join(tmpdir(), 'coursemark-readme-'))
  afterAll(() => rmSync(scratch, {recursive: true, force: true}))

  /** The arguments of a command that runs coursemark (from the registry or a clone), or undefined. */
  function coursemarkArguments(command: string): string[] | undefined {
    const match = /^(?:npx @coursemark\/cli@[\w.-]+|node \S*packages\/cli\/bin\/coursemark\.js)\s+(.*)$/.exec(command)
    return match ? (match[1] ?? '').split(/\s+/) : undefined
  }

  it('lists the commands of the section', () => {
    expect(commands).toContain(`npx @coursemark/cli@${cliVersion} init`)
    expect(commands).toContain(`npx @coursemark/cli@${cliVersion} lint`)
    expect(commands.filter((command) => coursemarkArguments(command)?.[0] === 'lint')).toHaveLength(2)
  })

  it('run as shown in a curriculum folder without package.json (the built CLI standing in for the registry)', () => {
    writeFileSync(
      join(scratch, 'loops.md'),
      [
        '---',
        'title: Loops',
        'time: 30',
        '---',
        '',
        '## Objectives',
        '',
        '- Write a `for` loop over a list',
        '',
        '## Assignment',
        '',
        '1. Print each name of a list.',
        ''
      ].join('\n')
    )
    // Safe: what reads and writes only the folder. `links` requests the internet, the clone and install the network.
    const safe = new Set(['init', 'lint'])
    let ran = 0
    for (const command of commands) {
      const args = coursemarkArguments(command)
      if (!args || !safe.has(args[0] ?? '')) continue
      const env = {...process.env, CI: '', NO_COLOR: '1'}
      // `init` asks on a terminal, as a person runs it: a pseudo-terminal (util-linux `script`) answers yes.
      const result =
        args[0] === 'init'
          ? spawnSync('script', ['-qec', [process.execPath, bin, ...args].map((part) => JSON.stringify(part)).join(' '), '/dev/null'], {cwd: scratch, input: 'y\n', encoding: 'utf8', env})
          : spawnSync(process.execPath, [bin, ...args], {cwd: scratch, encoding: 'utf8', env})
      expect(result.stderr, command).toBe('')
      expect(result.status, command).toBe(0)
      ran++
    }

    expect(ran).toBe(3)
    expect(existsSync(join(scratch, '.coursemarkrc.yaml'))).toBe(true)
    expect(existsSync(join(scratch, 'package.json'))).toBe(false)
  })
})
