/**
 * `coursemark init` end to end: on a copy of a project in each format it
 * detects the format, says why, and writes a config for it (the profile,
 * ignores for pages that are not lessons, overrides per folder, a schema of
 * the project's own keys when none of ours fits) that loads.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {PassThrough, Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {loadConfig, settingsFor} from '../dist/config/config.js'
import {buildSite, type Site, type SiteFile} from '@coursemark/core'
import ignore from 'ignore'
import {classifyFile, configFor, describeDetection, type Detection} from '../dist/commands/detect.js'
import {escapePattern, ignoreEntries, notLessons} from '../dist/commands/not-lessons.js'
import {init, starterConfig, withIgnoredFolder} from '../dist/commands/init.js'
import {bin, cleanEnv, cli, run, scratch} from './helpers.js'

const written =
  'wrote .coursemarkrc.yaml: the config (format, rules, files to skip)\n' +
  'wrote .github/workflows/coursemark.yml: lints each push, checks links weekly\n' +
  'wrote .gitignore: ignores .coursemark/, where the caches go\n'

const noFormat =
  'no format detected: linting as plain markdown lessons (`format: markdown`: no frontmatter required, the title from the first heading)\n'

async function initIn(scenario: string) {
  const folder = scratch(scenario)
  const result = await cli(['init', '--yes'], folder)
  const config = await loadConfig(folder)
  return {folder, result, config}
}

describe('coursemark init detects the format', () => {
  // The ignores are anchored (`/README.md`, not every folder's README) and name files that exist.
  it.each([
    [
      'formats-carpentries',
      'carpentries',
      'detected format carpentries (2 files: frontmatter keys `teaching` and `exercises`)\n' +
        'ignoring what is not a lesson:\n' +
        '  /CODE_OF_CONDUCT.md  page: a repository page (`CODE_OF_CONDUCT.md`)\n' +
        '  /LICENSE.md          page: a repository page (`LICENSE.md`)\n' +
        '  /README.md           page: a repository page (`README.md`)\n' +
        '  /instructors/        1 page: a Carpentries page (in `instructors/`)\n' +
        '  /learners/           1 page: a Carpentries page (in `learners/`)\n',
      ['/CODE_OF_CONDUCT.md', '/LICENSE.md', '/README.md', '/instructors/', '/learners/']
    ],
    [
      'formats-carpentries-legacy',
      'carpentries',
      'detected format carpentries (2 files: frontmatter keys `teaching` and `exercises`)\n' +
        'ignoring what is not a lesson:\n' +
        '  /README.md   page: a repository page (`README.md`)\n' +
        '  /_includes/  1 included file: in `_includes/`\n' +
        '  /index.md    page: a Carpentries site page (`index.md`)\n',
      ['/README.md', '/_includes/', '/index.md']
    ],
    [
      'formats-hugo',
      'hugo',
      'detected format hugo (3 files: TOML frontmatter (`+++`))\n' +
        'ignoring what is not a lesson:\n' +
        '  /README.md          page: a repository page (`README.md`)\n' +
        '  /content/_index.md  page: a Hugo section page (`_index.md`)\n',
      ['/README.md', '/content/_index.md']
    ],
    [
      'formats-odin',
      'odin',
      'detected format odin (2 files: a `### Lesson overview` heading and no frontmatter)\n' +
        'ignoring what is not a lesson:\n' +
        '  /README.md                     page: a repository page (`README.md`)\n' +
        '  /javascript/project-rubric.md  page: a rubric\n',
      ['/README.md', '/javascript/project-rubric.md']
    ],
    [
      'formats-freecodecamp',
      'freecodecamp',
      'detected format freecodecamp (a freecodecamp site: challenge frontmatter (`challengeType`, `dashedName`) in 2 of 2 files read, first `curriculum/responsive-web-design/build-a-survey-form.md`; no `challengeOrder` for every block: lessons in file order)\n' +
        'ignoring what is not a lesson:\n' +
        '  /README.md  page: a repository page (`README.md`)\n',
      ['/README.md']
    ]
  ])('%s: %s', async (scenario, format, printed, ignores) => {
    const {folder, result, config} = await initIn(scenario)
    expect(result).toEqual({code: 0, stderr: '', stdout: printed + written})
    expect(config.base.format).toBe(format)
    expect(config.ignores).toEqual(ignores)
    expect(config.overrides).toEqual([])
    // The lessons are valid in their format: with the written config, lint finds no error.
    const lint = await cli(['-f', 'json'], folder)
    const report = JSON.parse(lint.stdout) as Array<{messages: Array<{severity: string; ruleId: string}>}>
    expect(report.flatMap((file) => file.messages.filter((message) => message.severity === 'error'))).toEqual([])
    expect(lint.code).toBe(0)
  })

  it('gives a mixed repository an override per folder', async () => {
    const {folder, result, config} = await initIn('formats-mixed')
    expect(result.stdout).toBe(
      'detected format checkpoint (2 files: frontmatter keys `title` and `time`)\n' +
        'detected format freecodecamp in fcc/ (1 file: frontmatter keys `challengeType` and `dashedName`)\n' +
        'ignoring what is not a lesson:\n' +
        '  /README.md  page: a repository page (`README.md`)\n' +
        written
    )
    expect(config.overrides).toEqual([{files: ['fcc/**'], excludeFiles: [], settings: {format: 'freecodecamp'}}])
    expect(settingsFor(config, join(folder, 'lessons', 'loops.md')).format).toBe('checkpoint')
    expect(settingsFor(config, join(folder, 'fcc', 'style-a-paragraph.md')).format).toBe('freecodecamp')
  })

  it("writes a schema of the project's own keys when none of ours fits", async () => {
    const {folder, result, config} = await initIn('formats-own')
    expect(result.stdout).toBe(
      'detected format checkpoint (2 files: frontmatter keys of its own)\n' +
        "none of the formats' schemas fits the frontmatter: wrote a schema of the project's own keys\n" +
        'wrote coursemark-frontmatter.schema.json: a schema of your frontmatter keys, to edit\n' +
        written
    )
    expect(JSON.parse(readFileSync(join(folder, 'coursemark-frontmatter.schema.json'), 'utf8'))).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Frontmatter of this project',
      description: 'Written by `coursemark init` from the keys the lessons use. Edit it to say what each key must hold.',
      type: 'object',
      required: ['duration', 'level', 'name'],
      properties: {duration: {type: 'integer'}, level: {type: 'string'}, name: {type: 'string'}, tags: {type: 'array'}}
    })
    expect(config.base.frontmatter?.schema?.required).toEqual(['duration', 'level', 'name'])
    const lint = await cli(['-f', 'json'], folder)
    const report = JSON.parse(lint.stdout) as Array<{messages: Array<{ruleId: string}>}>
    expect(report.flatMap((file) => file.messages.filter((message) => message.ruleId === 'frontmatter-schema'))).toEqual([])
  })

  // It says so where it used to print nothing, and writes `format: markdown`, no ignores.
  it('says it detected no format, and writes `format: markdown`, when it finds no lessons', async () => {
    const folder = scratch()
    expect(await cli(['init', '--yes'], folder)).toEqual({code: 0, stderr: '', stdout: noFormat + written})
    expect(existsSync(join(folder, 'coursemark-frontmatter.schema.json'))).toBe(false)
    const config = await loadConfig(folder)
    expect(config.base.format).toBe('markdown')
    expect(config.ignores).toEqual([])
  })

  it('lints each lesson folder\'s README in a README-per-lesson course, ignoring only the top README and the repository pages', async () => {
    const {folder, result, config} = await initIn('init-readme-lessons')
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'detected format markdown (a markdown site: 2 numbered lesson folders with a `README.md` each (`<lesson>/README.md`, first `1-getting-started/README.md`); no lesson has frontmatter; the lessons table of `README.md` gives the order (2 rows))\n' +
        'ignoring what is not a lesson:\n' +
        '  /.github/         1 template: in a folder of templates\n' +
        '  /CONTRIBUTING.md  page: a repository page (`CONTRIBUTING.md`)\n' +
        '  /README.md        page: a repository page (`README.md`)\n' +
        written
    })
    expect(config.base.format).toBe('markdown')
    expect(config.ignores).toEqual(['/.github/', '/CONTRIBUTING.md', '/README.md'])
    expect(readFileSync(join(folder, '.coursemarkrc.yaml'), 'utf8')).not.toMatch(/^ {2}- "?README\.md"?$/m)
    // Then lint: every lesson is linted, and the one planted defect is the only error.
    const lint = await cli(['-f', 'json'], folder)
    const report = JSON.parse(lint.stdout) as Array<{path: string; messages: Array<{severity: string; ruleId: string; line: number}>}>
    expect(report.map((file) => file.path).sort()).toEqual([
      '1-getting-started/README.md',
      '1-getting-started/assignment.md',
      '2-variables/README.md'
    ])
    const errors = report.flatMap((file) =>
      file.messages.filter((message) => message.severity === 'error').map((message) => `${file.path}:${message.line} ${message.ruleId}`)
    )
    expect(errors).toEqual(['2-variables/README.md:10 no-missing-local-target'])
    expect(lint.code).toBe(1)
  })

  it('writes ignores only for what exists: no `drafts/` in a project without one', async () => {
    const {folder, config} = await initIn('formats-odin')
    for (const pattern of config.ignores) expect(existsSync(join(folder, pattern)), pattern).toBe(true)
    expect(config.ignores).not.toContain('drafts/')
  })
})

/** A site as a generator's model would give it: only the fields `init` reads matter here. */
function siteOf(files: Array<[string, SiteFile['kind']]>): Site {
  return {
    flavour: 'jekyll',
    format: 'carpentries',
    title: undefined,
    reasons: ['`_config.yml` and `_episodes/`'],
    files: Object.fromEntries(files.map(([path, kind]) => [path, {path, kind, reason: `a ${kind} of the site`, url: undefined}])),
    urls: {},
    mounts: [],
    routes: [],
    rootKnown: true,
    modules: [],
    missing: [],
    ordered: true
  }
}

describe('what init ignores, from the site model', () => {
  it('ignores the site\'s pages, templates and data by kind, a folder at a time when nothing below it is a lesson', () => {
    const site = siteOf([
      ['404.md', 'page'],
      ['_episodes/01-intro.md', 'lesson'],
      ['_episodes/README.md', 'lesson'],
      ['_extras/about.md', 'page'],
      ['_extras/guide.md', 'page'],
      ['code/data/notes.md', 'data'],
      ['code/data/more.md', 'data'],
      ['code/README.md', 'lesson'],
      ['_episodes/draft.md', 'draft']
    ])
    const markdown = Object.keys(site.files).sort()
    expect(ignoreEntries(markdown, notLessons(site, true, 'carpentries'))).toEqual([
      {pattern: '/404.md', files: 1, what: 'page: a page of the site'},
      {pattern: '/_extras/', files: 2, what: '2 pages: a page of the site'},
      {pattern: '/code/data/', files: 2, what: '2 data files: a data of the site'}
    ])
  })

  it('ignores a plain repository\'s `bin/` whole, its boilerplate README included, and keeps a lesson folder\'s README', () => {
    const paths = ['README.md', 'bin/boilerplate/README.md', 'bin/boilerplate/_episodes/01-intro.md', 'lessons/loops/README.md']
    const site = buildSite({paths, read: () => ''}, {format: 'carpentries'})
    expect(ignoreEntries(paths, notLessons(site, false, 'carpentries')).map((entry) => entry.pattern)).toEqual(['/README.md', '/bin/'])
  })

  it('writes patterns that match the file names literally, whatever they hold', () => {
    const names = ['a*b.md', '[draft].md', 'back\\slash.md', '#notes.md', '!important.md', 'trailing .md', 'q?.md']
    for (const name of names) {
      const rules = ignore().add('/' + escapePattern(name))
      expect(rules.ignores(name), name).toBe(true)
      expect(rules.ignores('lesson/' + name), name).toBe(false)
      expect(rules.ignores('ab.md'), name).toBe(false)
    }
  })

  const structure: Detection = {
    source: 'structure',
    format: 'carpentries',
    flavour: 'workbench',
    files: 0,
    reasons: ['`config.yaml` lists `episodes:`'],
    contentDiffers: {format: 'checkpoint', files: 2, reasons: ['frontmatter keys `title` and `time`']},
    folders: [],
    ignores: [{pattern: '/README.md', files: 1, what: 'page: a repository page (`README.md`)'}],
    ownSchema: undefined
  }

  it('names the site the structure shows first, and what the content says when it differs', () => {
    expect(describeDetection(structure)).toEqual([
      'detected format carpentries (a workbench site: `config.yaml` lists `episodes:`)',
      "the content of 2 files looks like checkpoint (frontmatter keys `title` and `time`): the site's structure wins",
      'ignoring what is not a lesson:',
      '  /README.md  page: a repository page (`README.md`)'
    ])
    const config = configFor(structure, starterConfig, 'schema.json')
    expect(config).toContain('# The curriculum format, detected by `coursemark init`: a workbench site: `config.yaml` lists `episodes:`.\nformat: carpentries\n')
    expect(config).toContain('\nignores:\n  - "/README.md"\n')
  })

  it('prints the first 20 ignores and how many more the config has', () => {
    const ignores = Array.from({length: 25}, (_, index) => ({pattern: `/lesson-${index + 10}/README.fr.md`, files: 1, what: 'page'}))
    const lines = describeDetection({...structure, contentDiffers: undefined, ignores})
    expect(lines.slice(1, 3)).toEqual(['ignoring what is not a lesson:', '  /lesson-10/README.fr.md  page'])
    expect(lines).toHaveLength(1 + 1 + 20 + 1)
    expect(lines.at(-1)).toBe("  and 5 more, all in the config's `ignores`")
    expect(configFor({...structure, ignores}, starterConfig, 'schema.json').match(/^ {2}- "\/lesson-/gm)).toHaveLength(25)
  })

  it('keeps the config\'s comments on one line whatever a reason holds', () => {
    const config = configFor({...structure, reasons: ['a\nformat: hugo\r\u2028x']}, starterConfig, 'schema.json')
    expect(config).toContain('`coursemark init`: a workbench site: a format: hugo x.\nformat: carpentries\n')
    expect(config.match(/^format:/gm)).toHaveLength(1)
  })
})

describe('classifyFile', () => {
  it.each([
    ['+++\ntitle = "A"\n+++\n', 'hugo', 'TOML frontmatter (`+++`)'],
    ['---\ntitle: A\nweight: 3\n---\n', 'hugo', 'Hugo page keys (`weight`)'],
    ['---\ntitle: A\n---\n\n::: objectives\n\n- Do a thing.\n\n:::\n', 'carpentries', 'fenced divs (`::: objectives`)'],
    ['# --description--\n\nText.\n', 'freecodecamp', 'sections such as `# --description--`'],
    ['---\ntitle: A\ntime: 5\n---\n\n## Lesson overview\n', 'checkpoint', 'frontmatter keys `title` and `time`'],
    ['## Lesson overview\n\n- Do a thing.\n', 'odin', 'a `### Lesson overview` heading and no frontmatter'],
    ['# Notes\n\nText.\n', undefined, 'no frontmatter and no format markers']
  ])('reads %j as %s', (text, format, reason) => {
    const signal = classifyFile('a.md', text)
    expect([signal.format, signal.reason]).toEqual([format, reason])
  })
})

/**
 * A terminal for `init`: an input and an output that say they are TTYs; the
 * output keeps what is written. Each question gets the next of `answers`
 * (the input ends when there is none).
 */
function terminal(answers: string[]) {
  const input = Object.assign(new PassThrough(), {isTTY: true})
  let text = ''
  const stdout = Object.assign(
    new Writable({
      write(chunk: unknown, _encoding, callback) {
        text += String(chunk)
        // Answer once the question is out, as a person would.
        if (String(chunk).endsWith('[Y/n] ')) {
          const answer = answers.shift()
          if (answer === undefined) input.end()
          else input.write(answer)
        }

        callback()
      }
    }),
    {isTTY: true}
  )
  return {input, stdout, printed: () => text}
}

async function initOnTerminal(folder: string, answers: string[], flags = {}) {
  const tty = terminal(answers)
  const stderr = new PassThrough()
  const code = await init({stdout: tty.stdout, stderr, cwd: folder, env: cleanEnv()}, flags, tty.input)
  return {code, stdout: tty.printed()}
}

const plan =
  'coursemark init will write:\n' +
  '  .coursemarkrc.yaml                the config (format, rules, files to skip)\n' +
  '  .github/workflows/coursemark.yml  lints each push, checks links weekly\n' +
  '  .gitignore                        ignores .coursemark/, where the caches go\n' +
  'Write these files? [Y/n] '

describe('coursemark init asks before it writes', () => {
  it('shows each file with what it is for, asks, and writes on yes (or Enter)', async () => {
    for (const answer of ['y\n', '\n', 'YES\n']) {
      const folder = scratch()
      expect(await initOnTerminal(folder, [answer])).toEqual({code: 0, stdout: noFormat + plan + written})
      expect(readdirSync(folder).sort()).toEqual(['.coursemarkrc.yaml', '.github', '.gitignore'])
    }
  })

  it('writes nothing on no, and asks again after another answer', async () => {
    const folder = scratch()
    expect(await initOnTerminal(folder, ['n\n'])).toEqual({code: 0, stdout: noFormat + plan + 'wrote nothing\n'})
    expect(readdirSync(folder)).toEqual([])
    expect(await initOnTerminal(folder, ['maybe\n', 'no\n'])).toEqual({code: 0, stdout: noFormat + plan + 'Please answer y or n.\nWrite these files? [Y/n] wrote nothing\n'})
    expect(readdirSync(folder)).toEqual([])
  })

  it('writes nothing and exits 2 when the input ends before an answer', async () => {
    const folder = scratch()
    expect(await initOnTerminal(folder, [])).toEqual({code: 2, stdout: noFormat + plan + '\nwrote nothing (no answer)\n'})
    expect(readdirSync(folder)).toEqual([])
  })

  it('does not ask with `--yes`, nor when there is nothing to write', async () => {
    const folder = scratch()
    expect(await initOnTerminal(folder, [], {yes: true})).toEqual({code: 0, stdout: noFormat + written})
    expect(await initOnTerminal(folder, [])).toEqual({
      code: 0,
      stdout: 'kept .coursemarkrc.yaml (a config exists)\nkept .github/workflows/coursemark.yml (it exists)\nkept .gitignore (it ignores .coursemark/)\n'
    })
  })

  it('asks on a real terminal (a pseudo-terminal made by `script`)', () => {
    const folder = scratch()
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} init`
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {cwd: folder, input: 'y\n', encoding: 'utf8', env: cleanEnv()})
    expect(result.status).toBe(0)
    // The terminal echoes the answer and ends lines with CRLF.
    expect(result.stdout.replaceAll('\r\n', '\n').replace(/^y\n/, '')).toBe(noFormat + plan + written)
    expect(readdirSync(folder).sort()).toEqual(['.coursemarkrc.yaml', '.github', '.gitignore'])
  })

  it('writes nothing and exits 2 without a terminal and without `--yes` (the real binary)', () => {
    const folder = scratch()
    expect(run(['init'], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: Unexpected `init` with no terminal to ask on, expected `--yes` to write the files without asking\n'
    })
    expect(readdirSync(folder)).toEqual([])
  })

  it('writes no workflow with `--no-workflow` (the real binary)', () => {
    const folder = scratch()
    expect(run(['init', '--yes', '--no-workflow'], folder)).toEqual({
      code: 0,
      stderr: '',
      stdout: noFormat + 'wrote .coursemarkrc.yaml: the config (format, rules, files to skip)\nwrote .gitignore: ignores .coursemark/, where the caches go\n'
    })
    expect(readdirSync(folder).sort()).toEqual(['.coursemarkrc.yaml', '.gitignore'])
  })
})

describe('coursemark init and .gitignore', () => {
  it('adds `.coursemark/` once to an existing .gitignore, keeping its bytes and line ending (the real binary)', () => {
    const folder = scratch()
    // Latin-1 bytes that are not UTF-8, a CRLF file, no line break at the end.
    const before = Buffer.concat([Buffer.from('# build\r\n/dist\r\ncaf'), Buffer.from([0xe9]), Buffer.from('.txt')])
    writeFileSync(join(folder, '.gitignore'), before)
    const first = run(['init', '--yes', '--no-workflow'], folder)
    expect(first.stdout).toContain('added .coursemark/ to .gitignore: the caches go there\n')
    const after = readFileSync(join(folder, '.gitignore'))
    expect(after).toEqual(Buffer.concat([before, Buffer.from('\r\n.coursemark/\r\n')]))
    const second = run(['init', '--yes', '--no-workflow'], folder)
    expect(second.stdout).toBe('kept .coursemarkrc.yaml (a config exists)\nkept .gitignore (it ignores .coursemark/)\n')
    expect(readFileSync(join(folder, '.gitignore'))).toEqual(after)
    expect(readdirSync(folder).sort()).toEqual(['.coursemarkrc.yaml', '.gitignore'])
  })

  it.each([
    ['', '.coursemark/\n'],
    ['dist\n', 'dist\n.coursemark/\n'],
    ['dist', 'dist\n.coursemark/\n'],
    ['a\r\nb\r\n', 'a\r\nb\r\n.coursemark/\r\n']
  ])('adds the line to %j', (before, after) => {
    expect(Buffer.from(withIgnoredFolder(Buffer.from(before)) ?? []).toString()).toBe(after)
  })

  it.each(['.coursemark', '.coursemark/', '/.coursemark/', '.coursemark/*', '/.coursemark/**', 'x\n.coursemark/  \ny'])('finds %j already ignores it', (before) => {
    expect(withIgnoredFolder(Buffer.from(before))).toBeUndefined()
  })

  it.each(['.coursemark/cache/', '!.coursemark/', '# .coursemark/', 'a.coursemark/'])('finds %j does not', (before) => {
    expect(withIgnoredFolder(Buffer.from(before))).toBeDefined()
  })

  it('leaves .gitignore alone in a project with a package.json, whose caches go under node_modules', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'package.json'), '{"private": true}\n')
    writeFileSync(join(folder, '.gitignore'), 'node_modules/\n')
    expect((await cli(['init', '--yes'], folder)).stdout).not.toContain('.gitignore')
    expect(readFileSync(join(folder, '.gitignore'), 'utf8')).toBe('node_modules/\n')
  })

  it('does not write through a .gitignore that is a symbolic link', async () => {
    const folder = scratch()
    const outside = scratch()
    writeFileSync(join(outside, 'ignore'), 'dist\n')
    symlinkSync(join(outside, 'ignore'), join(folder, '.gitignore'))
    mkdirSync(join(folder, 'lessons'))
    const result = await cli(['init', '--yes', '--no-workflow'], folder)
    expect(result.stdout).toContain('kept .gitignore (not a regular file): add `.coursemark/` to it\n')
    expect(readFileSync(join(outside, 'ignore'), 'utf8')).toBe('dist\n')
    expect(existsSync(join(folder, '.coursemarkrc.yaml'))).toBe(true)
  })
})
