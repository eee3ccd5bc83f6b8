/**
 * `coursemark init`: write a commented starter config, a GitHub Actions
 * workflow (see `workflows.ts`) and, in a project without package.json, the
 * `.gitignore` line for the cache folder. On a terminal it shows what it
 * would write, each file with what it is for, and asks first; elsewhere it
 * writes only with `--yes`. An existing file is kept; `.gitignore` only
 * gains a line. Prints what it did.
 */
import {lstatSync, readFileSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {basename, dirname, join, relative, resolve, sep} from 'node:path'
import {defaultCacheFolder} from '../config/cache-folder.js'
import {findConfig} from '../config/config.js'
import {configFor, describeDetection, detectProject} from './detect.js'
import {describeFsError, RunError} from '../errors.js'
import type {CommandContext} from '../types.js'
import {version} from '../version.js'
import {starterWorkflow, workflowPath} from './workflows.js'
import {writeAtomic} from '../files/write-file.js'

/** The starter config. */
export const starterConfig = `# coursemark config: https://github.com/coursemark/coursemark#cli
# Data only (YAML or JSON); nothing here is executed.
$schema: https://raw.githubusercontent.com/coursemark/coursemark/main/schemas/coursemark.config.schema.json

# Preset to start from: recommended (few errors, the rest warnings) or strict.
extends: recommended

# Per-rule severity: off, info, warning or error (warn, and remark-lint's
# 0, 1, 2, read the same); or [severity, options].
# \`coursemark rules\` lists every rule.
rules:
  duplicate-title: warning

# Headings that name the objectives, assignment and resources sections.
# headings:
#   objectives: [Objectives, Learning objectives, Goals]

# Frontmatter: a custom JSON Schema, the allowed teams, unknown keys.
# frontmatter:
#   schema: schemas/frontmatter.schema.json
#   teams: [engineering, careers]
#   unknownKeys: warn

# More files to skip (.gitignore syntax, relative to this file; a leading \`/\` anchors
# a pattern here: \`/README.md\` is the top README only, \`README.md\` every folder's).
# .gitignore and .coursemarkignore are read too.
# ignores:
#   - /drafts/

# Settings for some files only.
# overrides:
#   - files: ["archive/**/*.md"]
#     rules:
#       objectives-present: off
`

/** Where `init` writes a schema of the project's own frontmatter keys. */
export const ownSchemaFile = 'coursemark-frontmatter.schema.json'

/** Options of `coursemark init`. */
export interface InitFlags {
  /** Write without asking (`--yes`); needed where there is no terminal to ask on. */
  yes?: boolean | undefined
  /** Write no workflow (`--no-workflow`). */
  noWorkflow?: boolean | undefined
}

/** Where `init` reads the answer (the process's stdin; tests pass a stream). */
export type InitInput = NodeJS.ReadableStream & {isTTY?: boolean}

/** The folder `.gitignore` gains in a project without package.json (where the caches go then). */
export const ignoredFolder = '.coursemark/'

/** A file `init` means to write: created, or (`.gitignore`) given one more line. */
interface Planned {
  name: string
  /** What the file is for, in a few words. */
  purpose: string
  content: string | Uint8Array
  /** `create` fails on an existing file; `replace` writes over the one read. */
  mode: 'create' | 'replace'
  /** What is printed once it is written. */
  done: string
}

/**
 * Run `coursemark init`: plan, ask on a terminal (or take `--yes`), write.
 *
 * @throws {RunError}
 *   Without `--yes` where there is no terminal to ask on (nothing is
 *   written), and when a file cannot be written.
 */
export async function init(context: CommandContext, flags: InitFlags = {}, input: InitInput = process.stdin): Promise<number> {
  const terminal = input.isTTY === true && context.stdout.isTTY === true
  if (!flags.yes && !terminal) {
    throw new RunError('Unexpected `init` with no terminal to ask on, expected `--yes` to write the files without asking')
  }

  const plan = await planFiles(context, flags)
  if (plan.length === 0) return 0
  if (!flags.yes) {
    context.stdout.write('coursemark init will write:\n')
    const width = Math.max(...plan.map((file) => file.name.length))
    for (const file of plan) context.stdout.write(`  ${file.name.padEnd(width)}  ${file.purpose}\n`)
    const answer = await confirm('Write these files? [Y/n] ', input, context.stdout)
    if (answer !== true) {
      context.stdout.write(answer === false ? 'wrote nothing\n' : '\nwrote nothing (no answer)\n')
      return answer === false ? 0 : 2
    }
  }

  for (const file of plan) await writePlanned(context, file)
  return 0
}

/** What `init` would write, printing what it found (the format) and what it keeps. */
async function planFiles(context: CommandContext, flags: InitFlags): Promise<Planned[]> {
  const found = findConfig(context.cwd)
  const existing = found !== null && dirname(found) === resolve(context.cwd) ? basename(found) : undefined
  const files: Planned[] = []
  const create = (name: string, purpose: string, content: string) => {
    if (exists(join(context.cwd, name))) context.stdout.write(`kept ${name} (it exists)\n`)
    else files.push({name, purpose, content, mode: 'create', done: `wrote ${name}: ${purpose}`})
  }

  if (existing) {
    context.stdout.write(`kept ${existing} (a config exists)\n`)
  } else {
    // The config says which format the files are in: look at them first.
    const detection = await detectProject(context.cwd)
    for (const line of describeDetection(detection)) context.stdout.write(`${line}\n`)
    if (detection.ownSchema) create(ownSchemaFile, 'a schema of your frontmatter keys, to edit', JSON.stringify(detection.ownSchema, undefined, 2) + '\n')
    create('.coursemarkrc.yaml', 'the config (format, rules, files to skip)', configFor(detection, starterConfig, ownSchemaFile))
  }

  if (!flags.noWorkflow) create(workflowPath, 'lints each push, checks links weekly', starterWorkflow(version))
  const ignore = gitignorePlan(context)
  if (ignore) files.push(ignore)
  return files
}

/**
 * The `.gitignore` with `.coursemark/` added, when the project keeps its
 * caches there (it has no package.json) and does not ignore the folder yet.
 * The file's bytes are kept as they are, its line ending used for the line.
 */
function gitignorePlan(context: CommandContext): Planned | undefined {
  const root = resolve(context.cwd)
  const folder = relative(root, defaultCacheFolder(root)).split(sep)[0]
  if (`${folder}/` !== ignoredFolder) return undefined
  const path = join(root, '.gitignore')
  let stats
  try {
    stats = lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new RunError(`cannot read \`.gitignore\`: ${describeFsError(error)}`)
  }

  const purpose = `ignores ${ignoredFolder}, where the caches go`
  if (!stats) return {name: '.gitignore', purpose, content: `${ignoredFolder}\n`, mode: 'create', done: `wrote .gitignore: ${purpose}`}
  if (!stats.isFile()) {
    // A link may point outside the project: it is not ours to replace.
    context.stdout.write(`kept .gitignore (not a regular file): add \`${ignoredFolder}\` to it\n`)
    return undefined
  }

  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new RunError(`cannot read \`.gitignore\`: ${describeFsError(error)}`)
  }

  const content = withIgnoredFolder(bytes)
  if (content === undefined) {
    context.stdout.write(`kept .gitignore (it ignores ${ignoredFolder})\n`)
    return undefined
  }

  return {name: '.gitignore', purpose: `add ${ignoredFolder}: the caches go there`, content, mode: 'replace', done: `added ${ignoredFolder} to .gitignore: the caches go there`}
}

/** Lines of a `.gitignore` that already ignore the cache folder at the top. */
const ignoresFolder = /^\/?\.coursemark(?:\/(?:\*{1,2})?)?[ \t]*$/

/**
 * The bytes of a `.gitignore` with a `.coursemark/` line added at the end
 * (after a line break when the last line has none, with the file's line
 * ending), or `undefined` when a line already ignores it.
 */
export function withIgnoredFolder(bytes: Uint8Array): Uint8Array | undefined {
  // Every pattern that matters is ASCII: read the bytes one to one, whatever the encoding.
  const text = Buffer.from(bytes).toString('latin1')
  const lines = text.split(/\r?\n/)
  if (lines.some((line) => ignoresFolder.test(line))) return undefined
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const separator = text === '' || text.endsWith('\n') ? '' : eol
  return Buffer.concat([Buffer.from(bytes), Buffer.from(`${separator}${ignoredFolder}${eol}`, 'latin1')])
}

/** Write one planned file, printing what it is for. */
async function writePlanned(context: CommandContext, file: Planned): Promise<void> {
  const path = join(context.cwd, file.name)
  try {
    if (file.mode === 'replace') {
      await writeAtomic(path, file.content)
    } else {
      await mkdir(dirname(path), {recursive: true})
      await writeFile(path, file.content, {flag: 'wx'})
    }
  } catch (error) {
    // Made since it was planned: it is kept, as one that was there before.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      context.stdout.write(`kept ${file.name} (it exists)\n`)
      return
    }

    throw new RunError(`cannot write \`${file.name}\`: ${describeFsError(error)}`)
  }

  context.stdout.write(`${file.done}\n`)
}

/** Whether anything (a file, a folder, a link) is at `path`. */
function exists(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/**
 * Ask a yes/no question (an empty answer is yes): `true` or `false`, or
 * `undefined` when the input ends first. Another answer asks again.
 * Read as lines, without readline's own line editing: the terminal's line
 * discipline echoes and edits, and Ctrl-C stops the process as anywhere.
 */
export async function confirm(question: string, input: InitInput, output: NodeJS.WritableStream): Promise<boolean | undefined> {
  const {createInterface} = await import('node:readline/promises')
  const reader = createInterface({input, output, terminal: false})
  const closed = new Promise<undefined>((resolve) => reader.once('close', () => resolve(undefined)))
  try {
    for (;;) {
      const answer = await Promise.race([reader.question(question), closed])
      if (answer === undefined) return undefined
      const word = answer.trim().toLowerCase()
      if (word === '' || word === 'y' || word === 'yes') return true
      if (word === 'n' || word === 'no') return false
      output.write('Please answer y or n.\n')
    }
  } finally {
    reader.close()
  }
}
