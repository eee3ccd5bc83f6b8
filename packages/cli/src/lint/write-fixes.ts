/**
 * The fix phase of `coursemark lint`: write the fixed files atomically, or
 * with `--fix-dry-run` print them as a unified diff (the diff library is
 * loaded only then); then say on stderr what was (or would be) fixed.
 *
 * stdout carries one format at a time: the diff goes there beside the
 * stylish report, or when the report goes to `--output`; beside a machine
 * format (json, sarif, ...) on stdout, it goes to stderr.
 */
import {readFile} from 'node:fs/promises'
import {describeFsError} from '../errors.js'
import type {LintState} from './lint-state.js'
import type {CommandContext} from '../types.js'
import {writeAtomic, type AtomicOptions} from '../files/write-file.js'

/** Write (or print as a diff) the fixed text of every file that has one. */
export async function writeFixes(state: LintState): Promise<void> {
  const {values, format} = state.flags
  const dryRun = Boolean(values['fix-dry-run'])
  const diffStream = format === 'stylish' || values.output !== undefined ? state.context.stdout : state.context.stderr
  const done: string[] = []
  for (const task of state.tasks) {
    const after = state.fixed.get(task.path)
    if (after === undefined) continue
    if (dryRun) {
      let before: string
      try {
        before = task.content === undefined ? await readFile(task.path, 'utf8') : Buffer.from(task.content).toString('utf8')
      } catch (error) {
        state.problems.push(`cannot read \`${task.display}\`: ${describeFsError(error)}`)
        continue
      }

      const {createTwoFilesPatch, FILE_HEADERS_ONLY} = await import('diff')
      const patch = createTwoFilesPatch('a/' + task.display, 'b/' + task.display, before, after, undefined, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY
      })
      diffStream.write(patch)
      done.push(task.path)
    } else if (task.content !== undefined) {
      // Printed below: a lesson from stdin is fixed onto stdout.
      done.push(task.path)
    } else {
      try {
        // A lesson that is a symbolic link is fixed in its target, when that is inside the project.
        await writeAtomic(task.path, after, {...pauseHook(state.context), inside: state.config.root})
        done.push(task.path)
      } catch (error) {
        state.problems.push(`cannot write \`${task.display}\`: ${describeFsError(error)}`)
      }

      state.cache?.delete(task.display)
    }
  }

  // `lint - --fix`: the lesson from stdin, fixed or as it came, on stdout (as ESLint's and markdownlint-cli2's `--fix` with stdin).
  const piped = state.tasks[0]?.content
  if (values.fix && piped !== undefined && state.tasks.length === 1) {
    const path = state.tasks[0]?.path ?? ''
    const after = state.fixed.get(path)
    state.context.stdout.write(after === undefined ? Buffer.from(piped) : after)
  }

  const summary = fixSummary(done.map((path) => state.fixes.get(path) ?? {}), dryRun)
  if (summary !== undefined) state.context.stderr.write(`coursemark: ${summary}\n`)
}

/**
 * `fixed 7 problems in 3 files (prefer-https 4, no-tracking-params 3)`, rules
 * by count, then by id; `would fix …` for a dry run; nothing when no file changed.
 */
export function fixSummary(files: Array<Record<string, number>>, dryRun: boolean): string | undefined {
  if (files.length === 0) return undefined
  const byRule = new Map<string, number>()
  for (const counts of files) for (const [rule, count] of Object.entries(counts)) byRule.set(rule, (byRule.get(rule) ?? 0) + count)
  const rules = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const total = rules.reduce((sum, [, count]) => sum + count, 0)
  const problems = `${total} problem${total === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}`
  return `${dryRun ? 'would fix' : 'fixed'} ${problems}${rules.length === 0 ? '' : ` (${rules.map(([rule, count]) => `${rule} ${count}`).join(', ')})`}`
}

/**
 * The test hook of atomic writes: with `COURSEMARK_TEST_PAUSE_WRITE=1`, a
 * write stops half-way, says so on stderr, and waits (a test kills the
 * process then, and checks the old file is whole).
 */
export function pauseHook(context: CommandContext): AtomicOptions {
  if (context.env.COURSEMARK_TEST_PAUSE_WRITE !== '1') return {}
  return {
    pause: (temporary) =>
      new Promise((resolvePromise) => {
        context.stderr.write(`coursemark: paused writing \`${temporary}\`\n`)
        setTimeout(resolvePromise, 60_000)
      })
  }
}
