/** `coursemark rules`: the rules, their presets and severities, and whether they are fixable. */
import {registry} from '@coursemark/remark-plugin'
import {RunError} from './errors.js'
import type {CommandContext} from './types.js'

/** One row of `coursemark rules`. */
export interface RuleRow {
  id: string
  description: string
  recommended: string
  strict: string
  fixable: boolean
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
    url: meta.url
  }))
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
    ['rule', 'recommended', 'strict', 'fixable', 'description'],
    ...rows.map((row) => [row.id, row.recommended, row.strict, row.fixable ? 'yes' : '', row.description])
  ]
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? []
  for (const row of table) {
    context.stdout.write(
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd() + '\n'
    )
  }

  return 0
}
