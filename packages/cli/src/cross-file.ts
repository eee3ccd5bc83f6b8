/**
 * Checks that need every file at once, run in the main thread on the few
 * model fields each file returns: duplicate `uuid`s and titles, reported at
 * every place. (Relative links to missing files and headings are the
 * remark plugin's `no-missing-local-target`; `targetsSignature` keeps its
 * cached results honest.)
 */
import {readdirSync, statSync, type Dirent} from 'node:fs'
import {dirname, resolve} from 'node:path'
import type {Position, Severity} from '@coursemark/core'
import {ruleSetting, type RuleMeta} from '@coursemark/remark-plugin/rule-meta'
import type {EffectiveSettings} from './config.js'
import {crossFileRules} from './cross-file-rules.js'
import {RunError} from './errors.js'
import type {FileResult, LintMessage, Located} from './types.js'
import {relativePath, resolveRelative, splitPlain} from './paths.js'

/** At most this many other places are named in a duplicate's message. */
const maxPlaces = 3

/** A linted file, with where it is on disk and its settings. */
export interface CrossFileInput {
  absolute: string
  settings: EffectiveSettings
  result: FileResult
}

/** Run the cross-file checks; returns new messages by display path. */
export function crossFileChecks(inputs: CrossFileInput[]): Map<string, LintMessage[]> {
  const output = new Map<string, LintMessage[]>()
  const add = (input: CrossFileInput, message: LintMessage) => {
    const list = output.get(input.result.path) ?? []
    list.push(message)
    output.set(input.result.path, list)
  }

  // Files with the same settings share one settings object: its title scope is read once.
  const scopes = new Map<EffectiveSettings, TitleScope>()
  for (const key of ['uuid', 'title'] as const) {
    const id = key === 'uuid' ? 'duplicate-uuid' : 'duplicate-title'
    const groups = new Map<string, Array<{input: CrossFileInput; located: Located}>>()
    for (const input of inputs) {
      const located = input.result.facts[key]
      if (!located) continue
      let normal: string
      if (key === 'uuid') {
        normal = located.value.trim().toLowerCase()
      } else {
        let scope = scopes.get(input.settings)
        if (scope === undefined) {
          scope = titleScope(input.settings)
          scopes.set(input.settings, scope)
        }

        normal = scope === 'project' ? titleKey(located.value) : dirname(input.absolute) + '\0' + titleKey(located.value)
      }

      const group = groups.get(normal)
      if (group) group.push({input, located})
      else groups.set(normal, [{input, located}])
    }

    const rule = crossFileRules.find((item) => item.id === id)
    for (const group of groups.values()) {
      if (group.length < 2 || !rule) continue
      for (const item of group) {
        const severity = severityFor(item.input.settings, rule)
        if (severity === undefined) continue
        const all = group.filter((other) => other !== item)
        // A few places, not thousands: a title shared by every file would make the report quadratic.
        const others = all.slice(0, maxPlaces).map((other) => '`' + other.input.result.path + where(other.located.position) + '`')
        if (all.length > maxPlaces) others.push(`and ${all.length - maxPlaces} more`)
        add(item.input, {
          ruleId: id,
          source: 'coursemark',
          reason: `Unexpected duplicate \`${key}\` \`${item.located.value}\`, expected each checkpoint to have its own (also in ${others.join(', ')})`,
          severity,
          place: item.located.position,
          url: rule.url
        })
      }
    }
  }

  return output
}

/** The content hash of a file (`undefined` when it cannot be read). */
export type ContentOf = (path: string) => string | undefined

/** What a path is, as `stat` says (symbolic links followed): `missing` for ENOENT and ENOTDIR, else the error's code. */
export type PathKind = 'file' | 'directory' | 'other' | 'missing' | {error: string}

/** What the signature of a file's local targets reads, once per run (`pathKinds`, a `ContentOf`). */
export interface TargetLookup {
  kindOf: (path: string) => PathKind
  contentOf: ContentOf
}

/**
 * What `no-missing-local-target` sees of a file's local targets: whether each
 * exists and is a file or a folder, and the content of a file linked with an
 * `#anchor` (its headings). A cached result that checked them is stale when
 * this changes. Paths are relative to the project root and nothing depends on
 * file times, so a fresh checkout of the same files (a CI job restoring the
 * cache) keeps every signature.
 */
export function targetsSignature(absolute: string, root: string, targets: Located[], lookup: TargetLookup): string {
  const parts: string[] = []
  const directory = dirname(absolute)
  for (const target of targets) {
    const value = target.value.trim()
    const end = value.search(/[?#]/)
    const anchored = end !== -1 && value.indexOf('#', end) !== -1
    let pathPart = end === -1 ? value : value.slice(0, end)
    if (pathPart === '') continue
    if (pathPart.includes('%')) {
      try {
        pathPart = decodeURIComponent(pathPart)
      } catch {
        // Keep it as written.
      }
    }

    const resolved = pathPart.startsWith('/') ? resolve(root, '.' + pathPart) : resolveRelative(directory, pathPart)
    const kind = lookup.kindOf(resolved)
    const name = relativePath(root, resolved)
    if (kind === 'missing') parts.push(`${name}:-`)
    else if (typeof kind === 'object') parts.push(`${name}:!${kind.error}`)
    else if (kind !== 'file') parts.push(`${name}:d`)
    else parts.push(anchored ? `${name}:f:${lookup.contentOf(resolved) ?? '?'}` : `${name}:f`)
  }

  return parts.join('\n')
}

/**
 * What each path asked for is, as `stat` says, from one listing of its folder
 * per run (for a plain POSIX path, see `splitPlain`; any other is asked of
 * `stat`): the local targets of lessons are mostly in a few folders (an
 * `images` folder per module), and a `stat` each was about 6% of a cached
 * rerun at 2,000 lessons (2,698 targets, about 10 µs a call on the bench machine). A name the listing has as a file or a folder is
 * that; a folder that does not exist (or is not a folder) holds nothing; any
 * other name (a symbolic link, an unknown type, one that a case-insensitive
 * file system matches under another spelling, a folder that cannot be listed)
 * is asked of `stat` itself. So each answer is the one `stat` gives.
 */
export function pathKinds(): (path: string) => PathKind {
  const listings = new Map<string, Map<string, Dirent> | 'missing' | undefined>()
  return (path) => {
    const parts = splitPlain(path)
    if (!parts) return kindByStat(path)
    const [directory, name] = parts
    let listing = listings.get(directory)
    if (!listings.has(directory)) {
      listing = list(directory)
      listings.set(directory, listing)
    }

    if (listing === 'missing') return 'missing'
    const entry = listing?.get(name)
    if (entry?.isFile()) return 'file'
    if (entry?.isDirectory()) return 'directory'
    return kindByStat(path)
  }
}

function list(directory: string): Map<string, Dirent> | 'missing' | undefined {
  try {
    const listing = new Map<string, Dirent>()
    for (const entry of readdirSync(directory, {withFileTypes: true})) listing.set(entry.name, entry)
    return listing
  } catch (error) {
    return isMissing(error) ? 'missing' : undefined
  }
}

function kindByStat(path: string): PathKind {
  try {
    const stats = statSync(path)
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other'
  } catch (error) {
    return isMissing(error) ? 'missing' : {error: String((error as NodeJS.ErrnoException).code ?? 'unknown')}
  }
}

/** ENOENT, or ENOTDIR (a file on the way: `lesson.md/image.png`), which `no-missing-local-target` reports as missing too. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/** Where `duplicate-title` compares titles: one folder (a module) or the whole run. */
export type TitleScope = 'folder' | 'project'

/**
 * The `scope` option of `duplicate-title` for a file (default `folder`).
 *
 * @throws {RunError} On a value other than `folder` or `project`.
 */
export function titleScope(settings: EffectiveSettings): TitleScope {
  const configured = Object.hasOwn(settings.rules, 'duplicate-title') ? settings.rules['duplicate-title'] : undefined
  const options: unknown = Array.isArray(configured) ? configured[1] : undefined
  if (options === undefined || options === null) return 'folder'
  const scope: unknown = typeof options === 'object' ? (options as {scope?: unknown}).scope : options
  if (scope === undefined || scope === 'folder' || scope === 'project') return scope ?? 'folder'
  throw new RunError(
    `Unexpected value \`${JSON.stringify(scope)}\` for \`duplicate-title\` option \`scope\`, expected \`folder\` or \`project\``
  )
}

function titleKey(title: string): string {
  return title.replace(/\s+/g, ' ').trim().toLowerCase()
}

function where(position: Position | null): string {
  return position ? `:${position.start.line}:${position.start.column}` : ''
}

/** The severity of a cross-file rule for a file, or `undefined` when it is off. */
export function severityFor(settings: EffectiveSettings, rule: RuleMeta): Severity | undefined {
  const configured = Object.hasOwn(settings.rules, rule.id) ? settings.rules[rule.id] : undefined
  const {severity} = ruleSetting(rule, settings.preset, configured)
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : undefined
}
