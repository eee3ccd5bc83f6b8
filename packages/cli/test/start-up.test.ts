/**
 * What a run loads. A rerun that takes every file from `--cache` must not
 * load the parser or the rules (they were a third of its time), and the
 * light entries of core and the plugin must stay light. Checked by recording,
 * from Node's own debug log, every module the real binary loads.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {bin, cleanEnv, scratch} from './helpers.js'

/** The site builders (the site model of each generator). */
const builders = /\/core\/dist\/site\/(?:index|checkpoint|hugo|workbench|jekyll)\.js$/

/** The plain site fixture: a repository without a site generator. */
const plainSite = fileURLToPath(new URL('../../../fixtures/sites/plain/', import.meta.url))

/** Modules only the parse and the rules need. */
const heavy = /\/(?:micromark[^/]*|remark-parse|mdast-util-from-markdown|yaml|ajv|smol-toml)\/|\/core\/dist\/(?:model\/parse|markdown\/syntax|index)\.js$|\/remark-plugin\/dist\/(?:registry|index)\.js$/

/**
 * Modules a rerun from the cache does without, in a project without ignore
 * files or overrides: the message library, the glob and ignore matchers, the
 * writer. (It loads the rules that compare files, `rule.js` among them, to
 * run their finish phase; they make messages only when they find something.)
 */
const light = /\/(?:vfile-message|vfile|picomatch|ignore)\/|\/core\/dist\/(?:node|messages|atomic)\.js$/

/**
 * Run node with `args`, recording every module it loads; gives the run and
 * the module URLs. ES modules are loaded both by `import()` and by `require`
 * (the binary loads its own with `require`, see `main.ts`), and Node 20's
 * module hooks see only the first, so the record is Node's own debug log
 * (`NODE_DEBUG=esm`: a line "Translating StandardModule <url>" per ES module
 * on Node 20, 22 and 24), taken out of stderr before the run's own output.
 * CommonJS modules are read from the require cache at exit, Node's own
 * modules from `process.moduleLoadList` (as `node:<name>`). Each test that
 * checks a module is absent also checks one is present, so a log that no
 * longer says this fails the tests rather than passing them.
 */
function traced(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const folder = scratch()
  const log = join(folder, 'modules.txt')
  writeFileSync(log, '')
  writeFileSync(
    join(folder, 'record.cjs'),
    [
      "const {appendFileSync} = require('node:fs')",
      "const {pathToFileURL} = require('node:url')",
      `const log = ${JSON.stringify(log)}`,
      "const prefix = 'ESM ' + process.pid + ':'",
      'const write = process.stderr.write',
      'process.stderr.write = function (chunk, ...rest) {',
      "  if (typeof chunk !== 'string' || !chunk.startsWith(prefix)) return write.call(this, chunk, ...rest)",
      '  const loaded = /Translating StandardModule (\\S+)/.exec(chunk)',
      "  if (loaded) appendFileSync(log, loaded[1] + '\\n')",
      '  return true',
      '}',
      "const builtins = () => process.moduleLoadList.filter((name) => name.startsWith('NativeModule ')).map((name) => 'node:' + name.slice(13) + '\\n')",
      "process.on('exit', () => appendFileSync(log, Object.keys(require.cache).map((path) => pathToFileURL(path).href + '\\n').join('') + builtins().join('')))",
      ''
    ].join('\n')
  )
  const result = spawnSync(process.execPath, ['--require', join(folder, 'record.cjs'), ...args], {
    cwd,
    env: cleanEnv({...env, NODE_DEBUG: 'esm'}),
    encoding: 'utf8'
  })
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean)
  return {code: result.status, stdout: result.stdout, stderr: result.stderr, modules}
}

describe('start-up', () => {
  it('loads no parser and no rule when every file comes from the cache, and reports the same', () => {
    const folder = scratch('formats')
    const cold = traced([bin, 'lint', '--cache'], folder, {COURSEMARK_STATS: '1'})
    const warm = traced([bin, 'lint', '--cache'], folder, {COURSEMARK_STATS: '1'})
    // The record sees the parser when it is loaded: the check below can fail.
    expect(cold.modules.filter((url) => heavy.test(url)).length).toBeGreaterThan(20)
    expect(cold.stderr).toMatch(/linted (\d+) of \1 files \(0 from cache\)/)
    expect(warm.stderr).toMatch(/linted 0 of (\d+) files \(\1 from cache\)/)
    expect(warm.modules.filter((url) => heavy.test(url))).toEqual([])
    expect({code: warm.code, stdout: warm.stdout}).toEqual({code: cold.code, stdout: cold.stdout})
    expect(warm.code).toBe(1)
  })

  it('hashes nothing in a rerun whose stored site holds (no `node:crypto`)', async () => {
    const folder = scratch('formats')
    // Files changed within 3 s are hashed again by the next run (a stamp is not trusted that soon): let them age.
    await new Promise((resolve) => setTimeout(resolve, 3_100))
    const cold = traced([bin, 'lint', '--cache'], folder)
    const warm = traced([bin, 'lint', '--cache'], folder, {COURSEMARK_STATS: '1'})
    expect(warm.stderr).toMatch(/linted 0 of (\d+) files \(\1 from cache\)/)
    // The cold run hashes what the site model read; the rerun compares the stored site's key and the stamps.
    expect(cold.modules).toContain('node:crypto')
    expect(warm.modules).not.toContain('node:crypto')
    expect(warm.stdout).toBe(cold.stdout)
  })

  it('reads the stored site itself only when a file must be linted, and builds a damaged one again', () => {
    const folder = scratch()
    cpSync(plainSite, folder, {recursive: true})
    const cold = traced([bin, 'lint', '--cache', '-f', 'json'], folder)
    const store = join(folder, '.coursemark', 'cache', 'lint.json.site')
    const [header = ''] = readFileSync(store, 'utf8').split('\n')
    writeFileSync(store, header + '\n{"damaged": \n')
    // Every file from the cache: the site itself is not read (nor its builders loaded to build it again).
    const warm = traced([bin, 'lint', '--cache', '-f', 'json'], folder, {COURSEMARK_STATS: '1'})
    expect(warm.stderr).toMatch(/linted 0 of (\d+) files \(\1 from cache\)/)
    expect(warm.stdout).toBe(cold.stdout)
    expect(warm.modules.filter((url) => builders.test(url))).toEqual([])

    // A file to lint (one the site model did not read): the site is read, found damaged and built again.
    const readme = join(folder, 'README.md')
    writeFileSync(readme, readFileSync(readme, 'utf8') + '\nMore words.\n')
    const fresh = traced([bin, 'lint', '-f', 'json'], folder)
    const rebuilt = traced([bin, 'lint', '--cache', '-f', 'json'], folder, {COURSEMARK_STATS: '1'})
    expect(rebuilt.stderr).toMatch(/linted 1 of \d+ files/)
    expect(rebuilt.modules.some((url) => builders.test(url))).toBe(true)
    expect(rebuilt.stdout).toBe(fresh.stdout)
  })

  it('loads no message library, no matcher and no writer in a cached rerun that writes nothing, and the matchers where they are needed', () => {
    const folder = scratch('formats')
    traced([bin, 'lint', '--cache'], folder)
    const warm = traced([bin, 'lint', '--cache'], folder, {COURSEMARK_STATS: '1'})
    expect(warm.stderr).toMatch(/linted 0 of (\d+) files \(\1 from cache\)/)
    expect(warm.modules.filter((url) => light.test(url))).toEqual([])

    // An ignore file and an override: then the ignore and glob matchers are loaded (with `require`), and do their work.
    writeFileSync(join(folder, '.gitignore'), 'clean.md\n')
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'overrides:\n  - files: ["findings.md"]\n    rules:\n      heading-increment: off\n')
    const matched = traced([bin, 'lint', '--cache', '-f', 'json'], folder)
    expect(matched.modules.filter((url) => /\/(?:picomatch|ignore)\/index\.js$/.test(url)).map((url) => url.replace(/^.*\/node_modules\//, ''))).toEqual(
      expect.arrayContaining(['ignore/index.js', 'picomatch/index.js'])
    )
    expect(matched.stdout).toContain('findings.md')
    expect(matched.stdout).not.toContain('clean.md')
    expect(matched.stdout).not.toContain('heading-increment')
  })

  it('loads the parser again as soon as one file changed', () => {
    const folder = scratch('formats')
    traced([bin, 'lint', '--cache'], folder)
    const file = join(folder, 'findings.md')
    writeFileSync(file, readFileSync(file, 'utf8') + '\nOne more line.\n')
    const warm = traced([bin, 'lint', '--cache'], folder, {COURSEMARK_STATS: '1'})
    expect(warm.stderr).toMatch(/linted 1 of (\d+) files \(\d+ from cache\)/)
    expect(warm.modules.some((url) => url.includes('/core/dist/model/parse-checkpoint.js'))).toBe(true)
  })

  it('takes the config from the cache while neither it nor its schema changed, and reads it again when one did', () => {
    const folder = scratch('formats')
    const config = join(folder, '.coursemarkrc.yaml')
    const schema = join(folder, 'lesson.schema.json')
    writeFileSync(config, 'rules:\n  heading-increment: off\nfrontmatter:\n  schema: lesson.schema.json\n')
    writeFileSync(schema, JSON.stringify({type: 'object', required: ['title', 'level']}))
    const read = (run: {modules: string[]}) => run.modules.some((url) => url.endsWith('/remark-plugin/dist/config/read-config.js'))

    const cold = traced([bin, 'lint', '--cache'], folder)
    expect(read(cold)).toBe(true)
    expect(cold.stdout).toMatch(/level/)
    expect(cold.stdout).not.toMatch(/heading-increment/)
    const warm = traced([bin, 'lint', '--cache'], folder)
    expect(read(warm)).toBe(false)
    expect(warm.modules.filter((url) => heavy.test(url))).toEqual([])
    expect({code: warm.code, stdout: warm.stdout}).toEqual({code: cold.code, stdout: cold.stdout})

    writeFileSync(schema, JSON.stringify({type: 'object', required: ['title']}))
    const schemaChanged = traced([bin, 'lint', '--cache'], folder)
    expect(read(schemaChanged)).toBe(true)
    expect(schemaChanged.stdout).not.toMatch(/level/)

    writeFileSync(config, 'rules:\n  heading-increment: warn\nfrontmatter:\n  schema: lesson.schema.json\n')
    const configChanged = traced([bin, 'lint', '--cache'], folder)
    expect(read(configChanged)).toBe(true)
    expect(configChanged.stdout).toMatch(/heading-increment/)
    expect(traced([bin, 'lint', '--cache'], folder).stdout).toBe(configChanged.stdout)
  })

  it('keeps the light entries of core and the plugin free of the parser and the rules', () => {
    const script = "await import('@coursemark/core/messages'); await import('@coursemark/core/node'); await import('@coursemark/remark-plugin/rule')"
    const result = traced(['--input-type=module', '-e', script], join(bin, '..'))
    expect(result.code).toBe(0)
    expect(result.modules.some((url) => url.endsWith('/remark-plugin/dist/rule.js'))).toBe(true)
    expect(result.modules.filter((url) => heavy.test(url))).toEqual([])

    const meta = traced(['--input-type=module', '-e', "await import('@coursemark/remark-plugin/rule-meta'); await import('@coursemark/core/rule-url')"], join(bin, '..'))
    expect(meta.code).toBe(0)
    expect(meta.modules.some((url) => url.endsWith('/remark-plugin/dist/rule-meta.js'))).toBe(true)
    expect(meta.modules.filter((url) => heavy.test(url) || light.test(url))).toEqual([])
  })
})
