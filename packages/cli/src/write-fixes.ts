/**
 * The fix phase of `coursemark lint`: write the fixed files atomically, or
 * with `--fix-dry-run` print them as a unified diff (the diff library is
 * loaded only then).
 */
import {readFile} from 'node:fs/promises'
import {describeFsError} from './errors.js'
import type {LintState} from './lint-state.js'
import type {CommandContext} from './types.js'
import {writeAtomic, type AtomicOptions} from './write-file.js'

/** Write (or print as a diff) the fixed text of every file that has one. */
export async function writeFixes(state: LintState): Promise<void> {
  const dryRun = Boolean(state.flags.values['fix-dry-run'])
  for (const task of state.tasks) {
    const after = state.fixed.get(task.path)
    if (after === undefined) continue
    if (dryRun) {
      let before: string
      try {
        before = await readFile(task.path, 'utf8')
      } catch (error) {
        state.problems.push(`cannot read \`${task.display}\`: ${describeFsError(error)}`)
        continue
      }

      const {createTwoFilesPatch, FILE_HEADERS_ONLY} = await import('diff')
      const patch = createTwoFilesPatch('a/' + task.display, 'b/' + task.display, before, after, undefined, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY
      })
      state.context.stdout.write(patch)
    } else {
      try {
        // A lesson that is a symbolic link is fixed in its target, when that is inside the project.
        await writeAtomic(task.path, after, {...pauseHook(state.context), inside: state.config.root})
      } catch (error) {
        state.problems.push(`cannot write \`${task.display}\`: ${describeFsError(error)}`)
      }

      state.cache?.delete(task.display)
    }
  }
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
