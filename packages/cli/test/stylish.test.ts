import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import fc from 'fast-check'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {compareFile, compareMessage} from 'vfile-sort'
import {statistics} from 'vfile-statistics'
import stringWidth from 'string-width'
import stripAnsi from 'strip-ansi'
import {describe, expect, it} from 'vitest'
import {stylish} from '../dist/reporters/stylish.js'
import type {FileResult, LintMessage} from '../dist/types.js'
import {cli, scratch} from './helpers.js'

const noFacts: FileResult['facts'] = {uuid: null, title: null, relative: [], external: []}

/** Our results as VFiles, sorted by vfile-sort: the order the report must follow. */
function sortedByVfileSort(results: FileResult[]): Array<{path: string; message: LintMessage}> {
  const files = results.map((result) => {
    const vfile = new VFile({path: result.path})
    for (const item of result.messages) {
      const message = new VFileMessage(item.reason, {...(item.place ? {place: item.place} : {}), ruleId: item.ruleId, source: item.source})
      message.fatal = item.severity === 'error' ? true : item.severity === 'warning' ? false : undefined
      vfile.messages.push(message)
    }

    return vfile
  })
  const originals = new Map<VFileMessage, LintMessage>()
  for (const [index, vfile] of files.entries()) {
    for (const [at, message] of vfile.messages.entries()) originals.set(message, results[index]?.messages[at] as LintMessage)
  }

  return files.sort(compareFile).flatMap((vfile) =>
    [...vfile.messages].sort(compareMessage).map((message) => ({path: vfile.path, message: originals.get(message) as LintMessage}))
  )
}

function file(path: string, messages: LintMessage[]): FileResult {
  return {path, messages, facts: noFacts}
}

function message(reason: string, severity: LintMessage['severity'], at: [number, number, number, number] | null, ruleId = 'rule', source = 'coursemark'): LintMessage {
  const place = at ? {start: {line: at[0], column: at[1], offset: 0}, end: {line: at[2], column: at[3], offset: 0}} : null
  return {ruleId, source, reason, severity, place, url: null}
}

function report(results: FileResult[], color = false, quiet = false, columns?: number): Promise<string> {
  return stylish(results, {color, quiet, version: '0.0.0', columns})
}

/** What the report shows of a text: on one line, control characters as U+FFFD. */
const oneLine = (text: string) => text.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*|\t/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '\uFFFD').trim()

/** What stays of a report without its white space (wrapping moves only white space). */
const ink = (text: string) => text.replace(/\s+/g, '')

const fragment = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom('Unexpected ', 'heading', ', expected ', 'x', ' ', '  ', '`', '``', '```', '`code`', '-', '#')},
  {weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\t', '\n\n', ' \n')},
  {weight: 2, arbitrary: fc.constantFrom('漢字', 'レッスン', '한국어', 'ｱｲｳ', 'e\u0301', 'a\u0308\u0323', '👍', '👍🏽', '👨‍👩‍👧', '🇫🇷', '1\uFE0F\u20E3', '\u200B', '\u00A0', '\u3000', 'ß', 'é')},
  {weight: 1, arbitrary: fc.string({unit: 'grapheme', maxLength: 4})},
  {weight: 1, arbitrary: fc.string({unit: 'binary-ascii', maxLength: 3})}
)

const text = (maxLength: number) => fc.array(fragment, {maxLength}).map((parts) => parts.join(''))

const segment = fc.oneof(
  fc.constantFrom('a', 'b', 'B', 'lessons', 'Lessons', '01-intro', '10-end', '2-middle', 'café', 'cafe', 'über', 'レッスン', '한국어', 'a b', 'z'),
  fc.string({unit: 'grapheme', minLength: 1, maxLength: 5})
)

const path = fc.array(segment, {minLength: 1, maxLength: 3}).map((parts) => parts.join('/') + '.md')

const at = fc.tuple(fc.nat(12), fc.nat(40), fc.nat(12), fc.nat(40))

const lintMessage = fc.record({
  ruleId: fc.oneof(fc.constantFrom('frontmatter-schema', 'heading-increment', 'link-dead', 'a', ''), text(2)),
  source: fc.oneof(fc.constantFrom('coursemark', 'remark-lint', ''), text(2)),
  reason: text(8),
  severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
  place: fc.option(at.map(([line, column, endLine, endColumn]) => ({start: {line, column, offset: 0}, end: {line: endLine, column: endColumn, offset: 0}}))),
  url: fc.option(fc.constant('https://example.com/docs#rule'))
})

const fileResults = fc.array(
  fc.record({path, messages: fc.array(lintMessage, {maxLength: 6})}).map(({path, messages}) => file(path, messages)),
  {maxLength: 5}
)

describe('stylish', () => {
  it('prints each message on one line when piped, in vfile-sort\'s order, with `path:line:column` first and vfile-statistics\' counts', async () => {
    await fc.assert(
      fc.asyncProperty(fileResults, fc.boolean(), async (results, quiet) => {
        const text = await report(results, false, quiet)
        const order = sortedByVfileSort(results)
        if (order.length === 0) {
          expect(text).toBe(quiet || results.length === 0 ? '' : `✔ no problems in ${results.length} file${results.length === 1 ? '' : 's'}\n`)
          return
        }

        // Blocks of findings by file, a blank line between them, then the counts.
        const lines = text.slice(0, -1).split('\n')
        const findings = lines.slice(0, -2).filter((line, index, all) => !(line === '' && all[index + 1] !== undefined && index > 0))
        expect(findings.length, text).toBe(order.length)
        for (const [index, {path, message}] of order.entries()) {
          const line = findings[index] ?? ''
          const shown = oneLine(path)
          const place = message.place ? `${shown}:${message.place.start.line || 1}:${message.place.start.column || 1}` : shown
          expect(line.startsWith(place + ' '), `${line} <- ${place}`).toBe(true)
          const rule = message.source === 'coursemark' || message.source === '' ? message.ruleId : `${message.source}:${message.ruleId}`
          expect(ink(line)).toBe(ink(place + message.severity + oneLine(message.reason) + oneLine(rule)))
        }

        const counts = statistics(results.map((result) => {
          const vfile = new VFile()
          for (const item of result.messages) vfile.message('x').fatal = item.severity === 'error' ? true : item.severity === 'warning' ? false : undefined
          return vfile
        }))
        const byline = lines.at(-1) ?? ''
        expect(byline.startsWith(counts.fatal ? '✖' : '⚠'), byline).toBe(true)
        expect(byline).toContain(` ${counts.total} problem`)
        if (counts.fatal) expect(byline).toContain(`${counts.fatal} error`)
        if (counts.warn) expect(byline).toContain(`${counts.warn} warning`)
      }),
      {numRuns: 300}
    )
  })

  it('wraps to the terminal\'s width, moving only white space, and no line is wider than the terminal', async () => {
    await fc.assert(
      fc.asyncProperty(fileResults, fc.integer({min: 50, max: 120}), async (results, columns) => {
        const piped = await report(results)
        const wrapped = await report(results, false, false, columns)
        expect(ink(wrapped)).toBe(ink(piped))
        // A path is never broken: only a line holding one wider than the terminal may be wider.
        const widestPlace = Math.max(0, ...results.flatMap((result) => result.messages.map((item) => stringWidth(result.path) + (item.place ? 12 : 0))))
        // Nor is a word: a reason whose one word is wider than the room left for it stays wider.
        const widestWord = Math.max(0, ...results.flatMap((result) => result.messages.flatMap((item) => item.reason.split(/\s/).map((word) => stringWidth(word)))))
        for (const line of wrapped.split('\n')) {
          if (widestPlace + 10 + widestWord <= columns) expect(stringWidth(line), line).toBeLessThanOrEqual(columns)
        }
      }),
      {numRuns: 300}
    )
  })

  it('prints with colour what it prints without, plus escapes', async () => {
    await fc.assert(
      fc.asyncProperty(fileResults, fc.option(fc.integer({min: 20, max: 120}), {nil: undefined}), async (results, columns) => {
        expect(stripAnsi(await report(results, true, false, columns))).toBe(await report(results, false, false, columns))
      }),
      {numRuns: 200}
    )
  })

  it('aligns the columns of a file, sorts files and messages, and ends with the counts', async () => {
    const results = [
      file('b.md', [
        message('Unexpected `x`, expected `y`', 'warning', [3, 1, 3, 5], 'r'),
        message('Unexpected binary file', 'error', null, 'input-binary'),
        message('Unexpected rank `4`, expected rank `3`', 'error', [12, 1, 12, 30], 'heading-increment')
      ]),
      file('a.md', [message('Unexpected `a`', 'error', [1, 1, 1, 2], 'a-rule', 'remark-lint')])
    ]
    expect(await report(results)).toBe(
      [
        'a.md:1:1  error  Unexpected `a`  remark-lint:a-rule',
        '',
        'b.md       error    Unexpected binary file  input-binary',
        'b.md:3:1   warning  Unexpected `x`, expected `y`  r',
        'b.md:12:1  error    Unexpected rank `4`, expected rank `3`  heading-increment',
        '',
        '✖ 4 problems (3 errors, 1 warning)',
        ''
      ].join('\n')
    )
  })

  it('wraps a long message under the message column in an 80-column terminal', async () => {
    const reason = 'Unexpected heading `##Setting up the development environment for the shell course` without a space after `##`, expected `## Setting up`'
    expect(await report([file('lessons/intro.md', [message(reason, 'error', [12, 3, 12, 40], 'no-missing-heading-space')])], false, false, 80)).toBe(
      [
        'lessons/intro.md:12:3  error  Unexpected heading `##Setting up the development',
        '                              environment for the shell course` without a space',
        '                              after `##`, expected `## Setting up`',
        '                              no-missing-heading-space',
        '',
        '✖ 1 problem (1 error)',
        ''
      ].join('\n')
    )
  })

  it('puts severity and message under the place when a long path leaves them too little room, and splits a word wider than the line', async () => {
    const path = 'lessons/module-04-networking/unit-02-the-transport-layer/intro.md'
    const reason = 'Unexpected link `https://example.com/a/very/long/path/that/does/not/fit/on/one/line/at/all/really`'
    expect(await report([file(path, [message(reason, 'warning', [3, 1, 3, 2], 'link-dead')])], false, false, 60)).toBe(
      [
        path + ':3:1',
        '    warning  Unexpected link',
        '             `https://example.com/a/very/long/path/that/does',
        '             /not/fit/on/one/line/at/all/really`  link-dead',
        '',
        '⚠ 1 problem (1 warning)',
        ''
      ].join('\n')
    )
  })

  it('colours the severity, code in reasons and the rule id, also across a wrap', async () => {
    const results = [file('x.md', [message('Unexpected `a` and ``b`` and `c', 'error', [1, 1, 1, 4], 'r')]), file('y.md', [])]
    expect(await report(results, true)).toBe(
      [
        'x.md:1:1  \u001B[31merror\u001B[39m  \u001B[1mUnexpected \u001B[36m`a`\u001B[39m and \u001B[36m``b``\u001B[39m and `c\u001B[22m  \u001B[2mr\u001B[22m',
        '',
        '\u001B[31m✖\u001B[39m 1 problem (1 error)',
        ''
      ].join('\n')
    )
    const reason = 'Unexpected heading `word word word word word word word end` here'
    expect(await report([file('x.md', [message(reason, 'warning', [1, 1, 1, 4], 'r')])], true, false, 50)).toBe(
      [
        'x.md:1:1  \u001B[33mwarning\u001B[39m  \u001B[1mUnexpected heading \u001B[36m`word word\u001B[39m\u001B[22m',
        '                   \u001B[1m\u001B[36mword word word word word end`\u001B[39m\u001B[22m',
        '                   \u001B[1mhere\u001B[22m  \u001B[2mr\u001B[22m',
        '',
        '\u001B[33m⚠\u001B[39m 1 problem (1 warning)',
        ''
      ].join('\n')
    )
  })

  it('shows control characters of paths and reasons as U+FFFD, so a file cannot send escapes to the terminal', async () => {
    expect(await report([file('\u001B[2Ja.md', [message('Unexpected `\u001B]0;title\u0007`', 'error', [1, 1, 1, 2])])])).toBe(
      '\uFFFD[2Ja.md:1:1  error  Unexpected `\uFFFD]0;title\uFFFD`  rule\n\n✖ 1 problem (1 error)\n'
    )
  })

  it('keeps a finding on one line when piped: line breaks and tabs in a reason become spaces', async () => {
    expect(await report([file('m.md', [message('First `a`\r\nsecond\n\tthird', 'error', [1, 1, 1, 2])])])).toBe(
      'm.md:1:1  error  First `a` second third  rule\n\n✖ 1 problem (1 error)\n'
    )
  })

  it('prints a missing or zero line or column as 1', async () => {
    expect(await report([file('p.md', [message('Z', 'warning', [0, 0, 3, 0])])])).toBe('p.md:1:1  warning  Z  rule\n\n⚠ 1 problem (1 warning)\n')
  })

  it('aligns wide and zero-width characters in paths by their display width', async () => {
    const results = [file('漢字.md', [message('a', 'warning', [1, 1, 1, 2]), message('b', 'warning', [10, 1, 10, 2])])]
    expect(await report(results)).toBe(['漢字.md:1:1   warning  a  rule', '漢字.md:10:1  warning  b  rule', '', '⚠ 2 problems (2 warnings)', ''].join('\n'))
  })

  it('says there are no problems, and with `--quiet` prints nothing for clean files', async () => {
    expect(await report([])).toBe('')
    expect(await report([file('a.md', []), file('b.md', [])])).toBe('✔ no problems in 2 files\n')
    expect(await report([file('a.md', [])], false, true)).toBe('')
    expect(await report([file('a.md', []), file('b.md', [message('B', 'error', null)])], false, true)).toBe('b.md  error  B  rule\n\n✖ 1 problem (1 error)\n')
  })
})

describe('coursemark lint at a terminal', () => {
  /** A curriculum whose findings have long messages, under a long path. */
  function longMessages(): string {
    const folder = scratch()
    const deep = join(folder, 'curriculum', 'module-03-files', 'unit-01-reading-and-writing')
    mkdirSync(deep, {recursive: true})
    const heading = '##Reading a file line by line, and writing what was read to another file with a different encoding'
    const frontmatter = '---\ntitle: Reading and writing files\ntime: about an hour and a half, or maybe a little more for slower readers\n---\n\n'
    writeFileSync(join(deep, 'lesson.md'), frontmatter + '# Reading and writing files\n\n' + heading + '\n\nText.\n\n#### Too deep a heading that goes on and on and on for a very long time indeed\n')
    writeFileSync(join(folder, 'short.md'), frontmatter + heading + '\n')
    return folder
  }

  it('fits every line into an 80-column terminal, in colour, with one line per finding when piped', async () => {
    const folder = longMessages()
    const piped = await cli(['--workers', '0'], folder)
    expect(piped.code).toBe(1)
    const findings = piped.stdout.split('\n').filter((line) => /^\S+\.md:\d+:\d+ /.test(line))
    expect(findings.length).toBeGreaterThanOrEqual(5)
    expect(Math.max(...piped.stdout.split('\n').map((line) => stringWidth(line)))).toBeGreaterThan(80)

    const terminal = await cli(['--workers', '0'], folder, {}, 80)
    expect(terminal.code).toBe(1)
    expect(terminal.stdout).toContain('\u001B[')
    for (const line of terminal.stdout.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80)
    expect(ink(stripAnsi(terminal.stdout))).toBe(ink(piped.stdout))
    expect(stripAnsi(terminal.stdout)).toContain('curriculum/module-03-files/unit-01-reading-and-writing/lesson.md:3:7')
    expect(terminal.stdout).not.toMatch(/ coursemark$/m)
  })

  it('does not wrap a report written to a file with `-o`', async () => {
    const folder = longMessages()
    const terminal = await cli(['--workers', '0', '-o', 'report.txt'], folder, {}, 80)
    expect(terminal.stdout).toBe('')
    expect(readFileSync(join(folder, 'report.txt'), 'utf8')).toBe((await cli(['--workers', '0'], folder)).stdout)
  })
})

describe('stylish module loading', () => {
  /** Run the built reporter in a fresh process; return its output and every module URL it resolved. */
  function reportInFreshProcess(results: FileResult[]): {output: string; modules: string[]} {
    const folder = scratch()
    const hooks = join(folder, 'hooks.mjs')
    const log = join(folder, 'resolved.txt')
    writeFileSync(log, '')
    writeFileSync(
      hooks,
      [
        "import {appendFileSync} from 'node:fs'",
        'let log',
        'export function initialize(data) { log = data.log }',
        'export async function resolve(specifier, context, next) {',
        '  const result = await next(specifier, context)',
        "  appendFileSync(log, result.url + '\\n')",
        '  return result',
        '}'
      ].join('\n')
    )
    const stylishUrl = new URL('../dist/reporters/stylish.js', import.meta.url).href
    const script = [
      "import {register} from 'node:module'",
      `register(${JSON.stringify(pathToFileURL(hooks).href)}, {data: {log: ${JSON.stringify(log)}}})`,
      `const {stylish} = await import(${JSON.stringify(stylishUrl)})`,
      "process.stdout.write(await stylish(JSON.parse(process.argv[1]), {color: false, quiet: false, version: '0.0.0'}))"
    ].join('\n')
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(results)], {encoding: 'utf8'})
    expect(child.stderr).toBe('')
    expect(child.status).toBe(0)
    return {output: child.stdout, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean)}
  }

  it('loads no string-width for a report in ASCII', () => {
    const {output, modules} = reportInFreshProcess([file('a.md', [message('Unexpected `x`', 'error', [1, 1, 1, 2])])])
    expect(output).toBe('a.md:1:1  error  Unexpected `x`  rule\n\n✖ 1 problem (1 error)\n')
    expect(modules).toContain(new URL('../dist/reporters/stylish.js', import.meta.url).href)
    expect(modules.filter((url) => /vfile-reporter|string-width/.test(url))).toEqual([])
  })

  it('loads string-width when a cell holds more than ASCII', () => {
    const {output, modules} = reportInFreshProcess([file('a.md', [message('漢字', 'error', [1, 1, 1, 2])])])
    expect(output).toBe('a.md:1:1  error  漢字  rule\n\n✖ 1 problem (1 error)\n')
    expect(modules.some((url) => url.includes('/node_modules/string-width/'))).toBe(true)
    expect(modules.filter((url) => url.includes('vfile-reporter'))).toEqual([])
  })
})
