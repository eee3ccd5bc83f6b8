/**
 * Run the BUILT command (`packages/cli/dist`; `npm test` builds first) on
 * scenario folders: in-process through `main()` (`cli`), or as the real
 * binary in a child process (`run`, `runAsync`) where the process itself is
 * under test; and copy scenarios to temporary folders for tests that change
 * files.
 */
import {spawn, spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, realpathSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Writable} from 'node:stream'
import {fileURLToPath} from 'node:url'
import {afterAll} from 'vitest'
import {main} from '../dist/main.js'

/** The built binary. */
export const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

/** `fixtures/projects/`. */
export const projects = fileURLToPath(new URL('../../../fixtures/projects/', import.meta.url))

/** What a run printed and returned. */
export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Environment without what changes the binary's behaviour (CI, colours, test hooks). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'CI' || key === 'NO_COLOR' || key === 'FORCE_COLOR' || key === 'GITHUB_ACTIONS' || key.startsWith('COURSEMARK_')) continue
    env[key] = value
  }

  return {...env, ...extra}
}

/** A stream that keeps what is written to it. */
class Capture extends Writable {
  text = ''

  constructor() {
    super({decodeStrings: false})
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: () => void): void {
    this.text += String(chunk)
    callback()
  }
}

/** A capture that says it is a terminal of `columns` columns, as `process.stdout` does on a TTY. */
class Terminal extends Capture {
  readonly isTTY = true

  constructor(readonly columns: number) {
    super()
  }
}

/**
 * Run `coursemark` with `args` in `cwd`, in this process (through `main`, as
 * `bin.js` does); with `columns`, stdout is a terminal that wide.
 */
export async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, columns?: number): Promise<Run> {
  const stdout = columns === undefined ? new Capture() : new Terminal(columns)
  const stderr = new Capture()
  const code = await main({argv: args, stdout, stderr, cwd, env: cleanEnv(env)})
  return {code, stdout: stdout.text, stderr: stderr.text}
}

/** Run the `coursemark` binary with `args` in `cwd`. */
export function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd, env: cleanEnv(env), encoding: 'utf8'})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Run `coursemark` without blocking (for tests that start a server in the same process). */
export function runAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {cwd, env: cleanEnv(env)})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/** The path of a scenario folder. */
export function project(name: string): string {
  return join(projects, name)
}

const temporary: string[] = []
afterAll(() => {
  for (const path of temporary) rmSync(path, {recursive: true, force: true})
})

/** A fresh temporary folder (removed after the test file), optionally holding a copy of a scenario. */
export function scratch(scenario?: string): string {
  const path = realpathSync(mkdtempSync(join(tmpdir(), 'coursemark-cli-')))
  temporary.push(path)
  if (scenario) cpSync(project(scenario), path, {recursive: true})
  return path
}
