import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfig, settingsFor} from '../dist/config/config.js'
import {cli, project, scratch} from './helpers.js'

const options = '`$schema`, `extends`, `format`, `rules`, `headings`, `frontmatter`, `limits`, `wordsPerMinute`, `ignores`, `links`, `site` or `overrides`'

describe('config', () => {
  it('reports every problem of an invalid config at its key or value, and exits 2', async () => {
    expect(await cli([], project('config-invalid'))).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'coursemark: coursemark.config.json:2:14-2:21: Unexpected value `"loose"` for `extends`, expected `recommended` or `strict`',
        'coursemark: coursemark.config.json:4:27-4:35: Unexpected value `"loudly"` for `rules.objectives-present`, expected `off`, `info`, `warning` (or `warn`), `error`, 0, 1, 2 or `[severity, options]`',
        'coursemark: coursemark.config.json:5:5-5:19: Unexpected unknown rule `no-such-rule`, expected a rule listed by `coursemark rules`',
        'coursemark: coursemark.config.json:6:5-6:18: Unexpected unknown rule `constructor`, expected a rule listed by `coursemark rules`',
        'coursemark: coursemark.config.json:8:25-8:29: Unexpected value `"10"` for `limits.maxSize`, expected an integer',
        `coursemark: coursemark.config.json:9:3-9:14: Unexpected unknown option \`__proto__\`, expected ${options}`,
        'coursemark: coursemark.config.json:11:15-11:34: Unexpected glob `lessons/[draft.md` (missing closing: "]"), expected a glob relative to the config file such as `lessons/**/*.md`',
        'coursemark: coursemark.config.json:12:15-12:17: Unexpected value `[]` for `overrides[1].files`, expected a glob or a non-empty list of globs',
        `coursemark: coursemark.config.json:14:3-14:10: Unexpected unknown option \`color\`, expected ${options}`,
        'coursemark: invalid config `coursemark.config.json` (9 problems)',
        ''
      ].join('\n')
    })
  })

  it('refuses override globs that would take too long to match, and matches the others quickly', async () => {
    const folder = scratch()
    writeFileSync(
      join(folder, '.coursemarkrc.yaml'),
      "overrides:\n  - files: ['**/*a*a*/**/*a*b']\n    rules: {objectives-present: off}\n  - files: ['+(a|aa)b', '**/a/**/a/**/b']\n    rules: {objectives-present: off}\n"
    )
    const result = await cli([], folder)
    const expected = 'expected a glob relative to the config file such as `lessons/**/*.md`'
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `coursemark: .coursemarkrc.yaml:2:13-2:31: Unexpected glob \`**/*a*a*/**/*a*b\` (more than two \`*\` in a path segment or two \`**\`, slow to match), ${expected}`,
        `coursemark: .coursemarkrc.yaml:4:25-4:41: Unexpected glob \`**/a/**/a/**/b\` (more than two \`*\` in a path segment or two \`**\`, slow to match), ${expected}`,
        'coursemark: invalid config `.coursemarkrc.yaml` (2 problems)',
        ''
      ].join('\n')
    })

    // An extglob is matched as plain text, never as a backtracking group.
    writeFileSync(join(folder, '.coursemarkrc.yaml'), "overrides:\n  - files: ['+(a|aa)b', '**/*a*/**/b']\n    rules: {objectives-present: off}\n")
    const config = await loadConfig(folder)
    const long = join(folder, ...Array.from({length: 20}, () => 'a'.repeat(200)), 'a'.repeat(60))
    const started = performance.now()
    expect(settingsFor(config, long).rules).toEqual({})
    expect(settingsFor(config, join(folder, 'aab')).rules).toEqual({})
    expect(settingsFor(config, join(folder, '+(a|aa)b')).rules).toEqual({'objectives-present': 'off'})
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('reports YAML syntax errors and duplicate keys with positions', async () => {
    expect(await cli([], project('config-yaml'))).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'coursemark: .coursemarkrc.yaml:5:3-5:21: Unexpected duplicate key `objectives-present`, expected each key once',
        'coursemark: .coursemarkrc.yaml:8:1-8:1: Unexpected config that cannot be read as JSON or YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        'coursemark: invalid config `.coursemarkrc.yaml` (2 problems)',
        ''
      ].join('\n')
    })
  })

  it('reads the `coursemark` key of package.json, with rule severities and overrides by glob', async () => {
    const duplicate = 'Unexpected duplicate `title` `Variables in the shell`, expected each checkpoint to have its own'
    expect(await cli(['-f', 'github'], project('config-package'))).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::warning file=archive/old.md,line=2,col=8,endLine=2,endColumn=30,title=coursemark%3Aduplicate-title::${duplicate} (also in \`lesson.md:2:8\`)`,
        `::warning file=lesson.md,line=2,col=8,endLine=2,endColumn=30,title=coursemark%3Aduplicate-title::${duplicate} (also in \`archive/old.md:2:8\`)`,
        '::warning file=lesson.md,line=5,col=7,endLine=5,endColumn=20,title=coursemark%3Afrontmatter-schema::Unexpected `time` value `about an hour`, expected minutes (`90`) or a duration (`1.5 hours`)',
        '::error file=lesson.md,line=19,col=1,endLine=19,endColumn=22,title=coursemark%3Ano-missing-heading-space::Unexpected heading `##Exporting` without a space after `##`, expected `## Exporting`',
        ''
      ].join('\n')
    })
  })

  it('finds the config from the working directory upward', async () => {
    const result = await cli(['-f', 'github', 'old.md'], join(project('config-package'), 'archive'))
    expect(result).toEqual({code: 0, stderr: '', stdout: ''})
  })

  it('uses `--config` instead of searching', async () => {
    const result = await cli(['--config', '../formats/warnings-only.json', 'lesson.md', '-f', 'github'], project('config-yaml'))
    expect(result).toEqual({code: 0, stderr: '', stdout: ''})
  })

  it('gives one line for a config that cannot be read', async () => {
    expect(await cli(['--config', 'missing.json'], project('formats'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coursemark: cannot read config `missing.json`: ENOENT: no such file or directory\n'
    })
  })

  it('never evaluates config values and ignores prototype keys', async () => {
    const folder = scratch()
    writeFileSync(
      join(folder, '.coursemarkrc'),
      '{"rules": {"__proto__": "off", "toString": "off"}, "headings": {"constructor": ["x"]}, "extends": "${process.exit(7)}"}\n'
    )
    writeFileSync(join(folder, 'a.md'), '# A\n')
    expect(await cli([], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'coursemark: .coursemarkrc:1:12-1:23: Unexpected rule `__proto__`, expected a rule id such as `objectives-present`',
        'coursemark: .coursemarkrc:1:32-1:42: Unexpected rule `toString`, expected a rule id such as `objectives-present`',
        'coursemark: .coursemarkrc:1:65-1:78: Unexpected unknown option `headings.constructor`, expected `objectives`, `assignment` or `resources`',
        'coursemark: .coursemarkrc:1:99-1:119: Unexpected value `"${process.exit(7)}"` for `extends`, expected `recommended` or `strict`',
        'coursemark: invalid config `.coursemarkrc` (4 problems)',
        ''
      ].join('\n')
    })
  })

  it('reads a custom frontmatter schema and the allowed teams', async () => {
    const folder = scratch()
    mkdirSync(join(folder, 'schemas'))
    writeFileSync(
      join(folder, 'schemas', 'frontmatter.yaml'),
      'type: object\nrequired: [title, level]\nproperties:\n  title: {type: string}\n  team: {type: string}\n  level: {enum: [beginner, advanced]}\n'
    )
    writeFileSync(
      join(folder, '.coursemarkrc.json'),
      '{"frontmatter": {"schema": "schemas/frontmatter.yaml", "unknownKeys": "off", "teams": ["engineering"]}}\n'
    )
    writeFileSync(join(folder, 'a.md'), '---\ntitle: A\nlevel: expert\nteam: sales\n---\n\n# A\n')
    const result = await cli(['-f', 'json', 'a.md'], folder)
    const report = JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string; line: number; column: number; endColumn: number; message: string}>}>
    const schemaMessages = report[0]?.messages.filter((message) => message.ruleId === 'frontmatter-schema') ?? []
    expect(schemaMessages.map((message) => `${message.line}:${message.column}-${message.endColumn} ${message.message}`)).toEqual([
      '3:8-14 Unexpected `level` value `expert`, expected `beginner` or `advanced`',
      '4:7-12 Unexpected `team` value `sales`, expected `engineering`'
    ])
    expect(result.code).toBe(1)
  })

  it('names sections with the `headings` aliases, per override', async () => {
    const folder = scratch()
    const lesson = '---\ntitle: A\ntime: 5\n---\n\n## What you will learn\n\n- Write a loop\n\n## Loops\n\nA loop repeats commands.\n'
    writeFileSync(join(folder, 'a.md'), lesson)
    mkdirSync(join(folder, 'old'))
    writeFileSync(join(folder, 'old', 'b.md'), lesson.replace('title: A', 'title: B'))
    writeFileSync(
      join(folder, '.coursemarkrc.yaml'),
      'headings:\n  objectives: [What you will learn]\noverrides:\n  - files: "old/**"\n    headings:\n      objectives: [Goals]\n'
    )
    const report = JSON.parse((await cli(['-f', 'json'], folder)).stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>
    expect(report.map((file) => [file.path, file.messages.some((message) => message.ruleId === 'objectives-present')])).toEqual([
      ['a.md', false],
      ['old/b.md', true]
    ])
  })

  it('reports a frontmatter schema that cannot be read at the config value', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.json'), '{"frontmatter": {"schema": "nope.json"}}\n')
    expect(await cli([], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'coursemark: .coursemarkrc.json:1:28-1:39: Unexpected frontmatter schema `nope.json` that cannot be read (ENOENT: no such file or directory), expected a JSON Schema file',
        'coursemark: invalid config `.coursemarkrc.json` (1 problem)',
        ''
      ].join('\n')
    })
  })

  it('reports a wrong format and a misspelt rule at their place, with a suggestion', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'format: jekyll\nrules:\n  objective-present: off\n')
    expect(await cli([], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'coursemark: .coursemarkrc.yaml:1:9-1:15: Unexpected value `"jekyll"` for `format`, expected `checkpoint`, `carpentries`, `hugo`, `odin`, `freecodecamp` or `markdown`',
        'coursemark: .coursemarkrc.yaml:3:3-3:20: Unexpected unknown rule `objective-present`, expected `objectives-present` or another rule listed by `coursemark rules`',
        'coursemark: invalid config `.coursemarkrc.yaml` (2 problems)',
        ''
      ].join('\n')
    })
  })

  it('reports a bad `links.archiveAfter` at its place', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'links:\n  archiveAfter:\n    checks: 0\n    days: 1.5\n    runs: 2\n')
    expect(await cli([], folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'coursemark: .coursemarkrc.yaml:3:13-3:14: Unexpected value `0` for `links.archiveAfter.checks`, expected a number of at least 1',
        'coursemark: .coursemarkrc.yaml:4:11-4:14: Unexpected value `1.5` for `links.archiveAfter.days`, expected an integer',
        'coursemark: .coursemarkrc.yaml:5:5-5:9: Unexpected unknown option `links.archiveAfter.runs`, expected `checks` or `days`',
        'coursemark: invalid config `.coursemarkrc.yaml` (3 problems)',
        ''
      ].join('\n')
    })
  })

  it('gives each file the format of its folder: the top level, then overrides', async () => {
    const folder = scratch()
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'format: carpentries\noverrides:\n  - files: "fcc/**"\n    format: freecodecamp\n')
    const config = await loadConfig(folder)
    expect(settingsFor(config, join(folder, 'episodes', 'a.md')).format).toBe('carpentries')
    expect(settingsFor(config, join(folder, 'fcc', 'b.md')).format).toBe('freecodecamp')
    expect(settingsFor(await loadConfig(scratch()), join(folder, 'c.md')).format).toBe('checkpoint')
  })

  it('reads the `site.rawShortcodes` a Hugo project adds: their bodies are not linted as markdown', async () => {
    const folder = scratch()
    const lesson = '+++\ntitle = "Run it"\n+++\n\n# Run it\n\n{{< terminal >}}\n$ cat [notes](missing.md)\n{{< /terminal >}}\n'
    writeFileSync(join(folder, 'lesson.md'), lesson)
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'format: hugo\n')
    const before = await cli(['--format', 'json', 'lesson.md'], folder)
    expect(before.stdout).toContain('missing.md')
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'format: hugo\nsite:\n  rawShortcodes: [terminal]\n')
    const config = await loadConfig(folder)
    expect(settingsFor(config, join(folder, 'lesson.md')).rawShortcodes).toEqual(['terminal'])
    const after = await cli(['--format', 'json', 'lesson.md'], folder)
    expect(after.stdout).not.toContain('missing.md')
    expect(after.code).toBe(0)
  })
})
