/**
 * The pool and the memory of a lint: the main thread lets the workers'
 * results in between its own files, and V8's heaps grow by at most twice
 * their live size between full collections, and allocate no site's objects
 * straight in the old generation.
 */
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {heapGrowingPercent} from '../dist/heap.js'
import {LintPool} from '../dist/lint/pool.js'
import type {FileOutcome, LintTask} from '../dist/types.js'

const heapModule = fileURLToPath(new URL('../dist/heap.js', import.meta.url))

describe('LintPool', () => {
  it('turns the event loop between two files the main thread lints, and keeps the outcomes in file order', async () => {
    const task = (index: number): LintTask => ({
      path: `/nonexistent/lesson-${index}.md`,
      display: `lesson-${index}.md`,
      cwd: '/',
      settings: {preset: 'recommended', rules: {}, root: '/'},
      fix: false
    })
    const items = Array.from({length: 200}, (_, index) => ({task: task(index), bytes: 10}))
    let turns = 0
    const seen: number[] = []
    const lintHere = async (item: LintTask): Promise<FileOutcome> => {
      seen.push(turns)
      setImmediate(() => turns++)
      return {ok: false, path: item.display, error: 'here'}
    }

    const pool = new LintPool(1)
    try {
      const outcomes = await pool.run(items, lintHere)
      expect(outcomes.map((outcome) => (outcome.ok ? '' : outcome.path))).toEqual(items.map((item) => item.task.display))
      // The first batches go to the worker, so the main thread lints at least one whole batch (32 files).
      expect(seen.length).toBeGreaterThanOrEqual(32)
      // Every file the main thread lints comes after the turn its previous file asked for.
      expect(seen).toEqual(seen.map((_, index) => index))
      const here = outcomes.filter((outcome) => !outcome.ok && outcome.error === 'here')
      expect(here).toHaveLength(seen.length)
    } finally {
      await pool.close()
    }
  })
})

describe('tuneHeap', () => {
  /** What `node` with `nodeArguments` prints running `lines` (after `tuneHeap()` when `tune`). */
  const stdoutOf = (nodeArguments: string[], lines: string[], tune = true): string => {
    const script = [`const {tuneHeap} = await import(${JSON.stringify(heapModule)})`, tune ? 'tuneHeap()' : '', ...lines].join('\n')
    const child = spawnSync(process.execPath, [...nodeArguments, '--input-type=module', '-e', script], {encoding: 'utf8'})
    expect(child.status).toBe(0)
    return child.stdout
  }

  /** The growing factor V8 sets after a full collection, from its verbose trace. */
  const factorAfter = (nodeArguments: string[]): string | undefined => {
    const stdout = stdoutOf(
      [...nodeArguments, '--expose-gc', '--trace-gc-verbose'],
      ["globalThis.kept = Array.from({length: 200000}, (_, index) => ({index, text: 'x' + index}))", 'gc()']
    )
    // The factor of the last full collection (the script's `gc()`): V8 of Node 20 prints it after the
    // limit, V8 of Node 22 and 24 only on a line of its own.
    const factors = [...stdout.matchAll(/\[HeapController\] (?:Limit: .*\((\d+\.\d)\)|factor (\d+\.\d) )/g)]
    const last = factors.at(-1)
    return last?.[1] ?? last?.[2]
  }

  it('lets a heap grow by at most twice its live size between full collections', () => {
    expect(heapGrowingPercent).toBe(200)
    expect(factorAfter([])).toBe('3.0')
  })

  it('keeps a growing factor set on the command line of `node`', () => {
    expect(factorAfter(['--heap-growing-percent=50'])).toBe('1.5')
  })

  /** How many allocation sites V8 weighed for pretenuring, from its trace, in a script that keeps a million objects of two sites alive. */
  const sitesWeighed = (nodeArguments: string[], tune: boolean): number => {
    const stdout = stdoutOf(
      [...nodeArguments, '--trace-pretenuring', '--trace-pretenuring-statistics'],
      ['const kept = []', 'for (let round = 0; round < 4; round++) for (let index = 0; index < 300000; index++) kept.push([index, {index}])', 'console.log(kept.length)'],
      tune
    )
    expect(stdout).toContain('1200000')
    return stdout.match(/pretenuring: AllocationSite/g)?.length ?? 0
  }

  it('turns allocation-site pretenuring off (the script does make V8 weigh its sites without it)', () => {
    expect(sitesWeighed([], false)).toBeGreaterThan(0)
    expect(sitesWeighed([], true)).toBe(0)
  })

  it('keeps pretenuring asked for on the command line of `node`', () => {
    expect(sitesWeighed(['--allocation-site-pretenuring'], true)).toBeGreaterThan(0)
  })
})
