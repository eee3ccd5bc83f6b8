/**
 * Summarise a V8 CPU profile (`node --cpu-prof`): where the time goes, by
 * function (self time), by module (self time of the functions in it) and by
 * package.
 *
 * Usage: `node bench/profile-summary.js <file.cpuprofile>... [--top 25]`
 * (several files, such as the main thread's and each worker's, are added up).
 *
 * @example
 *   cd bench/corpus/lint-2000
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof ../../../packages/cli/dist/bin.js lint --workers 0 .
 *   node ../../profile-summary.js /tmp/prof/*.cpuprofile
 */
import {readFileSync} from 'node:fs'

/**
 * @typedef ProfileNode
 * @property {number} id
 * @property {{functionName: string, url: string, lineNumber: number}} callFrame
 * @property {number[] | undefined} [children]
 */

process.stdout.on('error', () => process.exit(0))
const args = process.argv.slice(2)
const topAt = args.indexOf('--top')
const top = topAt === -1 ? 25 : Number(args[topAt + 1])
const paths = args.filter((arg, index) => arg !== '--top' && (topAt === -1 || index !== topAt + 1))
if (paths.length === 0) {
  process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile>... [--top 25]\n')
  process.exit(2)
}

/** @type {Array<{node: ProfileNode, us: number}>} */
const selfTimes = []
let totalUs = 0
for (const path of paths) {
  /** @type {{nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number, endTime: number}} */
  const profile = JSON.parse(readFileSync(path, 'utf8'))
  /** @type {Map<number, ProfileNode>} */
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  /** @type {Map<number, number>} */
  const self = new Map()
  for (const [index, id] of profile.samples.entries()) {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0))
  }

  for (const [id, us] of self) {
    const node = byId.get(id)
    if (node) selfTimes.push({node, us})
  }

  totalUs += profile.endTime - profile.startTime
}
/** @type {Map<string, number>} */
const byFunction = new Map()
/** @type {Map<string, number>} */
const byModule = new Map()
/** @type {Map<string, number>} */
const byPackage = new Map()

/** @param {string} url */
function moduleOf(url) {
  if (url === '') return '(native or idle)'
  const at = url.lastIndexOf('node_modules/')
  if (at !== -1) return url.slice(at + 'node_modules/'.length)
  const packages = url.indexOf('/packages/')
  if (packages !== -1) return url.slice(packages + 1)
  return url.replace(/^file:\/\//, '')
}

/** @param {string} module */
function packageOf(module) {
  if (module.startsWith('packages/')) return module.split('/').slice(0, 2).join('/')
  if (module.startsWith('node:')) return 'node internals'
  if (module.startsWith('(')) return module
  const parts = module.split('/')
  return module.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? module)
}

for (const {node, us} of selfTimes) {
  const frame = node.callFrame
  const module = moduleOf(frame.url)
  const name = `${frame.functionName || '(anonymous)'} ${module}:${frame.lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + us)
  byModule.set(module, (byModule.get(module) ?? 0) + us)
  const pkg = packageOf(module)
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us)
}

/**
 * @param {string} title
 * @param {Map<string, number>} map
 */
function print(title, map) {
  process.stdout.write(`\n${title}\n`)
  const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
  for (const [name, us] of rows) {
    process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${name}\n`)
  }
}

process.stdout.write(`${paths.length} profile(s), ${(totalUs / 1000).toFixed(0)} ms in all\n`)
print('by package (self time)', byPackage)
print('by module (self time)', byModule)
print('by function (self time)', byFunction)
