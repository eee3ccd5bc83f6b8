/**
 * The settings of each file (`Settings`): the config's top level and its
 * overrides (`ConfigSettings`), resolved once.
 */
import {createRequire} from 'node:module'
import type {ValidateOptions} from '@coursemark/core'
import type {Settings} from '../settings.js'
import type {Config} from './data.js'
import {relativePath, toSlashes} from './paths.js'

/**
 * The settings of one file: the top level, then every override whose
 * `files` match (and whose `excludeFiles` do not), later entries winning.
 */
export function settingsFor(config: Config, file: string): Settings {
  const layers = [config.base]
  const applied: number[] = []
  // Without overrides the path does not matter: it is not even made relative.
  if (config.overrides.length > 0) {
    const rel = toSlashes(relativePath(config.root, file))
    for (const [index, override] of config.overrides.entries()) {
      if (matches(override.files, rel) && !matches(override.excludeFiles, rel)) {
        layers.push(override.settings)
        applied.push(index)
      }
    }
  }

  // Files with the same overrides share one settings object (cheap to hash and to key processors by).
  let byOverrides = merged.get(config)
  if (!byOverrides) {
    byOverrides = new Map()
    merged.set(config, byOverrides)
  }

  const key = applied.join(',')
  const known = byOverrides.get(key)
  if (known) return known

  const result: Settings = {preset: 'recommended', format: 'checkpoint', rules: {}, root: config.root}
  for (const layer of layers) {
    if (layer.extends) result.preset = layer.extends
    if (layer.format) result.format = layer.format
    if (layer.rules) result.rules = {...result.rules, ...layer.rules}
    if (layer.headings) result.headings = {...result.headings, ...layer.headings}
    // The config's `frontmatter` is the model's `validate` option, as it is.
    if (layer.frontmatter) result.validate = {...(result.validate as ValidateOptions | undefined), ...layer.frontmatter}
    if (layer.limits) result.limits = {...result.limits, ...layer.limits}
    if (layer.wordsPerMinute !== undefined) result.wordsPerMinute = layer.wordsPerMinute
    if (layer.rawShortcodes) result.rawShortcodes = layer.rawShortcodes
  }

  byOverrides.set(key, result)
  return result
}

const merged = new WeakMap<Config, Map<string, Settings>>()

const matchers = new Map<string, (path: string) => boolean>()

const require = createRequire(import.meta.url)

/**
 * `picomatch`, loaded for the first override: a config without any does not
 * load it, and `require` of the CommonJS module skips the ES module loader's
 * scan of its exports.
 */
function compileGlob(glob: string): (path: string) => boolean {
  const picomatch = require('picomatch') as typeof import('picomatch')
  return picomatch(glob, {dot: true, strictBrackets: true, noextglob: true})
}

function matches(globs: string[], path: string): boolean {
  return globs.some((glob) => {
    let matcher = matchers.get(glob)
    if (!matcher) {
      matcher = compileGlob(glob)
      matchers.set(glob, matcher)
    }

    return matcher(path)
  })
}
