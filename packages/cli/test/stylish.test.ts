import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import fc from 'fast-check'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {reporter} from 'vfile-reporter'
import {describe, expect, it} from 'vitest'
import {stylish} from '../dist/reporters/stylish.js'
import type {FileResult, LintMessage} from '../dist/types.js'
import {scratch} from './helpers.js'

const noFacts: FileResult['facts'] = {uuid: null, title: null, relative: [], external: []}

/** What the stylish format printed before it had its own code: our results as VFiles, through vfile-reporter. */
function throughVfileReporter(results: FileResult[], color: boolean, quiet: boolean): string {
  const files = results.map((result) => {
    const file = new VFile({path: result.path})
    for (const item of result.messages) {
      const message = new VFileMessage(item.reason, {
        ...(item.place ? {place: item.place} : {}),
        ruleId: item.ruleId,
        source: item.source
      })
      message.file = result.path
      message.fatal = item.severity === 'error' ? true : item.severity === 'warning' ? false : undefined
      if (item.url) message.url = item.url
      file.messages.push(message)
    }

    return file
  })

  const text = reporter(files, {color, quiet})
  return text === '' ? '' : text + '\n'
}

function file(path: string, messages: LintMessage[]): FileResult {
  return {path, messages, facts: noFacts}
}

function message(reason: string, severity: LintMessage['severity'], at: [number, number, number, number] | null, ruleId = 'rule', source = 'coursemark'): LintMessage {
  const place = at ? {start: {line: at[0], column: at[1], offset: 0}, end: {line: at[2], column: at[3], offset: 0}} : null
  return {ruleId, source, reason, severity, place, url: null}
}

function report(results: FileResult[], color = false, quiet = false): Promise<string> {
  return stylish(results, {color, quiet, version: '0.0.0'})
}

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
  it('prints what vfile-reporter prints for any results, with and without colour and `--quiet`', async () => {
    await fc.assert(
      fc.asyncProperty(fileResults, fc.boolean(), fc.boolean(), async (results, color, quiet) => {
        expect(await report(results, color, quiet)).toBe(throughVfileReporter(results, color, quiet))
      }),
      {numRuns: 400}
    )
  })

  it('prints what vfile-reporter prints when only the order of messages at one place tells them apart', async () => {
    const severities = fc.constantFrom('error' as const, 'warning' as const, 'info' as const)
    const same = fc.record({
      ruleId: fc.constantFrom('a', 'b', 'B', 'é', ''),
      source: fc.constantFrom('coursemark', 'remark-lint', 'Coursemark', ''),
      reason: fc.constantFrom('x', 'X', 'y', '`y`', 'é', ''),
      severity: severities,
      place: fc.option(fc.constantFrom({start: {line: 2, column: 1, offset: 0}, end: {line: 2, column: 4, offset: 0}})),
      url: fc.constant(null)
    })
    await fc.assert(
      fc.asyncProperty(fc.array(same, {maxLength: 12}), async (messages) => {
        const results = [file('a.md', messages)]
        expect(await report(results)).toBe(throughVfileReporter(results, false, false))
      })
    )
  })

  it('aligns columns, sorts files and messages and ends with the counts', async () => {
    const results = [
      file('b.md', [
        message('Unexpected `x`, expected `y`', 'warning', [3, 1, 3, 5], 'r'),
        message('Unexpected binary file', 'error', null, 'input-binary'),
        message('Unexpected rank `4`, expected rank `3`', 'error', [12, 1, 12, 30], 'heading-increment')
      ]),
      file('a.md', [])
    ]
    expect(await report(results)).toBe(
      [
        'a.md: no issues found',
        'b.md',
        '           error   Unexpected binary file                 input-binary      coursemark',
        '3:1-3:5    warning Unexpected `x`, expected `y`           r                 coursemark',
        '12:1-12:30 error   Unexpected rank `4`, expected rank `3` heading-increment coursemark',
        '',
        '3 messages (✖ 2 errors, ⚠ 1 warning)',
        ''
      ].join('\n')
    )
  })

  it('colours the file name by its worst message, the label by severity and code in reasons', async () => {
    const results = [file('x.md', [message('Unexpected `a` and ``b`` and `c', 'error', [1, 1, 1, 4], 'r', 's')]), file('y.md', [])]
    expect(await report(results, true)).toBe(
      [
        '\u001B[4m\u001B[31mx.md\u001B[39m\u001B[24m',
        '1:1-1:4 \u001B[31merror\u001B[39m \u001B[1mUnexpected \u001B[36m`a`\u001B[39m and \u001B[36m``b``\u001B[39m and `c\u001B[22m r s',
        '',
        '\u001B[4m\u001B[32my.md\u001B[39m\u001B[24m: no issues found',
        '',
        '\u001B[31m✖\u001B[39m 1 error',
        ''
      ].join('\n')
    )
  })

  it('prints a warning-only and an info-only file in yellow, and no counts for info alone', async () => {
    expect(await report([file('w.md', [message('W', 'warning', [2, 3, 2, 4])])], true)).toBe(
      '\u001B[4m\u001B[33mw.md\u001B[39m\u001B[24m\n2:3-2:4 \u001B[33mwarning\u001B[39m \u001B[1mW\u001B[22m rule coursemark\n\n\u001B[33m⚠\u001B[39m 1 warning\n'
    )
    expect(await report([file('i.md', [message('I', 'info', [2, 3, 2, 4]), message('J', 'info', null)])])).toBe(
      'i.md\n        info J rule coursemark\n2:3-2:4 info I rule coursemark\n'
    )
  })

  it('prints the further lines of a reason as they are, with an empty line after a CRLF', async () => {
    expect(await report([file('m.md', [message('First `a`\r\nsecond\nthird  ', 'error', [1, 1, 1, 2])])], true)).toBe(
      [
        '\u001B[4m\u001B[31mm.md\u001B[39m\u001B[24m',
        '1:1-1:2 \u001B[31merror\u001B[39m \u001B[1mFirst \u001B[36m`a`\u001B[39m\u001B[22m rule coursemark',
        '',
        'second',
        'third',
        '',
        '\u001B[31m✖\u001B[39m 1 error',
        ''
      ].join('\n')
    )
  })

  it('prints a missing or zero line or column as 1', async () => {
    expect(await report([file('p.md', [message('Z', 'warning', [0, 0, 3, 0])])])).toBe('p.md\n1:1-3:1 warning Z rule coursemark\n\n⚠ 1 warning\n')
  })

  it('aligns wide and zero-width characters by their display width', async () => {
    const results = [file('w.md', [message('漢字', 'warning', [1, 1, 1, 2]), message('abc', 'warning', [2, 1, 2, 2]), message('e\u0301👍🏽', 'warning', [3, 1, 3, 2])])]
    expect(await report(results)).toBe(
      ['w.md', '1:1-1:2 warning 漢字 rule coursemark', '2:1-2:2 warning abc  rule coursemark', '3:1-3:2 warning e\u0301👍🏽  rule coursemark', '', '⚠ 3 warnings', ''].join('\n')
    )
  })

  it('prints nothing for no files, and with `--quiet` nothing for clean files', async () => {
    expect(await report([])).toBe('')
    expect(await report([file('a.md', [])], false, true)).toBe('')
    expect(await report([file('a.md', []), file('b.md', [message('B', 'error', null)])], false, true)).toBe('b.md\n error B rule coursemark\n\n✖ 1 error\n')
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

  it('loads neither vfile-reporter nor string-width for a report in ASCII', () => {
    const {output, modules} = reportInFreshProcess([file('a.md', [message('Unexpected `x`', 'error', [1, 1, 1, 2])])])
    expect(output).toBe('a.md\n1:1-1:2 error Unexpected `x` rule coursemark\n\n✖ 1 error\n')
    expect(modules).toContain(new URL('../dist/reporters/stylish.js', import.meta.url).href)
    expect(modules.filter((url) => /vfile-reporter|string-width/.test(url))).toEqual([])
  })

  it('loads string-width when a cell holds more than ASCII', () => {
    const {output, modules} = reportInFreshProcess([file('a.md', [message('漢字', 'error', [1, 1, 1, 2])])])
    expect(output).toBe('a.md\n1:1-1:2 error 漢字 rule coursemark\n\n✖ 1 error\n')
    expect(modules.some((url) => url.includes('/node_modules/string-width/'))).toBe(true)
    expect(modules.filter((url) => url.includes('vfile-reporter'))).toEqual([])
  })
})
