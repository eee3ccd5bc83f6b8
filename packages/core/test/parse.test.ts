import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {isFormatName, parseCheckpoint} from '../src/index.js'
import type {FormatName, Position} from '../src/index.js'

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL('../../../fixtures/parse/' + name, import.meta.url)), 'utf8')

function span(position: Position) {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}

describe('parseCheckpoint on the full template', () => {
  const {checkpoint, messages} = parseCheckpoint(fixture('full-template.md'), {
    path: 'full-template.md'
  })

  it('reports nothing on a well-formed checkpoint', () => {
    expect(messages.map(String)).toEqual([])
  })

  it('lifts frontmatter fields and normalises time', () => {
    expect(checkpoint.title).toBe('Writing a first shell script')
    expect(checkpoint.team).toBe('engineering')
    expect(checkpoint.timeMinutes).toBe(120)
    expect(checkpoint.uuid).toBeNull()
    expect(span(checkpoint.frontmatterPosition!)).toBe('1:1-6:4')
  })

  it('finds 5 objectives at their list items, and keeps the lead-in apart', () => {
    expect(checkpoint.objectivesIntro).toBe('By the end of this checkpoint, you will:')
    expect(checkpoint.objectives.map((o) => [o.text, span(o.position)])).toEqual([
      ['Be able to write a script with a shebang line', '17:3-17:48'],
      ['Understand how to make a file executable', '18:3-18:43'],
      ['Know how to pass arguments to a script', '19:3-19:41'],
      ['Learn how to read the exit status of a command', '20:3-20:49'],
      ['Explain when a script is better than an alias', '21:3-21:48']
    ])
  })

  it('finds a 2-step assignment with the links of each step', () => {
    const assignment = checkpoint.assignment!
    expect(assignment.heading).toBe('Assignment')
    expect(assignment.steps.map((s) => [span(s.position), s.links.length])).toEqual([
      ['45:4-45:94', 0],
      ['46:4-46:156', 1]
    ])
    expect(assignment.steps[1]!.links[0]!.text).toBe('mentor review sheet')
  })

  it('finds 2 resources at their links', () => {
    expect(checkpoint.resources.map((r) => [r.text, r.url, span(r.position)])).toEqual([
      ['Shell style guide', 'https://google.github.io/styleguide/shellguide.html', '40:3-40:75'],
      ['Explain shell', 'https://explainshell.com/', '41:3-41:45']
    ])
  })

  it('unwraps emphasis in headings and gives every section a slug', () => {
    expect(checkpoint.sections.map((s) => s.slug)).toEqual([
      'overview-and-purpose',
      'objectives',
      'what-is-a-script',
      'running-your-script',
      'additional-resources',
      'assignment'
    ])
  })

  it('classifies links and places them in their section', () => {
    expect(checkpoint.links.map((l) => [l.kind, l.section, span(l.position)])).toEqual([
      ['external', 'what-is-a-script', '25:47-25:112'],
      ['external', 'what-is-a-script', '25:142-25:232'],
      ['external', 'additional-resources', '40:3-40:75'],
      ['external', 'additional-resources', '41:3-41:45'],
      ['external', 'assignment', '46:28-46:134']
    ])
    expect(checkpoint.images).toEqual([
      expect.objectContaining({
        src: 'images/hello-output.png',
        alt: 'Terminal showing the output of hello.sh',
        section: 'running-your-script'
      })
    ])
  })

  it('counts prose words, not code', () => {
    expect(checkpoint.wordCount).toBeGreaterThan(100)
    const withMoreCode = parseCheckpoint(
      fixture('full-template.md').replace('```bash\n', '```bash\n' + 'echo word '.repeat(500) + '\n')
    )
    expect(withMoreCode.checkpoint.wordCount).toBe(checkpoint.wordCount)
    expect(checkpoint.readingMinutes).toBe(Math.round((checkpoint.wordCount / 200) * 10) / 10)
  })

  // Each case adds to three words of prose what is not prose, and sometimes a few words that are.
  it.each([
    ['checkpoint', 'a fenced code block', '```js\nconst total = price + tax\n```\n', 3],
    ['checkpoint', 'a tilde fence', '~~~\nls -la here\n~~~\n', 3],
    ['checkpoint', 'an indented code block', '    git commit -m "first one"\n', 3],
    ['checkpoint', 'an HTML comment', '<!-- a note for the authors only -->\n', 3],
    ['checkpoint', 'an HTML comment inside a paragraph', 'Four <!-- a note for the authors --> five.\n', 5],
    ['carpentries', 'a Liquid include line', '{% include links.md %}\n', 3],
    ['carpentries', 'a Liquid expression before a path', 'See {{ page.root }}/setup for more.\n', 7],
    ['hugo', 'the tags of a shortcode whose body is prose', '{{< notice note >}}\nFour five.\n{{< /notice >}}\n', 5],
    ['hugo', 'the tags of a markdown shortcode', '{{% expand "Show the answer" %}}\nFour five.\n{{% /expand %}}\n', 5]
  ] as const)('counts no words of the code, comments and template tags (%s, %s)', (format, _, extra, words) => {
    expect(parseCheckpoint('One two three.\n\n' + extra, {format}).checkpoint.wordCount).toBe(words)
  })

  it('matches the committed JSON exactly', () => {
    expect(JSON.parse(JSON.stringify(checkpoint))).toEqual(
      JSON.parse(fixture('full-template.json'))
    )
  })
})

/** The format a parse fixture is read as: its name's prefix, else `checkpoint`. */
function formatOf(name: string): FormatName {
  const prefix = name.split('-')[0]
  return isFormatName(prefix) ? prefix : 'checkpoint'
}

describe('parseCheckpoint on the parse fixtures', () => {
  const folder = fileURLToPath(new URL('../../../fixtures/parse/', import.meta.url))
  const names = readdirSync(folder).filter((name) => name.endsWith('.md'))

  it('has a fixture for every real-world variant', () => {
    expect(names.length).toBeGreaterThanOrEqual(8)
  })

  it.each(names)('%s parses to exactly its committed .json', (name) => {
    // Read as bytes, as the CLI does: the BOM and CRLF fixture must keep both.
    // `<format>-*.md` is read with that format's profile.
    const format = formatOf(name)
    const {checkpoint} = parseCheckpoint(readFileSync(folder + name), {path: name, format})
    expect(JSON.parse(JSON.stringify(checkpoint))).toEqual(
      JSON.parse(readFileSync(folder + name.replace(/\.md$/, '.json'), 'utf8'))
    )
  })
})

describe('parseCheckpoint on real-world variants', () => {
  it('reads an inline `**Objective:**` paragraph', () => {
    const {checkpoint} = parseCheckpoint(
      '---\ntitle: T\ntime: 2 hours\n---\n\n**Objective:** By the end of this checkpoint, you will be able to list files.\n\nBody.\n'
    )
    expect(checkpoint.timeMinutes).toBe(120)
    expect(checkpoint.objectivesSource).toBe('inline')
    expect(checkpoint.objectives.map((o) => [o.text, span(o.position)])).toEqual([
      ['By the end of this checkpoint, you will be able to list files.', '6:16-6:78']
    ])
  })

  it('reads an objectives section written as a sentence', () => {
    const {checkpoint} = parseCheckpoint(
      '---\ntitle: T\ntime: 60\n---\n\n## Learning objective\n\nBy the end of this checkpoint, you should be able to build a profile.\n\n## Overview\n\nText.\n'
    )
    expect(checkpoint.objectives.map((o) => [o.text, span(o.position)])).toEqual([
      ['By the end of this checkpoint, you should be able to build a profile.', '8:1-8:70']
    ])
  })

  it('takes assignment steps from paragraphs when there is no list', () => {
    const {checkpoint} = parseCheckpoint(
      '---\ntitle: T\ntime: 4 hours\n---\n\n## Assignment\n\nCompile a list of [roles](https://example.com/tracker).\n\nApply to two of them.\n'
    )
    expect(checkpoint.assignment).toMatchObject({intro: null})
    expect(checkpoint.assignment!.steps.map((s) => [s.text, s.links.length])).toEqual([
      ['Compile a list of roles.', 1],
      ['Apply to two of them.', 0]
    ])
  })

  it('reads a body that is only a custom element as an embed', () => {
    const {checkpoint, messages} = parseCheckpoint(
      '---\ntitle: Arima\ntime: 60\n---\n\n<jupyter notebook-name="6.1.4 Time Series" course-code="DSBC"/>'
    )
    expect(messages).toEqual([])
    expect(checkpoint.embeds).toEqual([
      {
        name: 'jupyter',
        attributes: {'notebook-name': '6.1.4 Time Series', 'course-code': 'DSBC'},
        section: null,
        position: {
          start: {line: 6, column: 1, offset: 31},
          end: {line: 6, column: 64, offset: 94}
        }
      }
    ])
    expect(checkpoint.wordCount).toBe(0)
  })

  it('finds iframes, HTML links and HTML images', () => {
    const {checkpoint} = parseCheckpoint(
      '# T\n\n<iframe height="600px" src="https://trinket.io/embed/python3/abc"></iframe>\n\nSee <a href="https://example.com/x">x</a> and <img src="a.png">.\n'
    )
    expect(checkpoint.embeds.map((e) => [e.name, e.attributes.src, span(e.position)])).toEqual([
      ['iframe', 'https://trinket.io/embed/python3/abc', '3:1-3:67']
    ])
    expect(checkpoint.links.map((l) => [l.url, l.syntax, span(l.position)])).toEqual([
      ['https://example.com/x', 'html', '5:5-5:37']
    ])
    expect(checkpoint.images.map((i) => [i.src, i.alt, span(i.position)])).toEqual([
      ['a.png', null, '5:47-5:64']
    ])
  })

  it('reads `##Heading` as a malformed heading', () => {
    const {checkpoint} = parseCheckpoint('##Overview\n\nText\n\n## Next\n')
    expect(checkpoint.sections.map((s) => [s.depth, s.text, s.malformed])).toEqual([
      [2, 'Overview', true],
      [2, 'Next', false]
    ])
  })

  it('resolves link references and classifies every kind', () => {
    const {checkpoint} = parseCheckpoint(
      '[a][ref] [b](#top) [c](../other/content.md) [d](mailto:x@example.com) [e](tel:123) <https://example.com/auto>\n\n[ref]: https://example.com/ref\n'
    )
    expect(checkpoint.links.map((l) => [l.text, l.url, l.kind, l.syntax])).toEqual([
      ['a', 'https://example.com/ref', 'external', 'reference'],
      ['b', '#top', 'anchor', 'inline'],
      ['c', '../other/content.md', 'relative', 'inline'],
      ['d', 'mailto:x@example.com', 'mailto', 'inline'],
      ['e', 'tel:123', 'other', 'inline'],
      ['https://example.com/auto', 'https://example.com/auto', 'external', 'autolink']
    ])
  })

  it('keeps positions right with CRLF line endings and a BOM', () => {
    const source = '\uFEFF---\r\ntitle: T\r\ntime: 1h\r\n---\r\n\r\n## Objectives\r\n\r\n- Write a loop\r\n'
    const {checkpoint, messages} = parseCheckpoint(source)
    expect(messages).toEqual([])
    expect(checkpoint.timeMinutes).toBe(60)
    expect(checkpoint.objectives.map((o) => [o.text, span(o.position)])).toEqual([
      ['Write a loop', '8:3-8:15']
    ])
  })

  it('keeps frontmatter positions right with lone CR line endings', () => {
    const {messages} = parseCheckpoint('---\rtitle: T\rtime: about\r---\r\r# x\r')
    expect(messages.map(String)).toEqual([
      '3:7-3:12: Unexpected `time` value `about`, expected minutes (`90`) or a duration (`1.5 hours`)'
    ])
  })

  it('takes objectives and time from Carpentries-style frontmatter', () => {
    const {checkpoint} = parseCheckpoint(
      '---\ntitle: "Files"\nteaching: 30\nexercises: 10\nobjectives:\n- "Explain paths."\n- "Use cd."\n---\n\nBody\n',
      {validate: false}
    )
    expect(checkpoint.timeMinutes).toBe(40)
    expect(checkpoint.objectivesSource).toBe('frontmatter')
    expect(checkpoint.objectives.map((o) => [o.text, span(o.position)])).toEqual([
      ['Explain paths.', '6:3-6:19'],
      ['Use cd.', '7:3-7:12']
    ])
  })

  it('uses configured heading aliases', () => {
    const {checkpoint} = parseCheckpoint('## What you will learn\n\n- Sort a list\n\n## Homework\n\n1. Sort\n', {
      headings: {objectives: ['What you will learn'], assignment: ['Homework']}
    })
    expect(checkpoint.objectives.map((o) => o.text)).toEqual(['Sort a list'])
    expect(checkpoint.assignment?.steps.map((s) => s.text)).toEqual(['Sort'])
  })
})

describe('parseCheckpoint on bad input', () => {
  it('reports a file with NUL bytes as binary and parses nothing', () => {
    const {checkpoint, messages, tree} = parseCheckpoint('abc\u0000def', {path: 'x.md'})
    expect(tree).toBeNull()
    expect(checkpoint.sections).toEqual([])
    expect(messages.map((m) => [m.file, String(m)])).toEqual([
      ['x.md', '1:4-1:5: Unexpected NUL byte, expected a text file (is this a binary file?)']
    ])
  })

  it('reports invalid UTF-8 and still parses the rest', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('# Title\n\n'), 0xff, 0xfe, 0x41])
    const {checkpoint, messages} = parseCheckpoint(bytes, {validate: false})
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['input-encoding', 3, 1]])
    expect(checkpoint.sections.map((s) => s.text)).toEqual(['Title'])
  })

  it('refuses input over `maxSize`', () => {
    const {messages, tree} = parseCheckpoint('a'.repeat(2000), {limits: {maxSize: 1000}})
    expect(tree).toBeNull()
    expect(messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['input-too-large', 'Unexpected file of 2000 characters, expected at most 1000 (option `maxSize`)']
    ])
  })

  it.each([
    ['list markers on one line', '- '.repeat(10_000) + 'x'],
    ['block quotes', '>'.repeat(10_000) + ' x'],
    ['emphasis', '*'.repeat(10_000) + 'x' + '*'.repeat(10_000)],
    ['indentation', Array.from({length: 300}, (_, i) => '  '.repeat(i) + '- a').join('\n')],
    ['indentation with wide gaps after the markers', Array.from({length: 150}, (_, i) => '     '.repeat(i) + '-    a').join('\n')],
    ['indentation with tabs', Array.from({length: 150}, (_, i) => '\t'.repeat(i) + '- a').join('\n')],
    ['ordered items by indentation', Array.from({length: 150}, (_, i) => '   '.repeat(i) + '1. a').join('\n')]
  ])('refuses nesting past `maxNesting` (%s) quickly', (_, source) => {
    const {messages, tree} = parseCheckpoint(source)
    expect(tree).toBeNull()
    expect(messages.map((m) => m.ruleId)).toEqual(['input-too-deep'])
  })

  it.each([
    ['a line of 250 spaces in a fenced code block', '# Spaces\n\n```text\n' + ' '.repeat(250) + 'x\n```\n'],
    ['a line of 250 spaces and nothing else', '# Spaces\n\nSome text.\n' + ' '.repeat(250) + '\nMore text.\n'],
    ['indented code 300 columns deep', '# Spaces\n\n' + ' '.repeat(300) + '- not a list item\n'],
    ['a list item far right of its list, which is code', '- a\n' + ' '.repeat(250) + '- b\n'],
    ['a list nested by indentation, then code', '- a\n  - b\n    - c\n\n```\n' + ' '.repeat(400) + 'deep = True\n```\n']
  ])('parses %s: spaces are not nesting', (_, source) => {
    const {messages, tree} = parseCheckpoint(source, {format: 'markdown'})
    expect(messages.map((m) => m.ruleId)).not.toContain('input-too-deep')
    expect(tree).not.toBeNull()
  })

  it('refuses more links than `maxLinks` before parsing, at the first link past the limit', () => {
    const source = Array.from({length: 6}, (_, index) => `[l${index}](https://example.com/${index})`).join('\n')
    const {messages, tree} = parseCheckpoint(source, {limits: {maxLinks: 5}})
    expect(tree).toBeNull()
    expect(messages.map(String)).toEqual([
      '6:4-6:6: Unexpected more than 5 links in one file, expected at most 5 (option `maxLinks`)'
    ])
    expect(parseCheckpoint(source, {limits: {maxLinks: 6}}).tree).not.toBeNull()
  })

  // A slow input on a busy machine: a longer timeout, no assertion on time.
  it('reads a paragraph of 150,000 inline nodes without overflowing the stack', {timeout: 120_000}, () => {
    const {checkpoint} = parseCheckpoint('`a` '.repeat(150_000), {validate: false})
    expect(checkpoint.wordCount).toBe(150_000)
  })

  it('reports an unclosed frontmatter fence', () => {
    const {messages} = parseCheckpoint('---\ntitle: T\n\n# Body\n')
    expect(messages.map(String)).toEqual([
      '1:1-1:4: Unexpected unclosed frontmatter, expected a `---` line to close it'
    ])
  })

  it('reports YAML that is a list and keeps `frontmatter` null', () => {
    const {checkpoint, messages} = parseCheckpoint('---\n- a\n- b\n---\n')
    expect(checkpoint.frontmatter).toBeNull()
    expect(messages.map(String)).toContain(
      '2:1-3:4: Unexpected frontmatter that is a list, expected a mapping of keys to values (`title: …`)'
    )
  })

  it('does not let `__proto__` keys pollute objects', () => {
    const {checkpoint} = parseCheckpoint('---\n__proto__:\n  polluted: true\ntitle: T\ntime: 5\n---\n')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(checkpoint.frontmatter)).toBe(Object.prototype)
    expect(Object.hasOwn(checkpoint.frontmatter!, '__proto__')).toBe(true)
    expect((checkpoint.frontmatter as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('stops an alias bomb with a message', () => {
    const bomb = [
      '---',
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      '---',
      ''
    ].join('\n')
    const {checkpoint, messages} = parseCheckpoint(bomb)
    expect(checkpoint.frontmatter).toBeNull()
    expect(messages[0]?.reason).toMatch(/^Unexpected frontmatter that expands to more than 10000 values/)
  })
})
