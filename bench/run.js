/**
 * `npm run bench`: coursemark against the tools users would otherwise run, on
 * this machine, in one run, as ratios. Not a test: CI does not run it.
 *
 * Usage: `node bench/run.js [--quick] [--only lint,single,cache,course,links,frontmatter,stress]`
 *
 * - `--quick`: 200 and 2,000 files, fewer repeats, a smaller link corpus, no
 *   stress run (a few minutes).
 * - default (full): 200, 2,000 and 10,000 files, the stress run (about 20
 *   minutes on 2 idle cores).
 * - `--sizes 200,2000`: lint only these corpus sizes (the single file is
 *   taken from the smallest).
 * - `--max-minutes N` (default 25, quick 10): once this much time has passed,
 *   start no further repeat of a series (each tool still runs at least once
 *   per scenario); the report says how many rounds ran.
 *
 * Every tool runs as a whole process on the same files. Tools of one scenario
 * alternate (the order rotates each round), so that each sees the same load
 * from whatever else runs on the machine. Results: one table on stdout, and
 * `bench/results/<mode>.json` and `.md` (`<mode>-<parts>.*` with `--only`).
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, cpus, loadavg, release, tmpdir, totalmem} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {linkCorpus, lintCorpus} from './lib/corpus.js'
import {planUrls, requestReport, startLinkServer} from './lib/link-server.js'
import {rssMethod, run} from './lib/measure.js'
import {snapshot} from './lib/snapshot.js'
import {formatMs, formatRatio, summarise} from './lib/stats.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const corpusRoot = join(here, 'corpus')
const resultsDir = join(here, 'results')
const scratch = join(tmpdir(), `coursemark-bench-${process.pid}`)

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const onlyArg = args.find((arg) => arg.startsWith('--only'))
const onlyValue = onlyArg?.includes('=') ? onlyArg.split('=')[1] : onlyArg ? args[args.indexOf(onlyArg) + 1] : undefined
const only = onlyValue ? new Set(onlyValue.split(',')) : undefined
/** @param {string} part */
const wanted = (part) => !only || only.has(part)

const mode = quick ? 'quick' : 'full'
const maxArg = args.indexOf('--max-minutes')
const maxMinutes = maxArg === -1 ? (quick ? 10 : 25) : Number(args[maxArg + 1])
const benchStart = performance.now()
/** Whether the time budget allows another round of a series. */
const withinBudget = () => performance.now() - benchStart < maxMinutes * 60_000
const sizesArg = args.indexOf('--sizes')
const sizes = sizesArg === -1 ? undefined : String(args[sizesArg + 1]).split(',').map(Number)
const settings = quick
  ? {sizes: [200, 2000], repeats: {200: 3, 2000: 2}, singleRepeats: 5, cacheSizes: [2000], cacheRepeats: 2, courseSize: 2000, courseRepeats: 2, linkUrls: 600, linkRepeats: 2, frontmatterSize: 2000, stress: false}
  : {sizes: [200, 2000, 10_000], repeats: {200: 5, 2000: 3, 10_000: 2}, singleRepeats: 10, cacheSizes: [2000, 10_000], cacheRepeats: 2, courseSize: 2000, courseRepeats: 3, linkUrls: 2000, linkRepeats: 3, frontmatterSize: 10_000, stress: true}
if (sizes) settings.sizes = sizes.filter((size) => Number.isInteger(size) && size > 0)

const latencyMs = 25
const hostCount = 50
const addresses = Array.from({length: hostCount}, (_, i) => `127.0.0.${i + 2}`)
const refusedAddresses = ['127.0.0.52', '127.0.0.53']
/** coursemark's link defaults (`@coursemark/cli/links`), given to linkinator too where it has the option. */
const linkDefaults = {concurrency: 32, perHost: 4, timeoutMs: 15_000}
const cores = availableParallelism()

/** @param {string} name */
function bin(name) {
  return realpathSync(join(root, 'node_modules/.bin', name))
}

mkdirSync(scratch, {recursive: true})
// Measure a frozen copy of the current build: other work may rebuild `dist` during a long run.
const coursemarkBin = existsSync(join(root, 'packages/cli/dist/bin.js'))
  ? snapshot(root, join(scratch, 'snapshot'))
  : join(root, 'packages/cli/dist/bin.js')
const env = {...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1'}

/**
 * @typedef Command
 * @property {string} name
 * @property {string[]} args
 *   Arguments of `node`.
 * @property {string} cwd
 * @property {() => void} [before]
 *   Runs before each timed run (untimed).
 */

/**
 * @typedef Measured
 * @property {number[]} walls
 * @property {number[]} rss
 * @property {number[]} cpu
 *   CPU time (user + system) per run, ms.
 * @property {Array<number | null>} codes
 * @property {string} [stdout]
 *   Of the last run.
 * @property {string} [stderr]
 *   Of the last run, cut.
 * @property {string} [error]
 */

/**
 * Run `commands` `repeats` times each, alternating, rotating the order every round.
 *
 * @param {string} label
 * @param {Command[]} commands
 * @param {number} repeats
 * @param {number} [atLeast] Rounds run even when the time budget is spent (for runs of a second or two).
 * @returns {Promise<Record<string, Measured>>}
 */
async function series(label, commands, repeats, atLeast = 1) {
  /** @type {Record<string, Measured>} */
  const out = {}
  for (const command of commands) out[command.name] = {walls: [], rss: [], cpu: [], codes: []}
  for (let round = 0; round < repeats; round++) {
    if (round >= atLeast && !withinBudget()) {
      log(`  ${label}: time budget of ${maxMinutes} minutes spent, ${round} of ${repeats} rounds`)
      break
    }

    const order = commands.map((_, i) => commands[(i + round) % commands.length])
    for (const command of order) {
      if (!command) continue
      command.before?.()
      const result = await run(process.execPath, command.args, {cwd: command.cwd, env})
      const measured = /** @type {Measured} */ (out[command.name])
      measured.walls.push(result.wallMs)
      if (result.rssMb !== undefined) measured.rss.push(result.rssMb)
      if (result.cpuMs !== undefined) measured.cpu.push(result.cpuMs)
      measured.codes.push(result.code)
      measured.stdout = result.stdout
      measured.stderr = result.stderr.slice(0, 2000)
      if (result.code !== 0 && result.code !== 1) measured.error = `exit ${result.code}: ${result.stderr.slice(0, 500)}`
      log(`  ${label} ${command.name}: ${formatMs(result.wallMs)} (CPU ${formatMs(result.cpuMs)}), ${result.rssMb?.toFixed(0) ?? '?'} MB, exit ${result.code}`)
    }
  }

  return out
}

/** @param {string} line */
function log(line) {
  process.stderr.write(line + '\n')
}

/** @param {Measured | undefined} m */
function wall(m) {
  return m && !m.error ? summarise(m.walls).median : Number.NaN
}

/** @param {Measured | undefined} m */
function peakRss(m) {
  return m && m.rss.length > 0 ? Math.max(...m.rss) : Number.NaN
}

/** @param {Measured} m */
function plain(m) {
  const {stdout, stderr, ...rest} = m
  return {...rest, wall: summarise(m.walls), cpu: summarise(m.cpu), peakRssMb: peakRss(m)}
}

/** Whether the CLI supports `command` here (it is built as its commands land). */
async function coursemarkHas(/** @type {string} */ command, /** @type {string} */ probeFile) {
  if (!existsSync(coursemarkBin)) return false
  const result = await run(process.execPath, [coursemarkBin, command, probeFile], {cwd: root, env})
  return result.code === 0 || result.code === 1
}

/** The commit measured, and how many files under `packages/` differed from it. */
function buildInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: root, encoding: 'utf8'}).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], {cwd: root, encoding: 'utf8'})
    return {commit, uncommittedFilesInPackages: dirty.split('\n').filter((line) => line.trim() !== '').length}
  } catch {
    return {commit: 'unknown', uncommittedFilesInPackages: 0}
  }
}

/** @param {number} value */
function mb(value) {
  return Number.isNaN(value) ? 'n/a' : `${Math.round(value)} MB`
}

// ---------------------------------------------------------------------------

const startedAt = new Date()
const loadBefore = loadavg()
log(`coursemark bench (${mode}), ${cores} cores, load ${loadBefore.map((n) => n.toFixed(2)).join(' ')}`)

/** @type {Record<string, unknown>} */
const results = {
  mode,
  maxMinutes,
  startedAt: startedAt.toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: release(),
    node: process.version,
    loadBefore
  },
  rssMethod,
  build: buildInfo(),
  versions: {
    coursemark: JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version,
    remarkCli: JSON.parse(readFileSync(join(root, 'node_modules/remark-cli/package.json'), 'utf8')).version,
    markdownlintCli2: JSON.parse(readFileSync(join(root, 'node_modules/markdownlint-cli2/package.json'), 'utf8')).version,
    linkinator: JSON.parse(readFileSync(join(root, 'node_modules/linkinator/package.json'), 'utf8')).version
  }
}

/** @type {Array<{name: string, target: string, measured: string, met: boolean | undefined}>} */
const targets = []

const corpora = new Map(settings.sizes.map((size) => [size, lintCorpus(corpusRoot, size)]))
const smallest = /** @type {import('./lib/corpus.js').CorpusInfo} */ (corpora.get(200) ?? lintCorpus(corpusRoot, 200))
const probe = join(smallest.dir, /** @type {string} */ (smallest.paths[0]))
const hasLint = await coursemarkHas('lint', probe)
const hasLinks = await coursemarkHas('links', probe)
log(`coursemark lint: ${hasLint ? 'yes' : 'not available'}; coursemark links: ${hasLinks ? 'yes' : 'not available'}`)

/**
 * The lint commands on `target` (a folder, run with it as cwd, or one file).
 *
 * @param {string} cwd
 * @param {string} target
 * @returns {Command[]}
 */
function lintCommands(cwd, target) {
  /** @type {Command[]} */
  const commands = [
    {name: 'parse floor', args: [join(here, 'floor.js'), target], cwd},
    // The same parse with core's parser (GFM constructs on demand, the same trees): the floor of coursemark's own work.
    {name: 'coursemark parse only', args: [join(here, 'floor.js'), '--coursemark', target], cwd},
    {name: 'remark-cli', args: [bin('remark'), '--use', 'remark-frontmatter', '--use', 'remark-preset-lint-recommended', '--no-stdout', target], cwd},
    {name: 'markdownlint-cli2', args: [bin('markdownlint-cli2'), target === '.' ? '**/*.md' : target], cwd}
  ]
  if (hasLint) commands.splice(1, 0, {name: 'coursemark', args: [coursemarkBin, 'lint', target], cwd})
  return commands
}

/**
 * Issue 12's targets: cold lint wall as a ratio to each peer, by size; CPU
 * at most 1.5x the parse floor's at 2,000 files; peak RSS at 10,000 files.
 */
const peerTargets = {
  200: {'remark-cli': 0.6, 'markdownlint-cli2': 0.6},
  2000: {'remark-cli': 0.5, 'markdownlint-cli2': 0.5},
  10_000: {'remark-cli': 0.4, 'markdownlint-cli2': 0.5}
}

/**
 * @param {number} size
 * @param {Record<string, Measured>} measured
 */
function lintTargets(size, measured) {
  const cm = wall(measured.coursemark)
  /** @param {string} name */
  const cpu = (name) => (measured[name] ? summarise(measured[name].cpu).median : Number.NaN)
  const cmCpu = cpu('coursemark')
  const goals = /** @type {Record<string, number> | undefined} */ (/** @type {Record<number, Record<string, number>>} */ (peerTargets)[size])
  for (const [peer, goal] of Object.entries(goals ?? {})) {
    const ratio = cm / wall(measured[peer])
    targets.push({
      name: `cold lint ${size.toLocaleString('en')}: wall vs ${peer === 'remark-cli' ? 'remark-cli + recommended' : peer}`,
      target: `<= ${goal}x`,
      measured: `${formatRatio(ratio)} (${formatMs(cm)} vs ${formatMs(wall(measured[peer]))}; CPU ${formatRatio(cmCpu / cpu(peer))})`,
      met: hasLint ? ratio <= goal : undefined
    })
  }

  if (size === 2000) {
    const ratio = cmCpu / cpu('parse floor')
    targets.push({name: 'cold lint 2,000: CPU (all threads) vs the parse floor\'s', target: '<= 1.5x', measured: `${formatRatio(ratio)} (${formatMs(cmCpu)} vs ${formatMs(cpu('parse floor'))})`, met: hasLint ? ratio <= 1.5 : undefined})
  }

  if (size === 10_000) {
    const rss = peakRss(measured.coursemark)
    targets.push({name: 'peak RSS, cold lint 10,000', target: '<= 350 MB', measured: mb(rss), met: hasLint ? rss <= 350 : undefined})
  }
}

// --- Lint: cold runs at each size --------------------------------------------

/** @type {Array<Record<string, unknown>>} */
const lintResults = []
/** @type {Map<number, Record<string, Measured>>} */
const lintBySize = new Map()
if (wanted('lint')) {
  // One untimed round on the smallest corpus: the OS file cache and the disk are warm for everyone.
  await series('warm-up', lintCommands(smallest.dir, '.'), 1)
  for (const size of settings.sizes) {
    const corpus = /** @type {import('./lib/corpus.js').CorpusInfo} */ (corpora.get(size))
    log(`lint ${size} files (${(corpus.bytes / 1e6).toFixed(1)} MB)`)
    const measured = await series(`lint ${size}`, lintCommands(corpus.dir, '.'), /** @type {Record<number, number>} */ (settings.repeats)[size] ?? 2)
    lintBySize.set(size, measured)
    const floorJson = measured['parse floor']?.stdout ? JSON.parse(measured['parse floor'].stdout) : undefined
    lintResults.push({
      files: size,
      bytes: corpus.bytes,
      defective: corpus.defective,
      floorParseMs: floorJson?.parseMs,
      tools: Object.fromEntries(Object.entries(measured).map(([name, m]) => [name, plain(m)]))
    })

    lintTargets(size, measured)
  }

  results.lint = lintResults
}

// --- Single file ------------------------------------------------------------

if (wanted('single')) {
  // The file nearest 10 KB: what a pre-commit hook or an editor lints.
  let pick = smallest.paths[0] ?? ''
  let best = Number.POSITIVE_INFINITY
  for (const path of smallest.paths) {
    const size = readFileSync(join(smallest.dir, path)).length
    if (Math.abs(size - 10_000) < best) {
      best = Math.abs(size - 10_000)
      pick = path
    }
  }

  log(`single file ${pick}`)
  const commands = [{name: 'node -e 0', args: ['-e', '0'], cwd: smallest.dir}, ...lintCommands(smallest.dir, pick)]
  const measured = await series('single', commands, settings.singleRepeats)
  const floorJson = measured['parse floor']?.stdout ? JSON.parse(measured['parse floor'].stdout) : undefined
  const nodeWall = wall(measured['node -e 0'])
  const cm = wall(measured.coursemark)
  results.single = {
    file: pick,
    bytes: readFileSync(join(smallest.dir, pick)).length,
    floorParseMs: floorJson?.parseMs,
    tools: Object.fromEntries(Object.entries(measured).map(([name, m]) => [name, plain(m)]))
  }
  const floorRun = wall(measured['parse floor'])
  const remark = wall(measured['remark-cli'])
  targets.push(
    {
      name: 'single file: wall vs remark-cli + recommended',
      target: '<= 0.6x',
      measured: `${formatRatio(cm / remark)} (${formatMs(cm)} vs ${formatMs(remark)})`,
      met: hasLint ? cm / remark <= 0.6 : undefined
    },
    {
      name: 'single file: wall vs the parse floor\'s run of it',
      target: '<= 1.5x',
      measured: `${formatRatio(cm / floorRun)} (${formatMs(cm)} vs ${formatMs(floorRun)}; \`node -e 0\` ${formatMs(nodeWall)})`,
      met: hasLint ? cm / floorRun <= 1.5 : undefined
    }
  )
}

// --- Cache ------------------------------------------------------------------

if (wanted('cache') && hasLint) {
  /** @type {Array<Record<string, unknown>>} */
  const cacheResults = []
  for (const size of settings.cacheSizes) {
    const corpus = corpora.get(size) ?? lintCorpus(corpusRoot, size)
    const cacheFile = join(scratch, `lint-cache-${size}.json`)
    log(`cache ${size} files`)
    /** @type {Record<string, Measured>} */
    const measured = {'cold, writing the cache': {walls: [], rss: [], cpu: [], codes: []}, 'warm --cache rerun': {walls: [], rss: [], cpu: [], codes: []}}
    for (let round = 0; round < settings.cacheRepeats; round++) {
      if (round > 0 && !withinBudget()) break
      rmSync(cacheFile, {force: true})
      const cold = await series(`cache ${size}`, [{name: 'cold, writing the cache', args: [coursemarkBin, 'lint', '--cache', '--cache-location', cacheFile, '.'], cwd: corpus.dir}], 1)
      // A warm rerun takes a second or two, so one sample is at the mercy of
      // the machine's load: three, whatever the budget (the median is kept).
      const warm = await series(`cache ${size}`, [{name: 'warm --cache rerun', args: [coursemarkBin, 'lint', '--cache', '--cache-location', cacheFile, '.'], cwd: corpus.dir}], 3, 3)
      for (const [name, m] of [...Object.entries(cold), ...Object.entries(warm)]) {
        const into = /** @type {Measured} */ (measured[name])
        into.walls.push(...m.walls)
        into.rss.push(...m.rss)
        into.cpu.push(...m.cpu)
        into.codes.push(...m.codes)
        if (m.error) into.error = m.error
      }
    }

    // The cold lint of the lint part when it ran (more rounds), else this part's cold run.
    const lintCold = wall(lintBySize.get(size)?.coursemark)
    const coldLint = Number.isNaN(lintCold) ? wall(measured['cold, writing the cache']) : lintCold
    const warmWall = wall(measured['warm --cache rerun'])
    cacheResults.push({files: size, coldLintMs: coldLint, tools: Object.fromEntries(Object.entries(measured).map(([name, m]) => [name, plain(m)]))})
    targets.push({
      name: `warm --cache rerun ${size.toLocaleString('en')}: at most 5% of the cold run`,
      target: `<= ${formatMs(0.05 * coldLint)}`,
      measured: `${formatMs(warmWall)} (${(100 * warmWall / coldLint).toFixed(1)}%)`,
      met: Number.isNaN(coldLint) ? undefined : warmWall <= 0.05 * coldLint
    })
  }

  results.cache = cacheResults
}

// --- Course ----------------------------------------------------------------

if (wanted('course') && hasLint) {
  // Issue 28: what building the course (the course rules, which build it
  // from the site in the lint) adds to a cold lint of the same tree. Both
  // runs read a config in the corpus, so the project is the same; they
  // differ only in the course rules. `coursemark course` alone is shown too.
  const size = settings.courseSize
  const corpus = corpora.get(size) ?? lintCorpus(corpusRoot, size)
  const on = join(corpus.dir, 'bench-course-on.yaml')
  const off = join(corpus.dir, 'bench-course-off.yaml')
  writeFileSync(on, 'rules: {}\n')
  writeFileSync(off, 'rules:\n' + ['course-missing-lesson', 'course-orphan-lesson', 'course-duplicate-slug', 'course-time-budget'].map((rule) => `  ${rule}: off\n`).join(''))
  log(`course ${size} files`)
  const measured = await series(`course ${size}`, [
    {name: 'lint, course rules on (default)', args: [coursemarkBin, 'lint', '--config', on, '.'], cwd: corpus.dir},
    {name: 'lint, course rules off', args: [coursemarkBin, 'lint', '--config', off, '.'], cwd: corpus.dir},
    {name: 'coursemark course', args: [coursemarkBin, 'course', '.'], cwd: corpus.dir}
  ], settings.courseRepeats)
  rmSync(on)
  rmSync(off)
  const withCourse = wall(measured['lint, course rules on (default)'])
  const without = wall(measured['lint, course rules off'])
  results.course = {files: size, tools: Object.fromEntries(Object.entries(measured).map(([name, m]) => [name, plain(m)]))}
  targets.push({
    name: `course ${size.toLocaleString('en')} files: cold lint with the course rules vs without`,
    target: '<= 1.10x',
    measured: `${formatRatio(withCourse / without)} (${formatMs(withCourse)} vs ${formatMs(without)})`,
    met: withCourse / without <= 1.1
  })
}

// --- Frontmatter validation -------------------------------------------------

if (wanted('frontmatter')) {
  const corpus = corpora.get(settings.frontmatterSize) ?? lintCorpus(corpusRoot, settings.frontmatterSize)
  const floorParseMs = /** @type {number | undefined} */ (lintResults.find((item) => item.files === settings.frontmatterSize)?.floorParseMs)
  log(`frontmatter validation, ${settings.frontmatterSize} files`)
  const result = await run(process.execPath, [join(here, 'frontmatter.js'), corpus.dir, ...(floorParseMs === undefined ? ['--parse'] : [])], {cwd: root, env})
  if (result.code === 0) {
    const data = JSON.parse(result.stdout)
    const parseMs = floorParseMs ?? data.parseMs
    results.frontmatter = {...data, parseMs, validateShareOfParse: data.validateAllMs / parseMs}
  } else {
    results.frontmatter = {error: result.stderr.slice(0, 1000)}
  }
}

// --- Links ------------------------------------------------------------------

/**
 * Dead URLs in a coursemark JSON report.
 *
 * @param {string} stdout
 */
function coursemarkFindings(stdout) {
  /** @type {Set<string>} */
  const dead = new Set()
  /** @type {Set<string>} */
  const unverifiable = new Set()
  /** @type {Set<string>} */
  const redirected = new Set()
  /** @type {Array<{path: string, messages: Array<{ruleId: string, message: string}>}>} */
  const report = JSON.parse(stdout)
  for (const file of report) {
    for (const message of file.messages) {
      const url = /`([^`]+)`/.exec(message.message)?.[1]
      if (!url) continue
      if (message.ruleId === 'link-dead') dead.add(url)
      else if (message.ruleId === 'link-unverifiable') unverifiable.add(url)
      else if (message.ruleId === 'link-redirected') redirected.add(url)
    }
  }

  return {dead, unverifiable, redirected}
}

/**
 * Broken URLs in a linkinator JSON report.
 *
 * @param {string} stdout
 */
function linkinatorFindings(stdout) {
  /** @type {Set<string>} */
  const dead = new Set()
  /** @type {{links: Array<{url: string, state: string}>}} */
  const report = JSON.parse(stdout)
  for (const link of report.links) if (link.state === 'BROKEN') dead.add(link.url)
  return {dead, unverifiable: new Set(), redirected: new Set()}
}

/**
 * @param {{dead: Set<string>, unverifiable: Set<string>}} found
 * @param {import('./lib/link-server.js').PlannedUrl[]} plan
 */
function compareTruth(found, plan) {
  const truth = new Set(plan.filter((item) => item.dead).map((item) => item.url))
  const planned = new Set(plan.map((item) => item.url))
  const ours = [...found.dead].filter((url) => planned.has(url))
  // Flaky (503 once) and limited (429 once) URLs work: they must end up neither dead nor unverifiable.
  const flaky = plan.filter((item) => item.kind === 'flaky' || item.kind === 'limited')
  return {
    truthDead: truth.size,
    foundDead: ours.length,
    missed: [...truth].filter((url) => !found.dead.has(url)).length,
    falseDead: ours.filter((url) => !truth.has(url)).length,
    unverifiable: [...found.unverifiable].filter((url) => planned.has(url)).length,
    flaky: flaky.length,
    flakyRecovered: flaky.filter((item) => !found.dead.has(item.url) && !found.unverifiable.has(item.url)).length
  }
}

/**
 * One link run: reset the server, run, read what the server saw.
 *
 * @param {Awaited<ReturnType<typeof startLinkServer>>} server
 * @param {import('./lib/link-server.js').PlannedUrl[]} plan
 * @param {Command} command
 * @param {(stdout: string) => {dead: Set<string>, unverifiable: Set<string>}} read
 */
async function linkRun(server, plan, command, read) {
  command.before?.()
  server.dropConnections()
  server.reset()
  const result = await run(process.execPath, command.args, {cwd: command.cwd, env})
  const requests = requestReport(server.stats(), plan)
  /** @type {ReturnType<typeof compareTruth> | {error: string}} */
  let truth
  try {
    truth = compareTruth(read(result.stdout), plan)
  } catch {
    truth = {error: `exit ${result.code}: ${result.stderr.slice(0, 300)}`}
  }

  // `coursemark --debug` says how long its link run took ("checked N of M URLs in X ms").
  const phase = /checked \d+ of \d+ URLs in (\d+) ms/.exec(result.stderr)
  const phaseMs = phase ? Number(phase[1]) : undefined
  log(`  links ${command.name}: ${formatMs(result.wallMs)}${phaseMs === undefined ? '' : ` (link run ${formatMs(phaseMs)})`}, CPU ${result.cpuMs === undefined ? '?' : formatMs(result.cpuMs)}, ${result.rssMb?.toFixed(0)} MB, ${requests.requests} requests, ${requests.connections} connections, ${JSON.stringify(truth)}`)
  return {wallMs: result.wallMs, phaseMs, cpuMs: result.cpuMs, rssMb: result.rssMb, code: result.code, requests, truth}
}

/**
 * @param {Array<Awaited<ReturnType<typeof linkRun>>>} runs
 */
function summariseLinkRuns(runs) {
  const last = runs.at(-1)
  const phases = runs.flatMap((item) => (item.phaseMs === undefined ? [] : [item.phaseMs]))
  return {
    wall: summarise(runs.map((item) => item.wallMs)),
    phase: phases.length > 0 ? summarise(phases) : undefined,
    cpu: summarise(runs.flatMap((item) => (item.cpuMs === undefined ? [] : [item.cpuMs]))),
    maxConnections: Math.max(...runs.map((item) => item.requests.connections)),
    peakRssMb: Math.max(...runs.map((item) => item.rssMb ?? 0)),
    codes: runs.map((item) => item.code),
    requests: last?.requests,
    maxDuplicateRequests: Math.max(...runs.map((item) => item.requests.duplicateRequests)),
    maxSameMethodRepeats: Math.max(...runs.map((item) => item.requests.sameMethodRepeats)),
    maxPeakPerHost: Math.max(...runs.map((item) => item.requests.peakPerHost)),
    truth: last?.truth,
    truthEveryRun: runs.map((item) => item.truth)
  }
}

/**
 * Requests a correct check needs for a URL of the plan: a HEAD, a GET after a
 * HEAD that is not 2xx (missing, and the 503 or 429 of a flaky or limited URL,
 * whose GET then works), a HEAD of a redirect's target; none to a refused port.
 *
 * @param {import('./lib/link-server.js').PlannedUrl} item
 */
function requestsNeeded(item) {
  return item.kind === 'ok' ? 1 : item.kind === 'refused' ? 0 : 2
}

/**
 * The link phase's floor (issue 13): (unique URLs + GETs after non-2xx HEADs)
 * x latency / global limit, or the busiest host's chain (its requests x
 * latency / per-host limit) if longer, plus the deliberate retry wait (none in
 * this plan: the GET after a 503 or 429 HEAD works).
 *
 * @param {import('./lib/link-server.js').PlannedUrl[]} plan
 */
function linkFloor(plan) {
  /** @type {Map<string, number>} */
  const perHost = new Map()
  let requests = 0
  for (const item of plan) {
    const host = new URL(item.url).hostname
    perHost.set(host, (perHost.get(host) ?? 0) + requestsNeeded(item))
    requests += requestsNeeded(item)
  }

  const busiest = Math.max(...perHost.values())
  const global = (requests * latencyMs) / linkDefaults.concurrency
  const host = (busiest * latencyMs) / linkDefaults.perHost
  const retryWait = 0
  return {requests, issueFloorMs: global, busiestHostRequests: busiest, perHostBoundMs: host, retryWaitMs: retryWait, floorMs: Math.max(global, host) + retryWait}
}

if ((wanted('links') || (wanted('stress') && settings.stress)) && hasLinks) {
  const server = await startLinkServer({addresses, latencyMs})
  try {
    if (wanted('links')) {
      const plan = planUrls({count: settings.linkUrls, addresses, refusedAddresses, port: server.port})
      const corpus = linkCorpus(join(corpusRoot, 'links'), Math.ceil(settings.linkUrls / 5), plan.map((item) => item.url))
      const cacheFile = join(scratch, 'links-cache.json')
      const floor = linkFloor(plan)
      log(`links: ${plan.length} unique URLs, ${corpus.occurrences} links in ${corpus.files} files, ${hostCount} hosts, ${latencyMs} ms latency; floor ${formatMs(floor.floorMs)}`)
      /** @type {Command} */
      const cold = {name: 'coursemark links (cold cache)', args: [coursemarkBin, 'links', '--debug', '--allow-private', '--links-cache', cacheFile, '--format', 'json', '.'], cwd: corpus.dir, before: () => rmSync(cacheFile, {force: true})}
      /** @type {Command} */
      const warm = {name: 'coursemark links (warm cache)', args: [coursemarkBin, 'links', '--debug', '--allow-private', '--links-cache', cacheFile, '--format', 'json', '.'], cwd: corpus.dir}
      /** @type {Command} */
      const linkinator = {
        name: 'linkinator CLI',
        args: [bin('linkinator'), '**/*.md', '--markdown', '--format', 'json', '--concurrency', String(linkDefaults.concurrency), '--retry', '--timeout', String(linkDefaults.timeoutMs)],
        cwd: corpus.dir
      }
      /** @type {Command} */
      const alone = {name: 'coursemark link run alone (files read first)', args: [join(here, 'link-run-alone.js'), '.'], cwd: corpus.dir}
      /** @type {Record<string, Array<Awaited<ReturnType<typeof linkRun>>>>} */
      const runs = {[cold.name]: [], [warm.name]: [], [linkinator.name]: [], [alone.name]: []}
      for (let round = 0; round < settings.linkRepeats; round++) {
        if (round > 0 && !withinBudget()) break
        // coursemark cold then warm (the warm run needs the cold run's cache); linkinator before or after, in turn.
        if (round % 2 === 1) runs[linkinator.name]?.push(await linkRun(server, plan, linkinator, linkinatorFindings))
        runs[cold.name]?.push(await linkRun(server, plan, cold, coursemarkFindings))
        runs[warm.name]?.push(await linkRun(server, plan, warm, coursemarkFindings))
        if (round % 2 === 0) runs[linkinator.name]?.push(await linkRun(server, plan, linkinator, linkinatorFindings))
        // Not a target: what the link run takes when no reading shares the machine with it (README, issue 13).
        runs[alone.name]?.push(await linkRun(server, plan, alone, coursemarkFindings))
      }

      const tools = Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, summariseLinkRuns(list)]))
      results.links = {uniqueUrls: plan.length, occurrences: corpus.occurrences, files: corpus.files, hosts: hostCount, latencyMs, settings: linkDefaults, floor, tools}
      const cm = tools[cold.name]
      const cmWarm = tools[warm.name]
      const lk = tools[linkinator.name]
      if (cm && lk && cmWarm) {
        const truth = /** @type {Record<string, number>} */ (cm.truth ?? {})
        const phase = cm.phase?.median
        // The link checks' CPU: a cold run less a warm one (same files, same parse, no request).
        const linkCpu = (cm.cpu.median - cmWarm.cpu.median) / plan.length
        const connections = cm.maxConnections / plan.length
        results.links.perUniqueUrl = {cpuMs: linkCpu, processCpuMs: cm.cpu.median / plan.length, connections, requests: cm.requests.requests / plan.length}
        targets.push(
          {name: 'links: link phase wall within 1.3x of its floor', target: `<= ${formatMs(1.3 * floor.floorMs)}`, measured: phase === undefined ? 'n/a' : `${formatMs(phase)} (${formatRatio(phase / floor.floorMs)})`, met: phase === undefined ? undefined : phase <= 1.3 * floor.floorMs},
          {name: 'links: `coursemark links` at most 0.6x the linkinator CLI', target: '<= 0.6x', measured: `${formatMs(cm.wall.median)} vs ${formatMs(lk.wall.median)} (${formatRatio(cm.wall.median / lk.wall.median)})`, met: cm.wall.median / lk.wall.median <= 0.6},
          {name: 'links: CPU at most 1 ms per unique URL', target: '<= 1 ms', measured: `${linkCpu.toFixed(2)} ms (cold less warm run; whole process ${(cm.cpu.median / plan.length).toFixed(2)} ms)`, met: linkCpu <= 1},
          {name: 'links: TCP connections at most 0.2 per unique URL', target: '<= 0.2', measured: `${connections.toFixed(3)} (${cm.maxConnections} for ${plan.length} URLs, ${(cm.requests.requests / plan.length).toFixed(2)} requests a URL)`, met: connections <= 0.2},
          {name: 'links: per-host peak never above the limit', target: `<= ${linkDefaults.perHost}`, measured: String(cm.maxPeakPerHost), met: cm.maxPeakPerHost <= linkDefaults.perHost},
          {
            name: 'links: exactly the dead links of the truth',
            target: `${truth.truthDead ?? '?'} dead, 0 missed, 0 false, 0 unverifiable`,
            measured: `${truth.foundDead ?? '?'} dead, ${truth.missed ?? '?'} missed, ${truth.falseDead ?? '?'} false, ${truth.unverifiable ?? '?'} unverifiable`,
            met: truth.missed === 0 && truth.falseDead === 0 && truth.unverifiable === 0
          },
          {name: 'links: flaky URLs recovered', target: `${truth.flaky ?? '?'} of ${truth.flaky ?? '?'}`, measured: `${truth.flakyRecovered ?? '?'} of ${truth.flaky ?? '?'}`, met: truth.flaky !== undefined && truth.flakyRecovered === truth.flaky}
        )
      }
    }

    if (wanted('stress') && settings.stress) {
      const plan = planUrls({count: 5000, addresses, refusedAddresses, port: server.port})
      const corpus = linkCorpus(join(corpusRoot, 'stress'), 10_000, plan.map((item) => item.url))
      const cacheFile = join(scratch, 'stress-links-cache.json')
      rmSync(cacheFile, {force: true})
      log(`stress: lint 10,000 files and check 5,000 unique URLs in one run`)
      const command = {name: 'coursemark lint --links', args: [coursemarkBin, 'lint', '--links', '--allow-private', '--links-cache', cacheFile, '--format', 'json', '.'], cwd: corpus.dir}
      const result = await linkRun(server, plan, command, coursemarkFindings)
      results.stress = {files: corpus.files, uniqueUrls: plan.length, occurrences: corpus.occurrences, floor: linkFloor(plan), ...result}
    }
  } finally {
    await server.close()
  }
}

// --- Report -----------------------------------------------------------------

results.targets = targets
results.finishedAt = new Date().toISOString()
const machineInfo = /** @type {Record<string, unknown>} */ (results.machine)
machineInfo.loadAfter = loadavg()
rmSync(scratch, {recursive: true, force: true})

const markdown = render(results)
process.stdout.write(markdown)
mkdirSync(resultsDir, {recursive: true})
// A partial run (`--only`) gets its own files, so it never replaces a whole run's results.
const resultName = only ? `${mode}-${[...only].sort().join('-')}` : mode
writeFileSync(join(resultsDir, `${resultName}.json`), JSON.stringify(results, null, 2) + '\n')
writeFileSync(join(resultsDir, `${resultName}.md`), markdown)
log(`wrote bench/results/${resultName}.json and bench/results/${resultName}.md`)

/**
 * The one table (and the targets) as markdown.
 *
 * @param {Record<string, any>} data
 */
function render(data) {
  const lines = [`# coursemark bench (${data.mode})`, '']
  const machine = data.machine
  lines.push(
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Linux ${machine.kernel}, Node ${machine.node}; ` +
      `load average ${machine.loadBefore.map((/** @type {number} */ n) => n.toFixed(1)).join('/')} before, ${machine.loadAfter.map((/** @type {number} */ n) => n.toFixed(1)).join('/')} after. ` +
      `${data.startedAt} to ${data.finishedAt}. remark-cli ${data.versions.remarkCli}, markdownlint-cli2 ${data.versions.markdownlintCli2}, linkinator ${data.versions.linkinator}. ` +
      `coursemark built from ${data.build.commit}${data.build.uncommittedFilesInPackages > 0 ? ` plus ${data.build.uncommittedFilesInPackages} uncommitted files in packages/` : ''}. ` +
      `Peak RSS by ${data.rssMethod}. Medians of alternated runs, spread min-max.`,
    ''
  )
  lines.push('| scenario | tool | runs | median wall | spread | coursemark ÷ tool (wall) | median CPU | coursemark ÷ tool (CPU) | peak RSS | exit |', '|---|---|---|---|---|---|---|---|---|---|')

  /**
   * @param {string} scenario
   * @param {Record<string, any>} tools
   */
  function rows(scenario, tools) {
    const cm = tools.coursemark?.wall?.median
    const cmCpu = tools.coursemark?.cpu?.median
    for (const [name, tool] of Object.entries(tools)) {
      const w = tool.wall
      const ratio = name === 'coursemark' || cm === undefined ? '' : formatRatio(cm / w.median)
      const cpuRatio = name === 'coursemark' || cmCpu === undefined ? '' : formatRatio(cmCpu / tool.cpu.median)
      lines.push(`| ${scenario} | ${name} | ${w.runs} | ${formatMs(w.median)} | ${formatMs(w.min)} - ${formatMs(w.max)} | ${ratio} | ${formatMs(tool.cpu.median)} | ${cpuRatio} | ${mb(tool.peakRssMb)} | ${[...new Set(tool.codes)].join(',')}${tool.error ? ' (failed)' : ''} |`)
    }
  }

  for (const item of data.lint ?? []) rows(`lint ${item.files.toLocaleString('en')} files (${(item.bytes / 1e6).toFixed(0)} MB)`, item.tools)
  if (data.single) rows(`single file (${(data.single.bytes / 1000).toFixed(1)} KB)`, data.single.tools)
  for (const item of data.cache ?? []) rows(`--cache ${item.files.toLocaleString('en')} files`, item.tools)
  if (data.course) rows(`course ${data.course.files.toLocaleString('en')} files`, data.course.tools)
  if (data.links) {
    const links = data.links
    const f = links.floor
    lines.push('', `Links: ${links.uniqueUrls} unique URLs (${links.occurrences} links in ${links.files} files) on ${links.hosts} loopback hosts, ${links.latencyMs} ms latency, concurrency ${links.settings.concurrency}, coursemark per-host limit ${links.settings.perHost}. Link phase floor ${formatMs(f.floorMs)} = max(${f.requests} requests (unique URLs + GETs after non-2xx HEADs + redirect targets) x latency / concurrency ${formatMs(f.issueFloorMs)}, busiest host ${f.busiestHostRequests} requests x latency / per-host ${formatMs(f.perHostBoundMs)}) + retry wait ${formatMs(f.retryWaitMs)}.`, '')
    if (links.perUniqueUrl) {
      const u = links.perUniqueUrl
      lines.push(`Per unique URL (coursemark, cold): ${u.cpuMs.toFixed(2)} ms CPU for the link checks (cold less warm run; ${u.processCpuMs.toFixed(2)} ms for the whole process), ${u.connections.toFixed(3)} TCP connections, ${u.requests.toFixed(2)} requests.`, '')
    }

    lines.push('| tool | runs | median wall | spread | link run (--debug) | median CPU | CPU / unique URL | vs floor | requests / unique URL | TCP connections / unique URL | requests beyond one per URL | of which same method again | peak per host | peak global | dead found / truth | missed | false dead | unverifiable | flaky recovered | peak RSS |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (const [name, tool] of Object.entries(links.tools)) {
      const t = tool.truth ?? {}
      const phase = tool.phase ? formatMs(tool.phase.median) : 'n/a'
      const basis = tool.phase?.median ?? tool.wall.median
      lines.push(`| ${name} | ${tool.wall.runs} | ${formatMs(tool.wall.median)} | ${formatMs(tool.wall.min)} - ${formatMs(tool.wall.max)} | ${phase} | ${formatMs(tool.cpu.median)} | ${(tool.cpu.median / links.uniqueUrls).toFixed(2)} ms | ${formatRatio(basis / f.floorMs)} | ${tool.requests.requestsPerUniqueUrl.toFixed(2)} | ${(tool.requests.connections / links.uniqueUrls).toFixed(3)} (${tool.requests.connections}) | ${tool.maxDuplicateRequests} | ${tool.maxSameMethodRepeats} | ${tool.maxPeakPerHost} | ${tool.requests.peakGlobal} | ${t.foundDead ?? '?'} / ${t.truthDead ?? '?'} | ${t.missed ?? '?'} | ${t.falseDead ?? '?'} | ${t.unverifiable ?? '?'} | ${t.flakyRecovered ?? '?'} / ${t.flaky ?? '?'} | ${mb(tool.peakRssMb)} |`)
    }
  }

  if (data.frontmatter && !data.frontmatter.error) {
    const f = data.frontmatter
    lines.push('', `Frontmatter: validating ${f.blocks.toLocaleString('en')} blocks took ${formatMs(f.validateAllMs)} (${f.validateUsPerBlock.toFixed(1)} µs a block after the first, which compiles the schema: ${formatMs(f.firstValidationMs)}), ${(100 * f.validateShareOfParse).toFixed(2)}% of the markdown parse of the same files (${formatMs(f.parseMs)}).`)
  }

  if (data.stress) {
    const s = data.stress
    const t = s.truth ?? {}
    lines.push('', `Load: \`coursemark lint --links\` on ${s.files.toLocaleString('en')} files with ${s.uniqueUrls.toLocaleString('en')} unique URLs (${s.occurrences.toLocaleString('en')} links) in one run: ${formatMs(s.wallMs)} (CPU ${formatMs(s.cpuMs)}), peak RSS ${mb(s.rssMb ?? Number.NaN)}, exit ${s.code}, ${s.requests.requests} requests over ${s.requests.connections} TCP connections (${s.requests.duplicateRequests} beyond one per URL, ${s.requests.sameMethodRepeats} of them the same method again, peak per host ${s.requests.peakPerHost}), ${t.foundDead ?? '?'} of ${t.truthDead ?? '?'} dead links found, ${t.missed ?? '?'} missed, ${t.falseDead ?? '?'} false, ${t.unverifiable ?? '?'} unverifiable.`)
  }

  if (data.targets.length > 0) {
    lines.push('', '| target | goal | measured | met |', '|---|---|---|---|')
    for (const t of data.targets) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.met === undefined ? 'n/a' : t.met ? 'yes' : 'no'} |`)
  }

  return lines.join('\n') + '\n'
}
