/**
 * Which files to lint: paths and globs -> absolute paths of markdown files,
 * sorted. Directories are walked for `*.md` (and `*.Rmd`); `.gitignore` and
 * `.coursemarkignore` files (in the project root and every directory below)
 * and the config's `ignores` are respected; `node_modules` and `.git` are
 * skipped; symbolic links are followed only when they point inside the
 * project root, and never twice to the same directory.
 */
import {lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join, resolve, sep} from 'node:path'
import type {Ignore} from 'ignore'
import {describeFsError, RunError} from '../errors.js'
import {joinName, relativePath, toSlashes} from '../config/paths.js'

/** Names of the ignore files read in every directory. */
export const ignoreFileNames = ['.gitignore', '.coursemarkignore'] as const

const skippedDirectories = new Set(['node_modules', '.git'])

const require = createRequire(import.meta.url)

/**
 * The `ignore` package, loaded when the first ignore file or pattern is
 * found: a project without any does not load it, and `require` of the CommonJS
 * module skips the ES module loader's scan of its exports, a cost every run
 * would pay at start.
 */
function createIgnore(): Ignore {
  const ignore = require('ignore') as typeof import('ignore')
  return ignore({allowRelativePaths: true})
}

/** What `findFiles` found. */
export interface FoundFiles {
  /** Absolute paths, sorted by their path relative to `cwd`. */
  files: string[]
  /** One line for each input that could not be read. */
  errors: string[]
  /**
   * Whether the inputs hold markdown files that the ignore files or the
   * config's `ignores` leave out (looked for only when no file was found).
   */
  ignoredMarkdown: boolean
}

/** Where to look. */
export interface FindOptions {
  cwd: string
  /** Project root (the config directory, or `cwd`). */
  root: string
  /** Extra ignore patterns from the config, relative to `root`. */
  ignores: string[]
}

/**
 * Expand paths and globs to markdown files. A file named explicitly is always
 * included (whatever its extension and the ignore files); a directory is
 * walked; anything else is a glob, relative to `cwd`.
 */
export async function findFiles(inputs: string[], options: FindOptions): Promise<FoundFiles> {
  const root = realOrSelf(resolve(options.root))
  const rules = new IgnoreRules(root, options.ignores)
  const found = new Found()
  const errors: string[] = []

  for (const input of inputs.length === 0 ? ['.'] : inputs) {
    const absolute = resolve(options.cwd, input)
    let stats
    try {
      stats = statSync(absolute)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const matches = code === 'ENOENT' ? await globFiles(input, options.cwd) : undefined
      if (matches) {
        const kept = matches.filter((path) => !rules.ignored(path, false))
        if (kept.length === 0) errors.push(`no files match \`${input}\``)
        for (const path of kept) found.add(path, false)
        continue
      }

      errors.push(`cannot read \`${input}\`: ${describeFsError(error)}`)
      continue
    }

    if (stats.isDirectory()) {
      const walkRoot = isInside(root, realOrSelf(absolute)) ? root : realOrSelf(absolute)
      walk(absolute, walkRoot, rules, found, [], false, errors)
    } else {
      found.add(absolute, false)
    }
  }

  const files = sortPaths(found.paths(), options.cwd)
  const ignoredMarkdown = files.length === 0 && (found.ignoredFiles > 0 || found.ignoredDirectories.some((directory) => containsMarkdown(directory)))
  return {files, errors, ignoredMarkdown}
}

/**
 * The files a folder walk lints: `.md`, and R Markdown (`.Rmd`), the source
 * of the Carpentries Workbench's R lessons (its chunks are fenced code).
 */
function isMarkdownName(name: string): boolean {
  return name.endsWith('.md') || name.endsWith('.Rmd')
}

/**
 * Whether a folder holds a `.md` file at any depth (not following links nor
 * entering `node_modules` or `.git`); gives up, saying no, after `budget`
 * entries, so a large ignored build folder costs little.
 */
function containsMarkdown(directory: string, budget = {entries: 10_000}): boolean {
  let entries: Dirent[]
  try {
    entries = readdirSync(directory, {withFileTypes: true})
  } catch {
    return false
  }

  for (const entry of entries) {
    if (--budget.entries < 0) return false
    if (entry.isFile() && isMarkdownName(entry.name)) return true
    if (entry.isDirectory() && !skippedDirectories.has(entry.name) && containsMarkdown(joinName(directory, entry.name), budget)) return true
  }

  return false
}

/** The files a glob matches (absolute paths), or `undefined` when `input` is no glob. */
async function globFiles(input: string, cwd: string): Promise<string[] | undefined> {
  // Loaded only for a glob: most runs name folders or files.
  const {glob, isDynamicPattern} = await import('tinyglobby')
  if (!isDynamicPattern(input)) return undefined
  const matches = await glob(input, {
    cwd,
    absolute: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
    expandDirectories: false
  })
  return matches.map((path) => resolve(path))
}

/** Sort absolute paths by their `/`-separated path relative to `cwd` (code unit order: stable everywhere). */
export function sortPaths(paths: string[], cwd: string): string[] {
  const keyed = paths.map((path) => ({path, key: toSlashes(relativePath(cwd, path))}))
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return keyed.map((item) => item.path)
}

/**
 * Parse `i/n` (1-based shard `i` of `n`).
 *
 * @throws {RunError}
 */
export function parseShard(value: string): {index: number; count: number} {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) {
    throw new RunError(`Unexpected \`--shard ${value}\`, expected \`i/n\` with 1 <= i <= n, such as \`1/4\``)
  }

  return {index, count}
}

/**
 * The files of one shard: round-robin over the sorted list, so shards
 * partition the files exactly and differ in size by at most one.
 */
export function shard<T>(files: T[], index: number, count: number): T[] {
  return files.filter((_, position) => position % count === index - 1)
}

/**
 * Absolute paths of the files changed since `ref` (committed, staged,
 * unstaged, and untracked files that are not ignored).
 *
 * @throws {RunError}
 *   When git fails (not a repository, unknown ref).
 */
export async function changedSince(ref: string, cwd: string): Promise<Set<string>> {
  if (ref.startsWith('-')) {
    throw new RunError(`Unexpected \`--changed-since ${ref}\`, expected a git ref such as \`origin/main\``)
  }

  const top = (await git(['rev-parse', '--show-toplevel'], cwd, ref)).trim()
  const changed = await git(['diff', '--name-only', '-z', '--no-renames', ref, '--'], cwd, ref)
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], cwd, ref)
  const result = new Set<string>()
  for (const name of [...changed.split('\0'), ...untracked.split('\0')]) {
    if (name !== '') result.add(realOrSelf(resolve(top, name)))
  }

  return result
}

/** Run git (`node:child_process` is loaded only here, so that a run without `--changed-since` does not pay for it at start). */
async function git(args: string[], cwd: string, ref: string): Promise<string> {
  const {execFile} = await import('node:child_process')
  return new Promise((resolvePromise, reject) => {
    execFile('git', args, {cwd, maxBuffer: 256 * 1024 * 1024}, (error, stdout, stderr) => {
      if (error) {
        const line = stderr.split('\n').find((item) => item.trim() !== '') ?? error.message
        reject(new RunError(`cannot list files changed since \`${ref}\`: ${line.replace(/^fatal: /, '')}`))
      } else {
        resolvePromise(stdout)
      }
    })
  })
}

/** `path` with symlinks resolved, or itself when it cannot be resolved. */
export function realOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relativePath(root, path)
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && resolve(root, rel) === path)
}

/** Files found, one path per real file: a path without symbolic links wins over one through a link. */
class Found {
  private readonly byReal = new Map<string, {path: string; viaLink: boolean}>()
  /** Markdown files left out by the ignore rules. */
  ignoredFiles = 0
  /** Folders left out by the ignore rules. */
  readonly ignoredDirectories: string[] = []

  /** Add `path`; `real` is its path without links when the caller knows it (else it is resolved here). */
  add(path: string, viaLink: boolean, real = realOrSelf(path)): void {
    const existing = this.byReal.get(real)
    if (!existing || (existing.viaLink && !viaLink)) this.byReal.set(real, {path, viaLink})
  }

  paths(): string[] {
    return [...this.byReal.values()].map((item) => item.path)
  }
}

function walk(
  directory: string,
  root: string,
  rules: IgnoreRules,
  found: Found,
  ancestors: string[],
  viaLink: boolean,
  errors: string[]
): void {
  const real = realOrSelf(directory)
  // A link back to a directory being walked: a loop.
  if (ancestors.includes(real)) return
  const chain = [...ancestors, real]

  let entries: Dirent[]
  try {
    entries = readdirSync(directory, {withFileTypes: true})
  } catch (error) {
    errors.push(`cannot read \`${directory}\`: ${describeFsError(error)}`)
    return
  }

  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = joinName(directory, entry.name)
    let isDirectory = entry.isDirectory()
    let isFile = entry.isFile()
    let link = viaLink
    // The real path of an entry that is not a link, without a call to
    // `realpath` (which checks each folder of the path in turn, for every
    // file: a large part of a cached rerun).
    let target = joinName(real, entry.name)

    if (entry.isSymbolicLink()) {
      link = true
      try {
        target = realpathSync(path)
      } catch {
        // A dangling link or a loop: nothing to lint there.
        continue
      }

      if (!isInside(root, target)) continue
      try {
        const stats = statSync(target)
        isDirectory = stats.isDirectory()
        isFile = stats.isFile()
      } catch {
        continue
      }
    }

    if (isDirectory) {
      if (skippedDirectories.has(entry.name)) continue
      if (rules.ignored(path, true)) {
        found.ignoredDirectories.push(path)
        continue
      }

      walk(path, root, rules, found, chain, link, errors)
    } else if (isFile && isMarkdownName(entry.name)) {
      if (rules.ignored(path, false)) found.ignoredFiles++
      else found.add(path, link, target)
    }
  }
}

/** `.gitignore` and `.coursemarkignore` files of each directory, from the root down. */
class IgnoreRules {
  private readonly root: string
  private readonly byDirectory = new Map<string, Ignore | null>()
  private readonly chains = new Map<string, Array<[string, Ignore]>>()

  constructor(root: string, patterns: string[]) {
    this.root = root
    const top = this.load(root)
    if (patterns.length > 0) {
      const rules = createIgnore()
      if (top) rules.add(top)
      rules.add(patterns)
      this.byDirectory.set(root, rules)
    }
  }

  /** Whether a path is ignored (`isDirectory` matters for patterns such as `build/`). */
  ignored(path: string, isDirectory: boolean): boolean {
    const real = lexicalInside(this.root, path) ? path : realOrSelf(path)
    if (!lexicalInside(this.root, real)) return false
    let result = false
    for (const [dir, rules] of this.rulesAbove(dirname(real))) {
      const rel = toSlashes(relativePath(dir, real)) + (isDirectory ? '/' : '')
      const verdict = rules.test(rel)
      if (verdict.ignored) result = true
      else if (verdict.unignored) result = false
    }

    return result
  }

  /**
   * The ignore files that apply in `directory` (inside the root), from the
   * root down: the directory and each one above it up to the root that has
   * one. Kept per directory: most have none, and every file of a folder asks.
   */
  private rulesAbove(directory: string): Array<[string, Ignore]> {
    const known = this.chains.get(directory)
    if (known) return known
    const chain: Array<[string, Ignore]> = []
    let current = directory
    for (;;) {
      const rules = this.byDirectory.has(current) ? this.byDirectory.get(current) : this.load(current)
      if (rules) chain.push([current, rules])
      if (current === this.root) break
      const parent = dirname(current)
      if (parent === current) break
      current = parent
    }

    chain.reverse()
    this.chains.set(directory, chain)
    return chain
  }

  private load(directory: string): Ignore | null {
    let rules: Ignore | null = null
    for (const name of ignoreFileNames) {
      let text: string
      try {
        const path = join(directory, name)
        if (!lstatSync(path).isFile()) continue
        text = readFileSync(path, 'utf8')
      } catch {
        continue
      }

      rules ??= createIgnore()
      rules.add(text)
    }

    this.byDirectory.set(directory, rules)
    return rules
  }
}

function lexicalInside(root: string, path: string): boolean {
  const rel = relativePath(root, path)
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !rel.startsWith(sep))
}
