/**
 * `.pre-commit-hooks.yaml`: the hooks the pre-commit framework reads. Each
 * has the fields pre-commit needs, only keys of its hook manifest, the
 * published CLI of this version, a `files` pattern for markdown, one process
 * for all files (the checks across files), and an `entry` that the CLI runs.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

const root = fileURLToPath(new URL('..', import.meta.url))
const cliPackage = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as {version: string; bin: Record<string, string>}
const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>
const scratch = mkdtempSync(join(tmpdir(), 'coursemark-hooks-'))

afterAll(() => {
  rmSync(scratch, {recursive: true, force: true})
})

/** The keys of a hook in pre-commit's manifest (`.pre-commit-hooks.yaml`). */
const manifestKeys = new Set([
  'id', 'name', 'entry', 'language', 'alias', 'files', 'exclude', 'types', 'types_or', 'exclude_types',
  'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description',
  'language_version', 'log_file', 'minimum_pre_commit_version', 'require_serial', 'stages', 'verbose'
])

describe('.pre-commit-hooks.yaml', () => {
  it('offers `coursemark` (lint) and `coursemark-fix`, each with the fields pre-commit needs and no other', () => {
    expect(hooks.map((hook) => [hook.id, hook.entry])).toEqual([
      ['coursemark', 'coursemark lint'],
      ['coursemark-fix', 'coursemark lint --fix']
    ])
    for (const hook of hooks) {
      for (const key of ['id', 'name', 'entry', 'language']) expect(typeof hook[key], key).toBe('string')
      expect(Object.keys(hook).filter((key) => !manifestKeys.has(key))).toEqual([])
      expect(hook.language).toBe('node')
      expect(hook.require_serial).toBe(true)
      expect(hook.pass_filenames ?? true).toBe(true)
      expect(hook.additional_dependencies).toEqual([`@coursemark/cli@${cliPackage.version}`])
    }

    // A `node` hook is installed from the repository's package.json.
    expect(existsSync(join(root, 'package.json'))).toBe(true)
  })

  it('runs on markdown files only', () => {
    for (const hook of hooks) {
      const files = new RegExp(String(hook.files))
      expect(['a.md', 'lessons/b.markdown', 'c.MD.md'].filter((path) => files.test(path))).toHaveLength(3)
      expect(['a.mdx', 'notes.txt', 'md', 'a.md.bak'].filter((path) => files.test(path))).toEqual([])
    }
  })

  it('names a command the CLI has, which lints (and fixes) the files passed to it', () => {
    const lesson = join(scratch, 'lesson.md')
    for (const hook of hooks) {
      const [command = '', ...args] = String(hook.entry).split(' ')
      expect(Object.keys(cliPackage.bin)).toContain(command)
      writeFileSync(lesson, '---\ntitle: Loops\ntime: 5\n---\n\n#Loops\n\nText.\n')
      const bin = join(root, 'packages/cli', cliPackage.bin[command] ?? '')
      const result = spawnSync(process.execPath, [bin, ...args, 'lesson.md'], {cwd: scratch, encoding: 'utf8'})
      // 0 or 1 (findings), never 2 (could not run).
      expect([0, 1], result.stderr).toContain(result.status)
      expect(result.stderr).not.toMatch(/Unexpected (?:option|argument)/)
    }

    // The fix hook changed the file, which is how pre-commit tells a fixer ran.
    expect(readFileSync(lesson, 'utf8')).toContain('# Loops')
  })
})
