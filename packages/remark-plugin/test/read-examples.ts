/** Read the `@example` blocks of a rule's header comment. */

/** One example: input markdown, options, and the expected messages (`line:col-line:col: reason`). */
export interface Example {
  name: string
  config: unknown
  input: string
  output: string[]
}

/** Parse the examples in the first `/** … *\/` comment of `source`. */
export function readExamples(source: string): Example[] {
  const start = source.indexOf('/**')
  const end = source.indexOf('*/', start)
  const comment = source
    .slice(start + 3, end)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
  const blocks = comment.split('@example').slice(1)
  const byName = new Map<string, Example>()

  for (const block of blocks) {
    const lines = block.split('\n').map((line) => line.replace(/^ {2}/, ''))
    while (lines.length > 0 && lines[0]?.trim() === '') lines.shift()
    const header = JSON.parse(lines.shift() ?? '{}') as {
      name: string
      label?: 'input' | 'output'
      config?: unknown
    }
    // Skip the blank line after the header; keep the body as written.
    if (lines[0]?.trim() === '') lines.shift()
    while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop()
    const body = lines.join('\n')
    const example = byName.get(header.name) ?? {
      name: header.name,
      config: undefined,
      input: '',
      output: []
    }
    if (header.config !== undefined) example.config = header.config
    if (header.label === 'output') {
      example.output = body.split('\n').filter((line) => line.trim() !== '')
    } else {
      example.input = body + '\n'
    }

    byName.set(header.name, example)
  }

  return [...byName.values()]
}
