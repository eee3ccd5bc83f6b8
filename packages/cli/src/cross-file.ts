/**
 * Checks that need every file at once, run in the main thread on the few
 * model fields each file returns: duplicate `uuid`s and titles (reported at
 * every place), and relative links whose target does not exist.
 */
import {statSync} from 'node:fs'
import {dirname, resolve, sep} from 'node:path'
import {docsUrl, type Position, type Severity} from '@coursemark/core'
import type {PresetName, RuleSeverity} from '@coursemark/remark-plugin'
import type {EffectiveSettings} from './config.js'
import type {FileResult, LintMessage, Located} from './types.js'

/** Metadata of a cross-file rule (configured like any other rule). */
export interface CrossFileRule {
  id: string
  description: string
  tags: string[]
  fixable: false
  presets: Record<PresetName, RuleSeverity>
  url: string
}

/** The cross-file rules. */
export const crossFileRules: CrossFileRule[] = [
  {
    id: 'duplicate-uuid',
    description: 'Require every checkpoint to have its own `uuid` (checked across all files linted)',
    tags: ['frontmatter', 'cross-file'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: docsUrl + 'duplicate-uuid'
  },
  {
    id: 'duplicate-title',
    description: 'Warn when two checkpoints share a `title` (checked across all files linted)',
    tags: ['frontmatter', 'cross-file'],
    fixable: false,
    presets: {recommended: 'warn', strict: 'error'},
    url: docsUrl + 'duplicate-title'
  },
  {
    id: 'relative-link-target',
    description: 'Require relative links and images to point at an existing file (and heading, for linted checkpoints)',
    tags: ['links', 'cross-file'],
    fixable: false,
    presets: {recommended: 'error', strict: 'error'},
    url: docsUrl + 'relative-link-target'
  }
]

/** Ids of the cross-file rules. */
export const crossFileRuleIds = new Set(crossFileRules.map((rule) => rule.id))

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

  for (const key of ['uuid', 'title'] as const) {
    const id = key === 'uuid' ? 'duplicate-uuid' : 'duplicate-title'
    const groups = new Map<string, Array<{input: CrossFileInput; located: Located}>>()
    for (const input of inputs) {
      const located = input.result.facts[key]
      if (!located) continue
      const normal = key === 'uuid' ? located.value.trim().toLowerCase() : located.value.replace(/\s+/g, ' ').trim().toLowerCase()
      const group = groups.get(normal) ?? []
      group.push({input, located})
      groups.set(normal, group)
    }

    for (const group of groups.values()) {
      if (group.length < 2) continue
      for (const item of group) {
        const severity = severityFor(item.input.settings, id)
        if (severity === undefined) continue
        const others = group
          .filter((other) => other !== item)
          .map((other) => '`' + other.input.result.path + where(other.located.position) + '`')
        add(item.input, {
          ruleId: id,
          source: 'coursemark',
          reason: `Unexpected duplicate \`${key}\` \`${item.located.value}\`, expected each checkpoint to have its own (also in ${others.join(', ')})`,
          severity,
          place: item.located.position,
          url: docsUrl + id
        })
      }
    }
  }

  const slugsByPath = new Map<string, string[]>()
  for (const input of inputs) slugsByPath.set(input.absolute, input.result.facts.slugs)

  for (const input of inputs) {
    const severity = severityFor(input.settings, 'relative-link-target')
    if (severity === undefined) continue
    for (const link of input.result.facts.relative) {
      const reason = checkTarget(link.value, input.absolute, slugsByPath)
      if (reason) {
        add(input, {
          ruleId: 'relative-link-target',
          source: 'coursemark',
          reason,
          severity,
          place: link.position,
          url: docsUrl + 'relative-link-target'
        })
      }
    }
  }

  return output
}

function checkTarget(url: string, from: string, slugsByPath: Map<string, string[]>): string | undefined {
  const value = url.trim()
  if (value === '' || value.startsWith('/')) return undefined
  const hash = value.indexOf('#')
  const beforeHash = hash === -1 ? value : value.slice(0, hash)
  const fragment = hash === -1 ? '' : value.slice(hash + 1)
  const query = beforeHash.indexOf('?')
  let pathPart = query === -1 ? beforeHash : beforeHash.slice(0, query)
  if (pathPart === '') return undefined
  try {
    pathPart = decodeURIComponent(pathPart)
  } catch {
    // Keep it as written.
  }

  const target = resolve(dirname(from), pathPart.split('/').join(sep))
  const stats = statSync(target, {throwIfNoEntry: false})
  if (!stats) {
    return `Unexpected link to missing \`${pathPart}\`, expected an existing file`
  }

  if (fragment !== '' && stats.isFile()) {
    const slugs = slugsByPath.get(target)
    if (slugs && !slugs.includes(fragment.toLowerCase())) {
      return `Unexpected link to missing heading \`#${fragment}\` in \`${pathPart}\`, expected the slug of one of its headings`
    }
  }

  return undefined
}

function where(position: Position | null): string {
  return position ? `:${position.start.line}:${position.start.column}` : ''
}

/** The severity of a rule for a file, or `undefined` when it is off. */
export function severityFor(settings: EffectiveSettings, id: string): Severity | undefined {
  const configured = Object.hasOwn(settings.rules, id) ? settings.rules[id] : undefined
  const rule = crossFileRules.find((item) => item.id === id)
  const severity = configured === undefined ? rule?.presets[settings.preset] : Array.isArray(configured) ? configured[0] : configured
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : undefined
}
