/** `coursemark rules`: the rules, their presets and severities, and whether they are fixable. */
import {registry} from '@coursemark/remark-plugin'
import {RunError} from '../errors.js'
import type {CommandContext} from '../types.js'
import {wrapWords} from '../wrap-words.js'

/** One row of `coursemark rules`. */
export interface RuleRow {
  id: string
  description: string
  recommended: string
  strict: string
  fixable: boolean
  /** The kinds of file the rule checks (`lesson`, `page`…; see the site model). */
  kinds: string[]
  url: string
}

/** Every rule the CLI runs: the remark plugin's registry. */
export function ruleRows(): RuleRow[] {
  return registry.map((meta) => ({
    id: meta.id,
    description: meta.description,
    recommended: meta.presets.recommended ?? 'off',
    strict: meta.presets.strict ?? 'off',
    fixable: meta.fixable,
    kinds: [...meta.kinds],
    url: meta.url
  }))
}

/** The kinds a rule checks, short: `all` for every published kind (lessons, breaks, projects, pages). */
function filesCell(kinds: string[]): string {
  return kinds.join(',') === 'lesson,break,project,page' ? 'all' : kinds.join(',')
}

/** Run `coursemark rules`. */
export async function rulesCommand(values: {format?: string | undefined}, context: CommandContext): Promise<number> {
  const format = values.format ?? 'table'
  const rows = ruleRows()
  if (format === 'json') {
    context.stdout.write(JSON.stringify(rows, null, 2) + '\n')
    return 0
  }

  if (format !== 'table') throw new RunError(`Unexpected \`--format ${format}\`, expected \`table\` or \`json\``)
  const table = [
    ['rule', 'recommended', 'strict', 'fixable', 'files', 'description'],
    ...rows.map((row) => [row.id, row.recommended, row.strict, row.fixable ? 'yes' : '', filesCell(row.kinds), row.description])
  ]
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? []
  // The description wraps in its column to fit the terminal (80 columns when
  // piped); when that column would be narrow, it goes under its rule.
  const total = context.stdout.isTTY && context.stdout.columns ? context.stdout.columns : 80
  const indent = widths.slice(0, -1).reduce((sum, size) => sum + size + 2, 0)
  const beside = total - indent >= 40
  for (const [index, row] of table.entries()) {
    const cells = row.slice(0, -1).map((cell, column) => cell.padEnd(widths[column] ?? 0))
    const description = row[row.length - 1] ?? ''
    if (beside) {
      const [first = '', ...rest] = wrapWords(description, total - indent)
      context.stdout.write([[...cells, first].join('  ').trimEnd(), ...rest.map((line) => ' '.repeat(indent) + line)].join('\n') + '\n')
    } else {
      const below = index === 0 ? [] : wrapWords(description, total - 4).map((line) => '    ' + line)
      context.stdout.write([cells.join('  ').trimEnd(), ...below].join('\n') + '\n')
    }
  }

  return 0
}
