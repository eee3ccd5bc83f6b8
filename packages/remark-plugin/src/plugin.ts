/**
 * The plugin as remark-cli and the remark language server load it (the
 * default export): with options, the preset they describe; with none, the
 * project's coursemark config (`.coursemarkrc.yaml` or another of the names
 * `coursemark lint` reads), so that remark and `coursemark lint` run from
 * one config, not a second `.remarkrc`.
 */
import {fatalOf} from '@coursemark/core/severity'
import type {Root} from 'mdast'
import {unified, type Pluggable, type Plugin, type Preset, type Processor, type TransformCallback} from 'unified'
import {VFile} from 'vfile'
import type {Config, ProjectSite} from './config/index.js'
import type {Settings} from './settings.js'
import {createPreset, type PresetOptions} from './presets.js'

/**
 * Run coursemark's rules.
 *
 * - Given options (`{preset, rules, settings}`, as `createPreset` takes), it
 *   runs those, and reads no config file: explicit options win over a
 *   `.coursemarkrc.yaml`.
 * - Given none, in Node, each file gets the settings `coursemark lint` gives
 *   it: the config found from the file's folder upward (`extends`, `format`,
 *   `rules`, `overrides`, `headings`, `frontmatter`, `limits`,
 *   `wordsPerMinute`, `site`), the project root being the config's folder, and
 *   the project's site (core's site model, built once per run and
 *   config: what each file is, how its links resolve) on
 *   `file.data.coursemarkSite`, unless the caller set one. An invalid
 *   config is a fatal message (`config`) on each file. Without a config, or
 *   outside Node, or on a file without a path, the `recommended` preset.
 *
 * Under unified-engine (remark-cli, the language server) the rules that
 * compare files get the file set (the engine's second argument).
 */
export const remarkCoursemark: Plugin<[(PresetOptions | null | undefined)?, unknown?], Root> = function (
  this: Processor,
  options,
  fileSet
) {
  if (options !== undefined && options !== null) {
    const pipeline = unified() as unknown as Processor<Root, Root, Root>
    usePreset(pipeline, createPreset(options), fileSet)
    pipeline.freeze()
    return settled((tree, file, done) => {
      pipeline.run(tree, file, (error) => {
        done(error)
      })
    })
  }

  const pipelines = new Map<Settings | undefined, Processor<Root, Root, Root>>()
  const configs = new Map<string, Promise<Config>>()
  const sites = sitesOf(fileSet)
  const lint = async (tree: Root, file: VFile): Promise<undefined> => {
    let settings: Settings | undefined
    try {
      const found = await settingsOfFile(file, configs)
      settings = found?.settings
      if (found) await placeInSite(file, found.config, found.absolute, sites)
    } catch (error) {
      const {ConfigError} = await import('./config/index.js')
      if (!(error instanceof ConfigError)) throw error
      const message = file.message([error.message, ...error.details].join('\n'), {ruleId: 'config', source: 'coursemark'})
      message.fatal = fatalOf('error')
      return undefined
    }

    let pipeline = pipelines.get(settings)
    if (!pipeline) {
      pipeline = unified() as unknown as Processor<Root, Root, Root>
      usePreset(pipeline, presetOf(settings), fileSet)
      pipelines.set(settings, pipeline)
    }

    await pipeline.run(tree, file)
    return undefined
  }

  return settled((tree, file, done) => {
    lint(tree, file).then(() => done(), done)
  })
}

/**
 * A transformer that runs `lint` on a stand-in of the file (same path, value
 * and `data`) and moves the stand-in's messages onto the file in the same
 * synchronous step that ends the transform.
 *
 * unified-engine (remark-cli, the language server) flushes its queue once
 * every file without a fatal message is transformed: it takes a file with a
 * fatal message for one that failed and will not arrive. A file whose `error`
 * finding appeared while its transform still awaited (config loading, an
 * async rule) and that arrived after such a flush was never reported: the run
 * ended with no output and exit code 0. Here no fatal message is on the file
 * while its transform is pending. Synchronous rules stay synchronous
 * (`processSync` works with them).
 */
function settled(
  lint: (tree: Root, file: VFile, done: (error?: unknown) => void) => void
): (tree: Root, file: VFile, next: TransformCallback<Root>) => undefined {
  return function (tree, file, next) {
    const standIn = new VFile({cwd: file.cwd, history: file.history, value: file.value, data: file.data})
    let called = false
    const settle = (error?: unknown) => {
      if (called) return
      called = true
      // One at a time: a spread of a huge list would overflow the stack.
      for (const message of standIn.messages) file.messages.push(message)
      next(error === undefined || error === null ? undefined : error instanceof Error ? error : new Error(String(error)))
    }

    try {
      lint(tree, standIn, settle)
    } catch (error) {
      // A throw from after the transform (the engine's next steps) is not the lint's.
      if (called) throw error
      settle(error)
    }

    return undefined
  }
}

/** Attach a preset's plugins, each also given the file set (rules that compare files need it). */
function usePreset(processor: Processor<Root, Root, Root> | Processor, preset: Preset, fileSet: unknown): void {
  for (const entry of preset.plugins ?? []) usePluggable(processor as Processor, entry, fileSet)
}

function usePluggable(processor: Processor, entry: Pluggable, fileSet: unknown): void {
  if (Array.isArray(entry)) {
    const [plugin, ...parameters] = entry as [Plugin<unknown[]>, ...unknown[]]
    processor.use(plugin, parameters[0], fileSet)
  } else if (typeof entry === 'function') {
    processor.use(entry, undefined, fileSet)
  } else {
    usePreset(processor, entry, fileSet)
  }
}

/** The preset of a file's settings (`recommended` without settings). */
function presetOf(settings: Settings | undefined): Preset {
  return settings ? createPreset({preset: settings.preset, rules: settings.rules, settings}) : createPreset()
}

/** The sites of one run, by config: unified-engine attaches the plugin once per file, with the run's file set. */
const sitesByRun = new WeakMap<object, Map<string, ProjectSite>>()

/**
 * The sites built in this run (remark-cli, one check of the language server):
 * one per file set, else one per processor. Each run builds its own, so a
 * long-lived language server sees files added since.
 */
function sitesOf(fileSet: unknown): Map<string, ProjectSite> {
  if (typeof fileSet !== 'object' || fileSet === null) return new Map()
  let sites = sitesByRun.get(fileSet)
  if (!sites) {
    sites = new Map()
    sitesByRun.set(fileSet, sites)
  }

  return sites
}

/**
 * Set `file.data.coursemarkSite` (unless the caller set it): the site of the
 * config's project, as `coursemark lint` builds it, so that rules apply by
 * kind and links resolve the same way under remark-cli.
 */
async function placeInSite(file: VFile, config: Config, absolute: string, sites: Map<string, ProjectSite>): Promise<void> {
  if (file.data.coursemarkSite) return
  const {siteOfConfig, sitePath} = await import('./config/index.js')
  const path = sitePath(config, absolute)
  if (path === undefined) return
  const key = `${config.path ?? ''}\0${config.root}`
  let site = sites.get(key)
  if (!site) {
    site = siteOfConfig(config, await import('@coursemark/core/site-builders'))
    sites.set(key, site)
  }

  file.data.coursemarkSite = {site: site.site, path, frontmatterless: site.frontmatterless, objectiveless: site.objectiveless}
}

/** The settings `coursemark lint` gives a file, and its config, from the config found from its folder upward; `undefined` outside Node or without a path. */
async function settingsOfFile(
  file: VFile,
  configs: Map<string, Promise<Config>>
): Promise<{settings: Settings; config: Config; absolute: string} | undefined> {
  if (!file.path || typeof process === 'undefined' || !process.versions?.node) return undefined
  const [{dirname, resolve}, {findConfig, loadConfig, settingsFor}] = await Promise.all([
    import('node:path'),
    import('./config/index.js')
  ])
  const absolute = resolve(file.cwd, file.path)
  const found = findConfig(dirname(absolute))
  const key = found ?? ''
  let loading = configs.get(key)
  if (!loading) {
    // Without a config file, the defaults, rooted at the working folder (as `coursemark lint`).
    loading = found === null ? loadConfig(file.cwd) : loadConfig(file.cwd, found)
    configs.set(key, loading)
  }

  const config = await loading
  return {settings: settingsFor(config, absolute), config, absolute}
}
