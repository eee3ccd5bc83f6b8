/**
 * freeCodeCamp's curriculum: challenges are markdown files with frontmatter
 * (`id`, `title`, `challengeType`, `dashedName`) in one folder per block
 * (`curriculum/challenges/<language>/blocks/<block>/<id>.md`). The order
 * lives in JSON beside them, where the repository has it:
 *
 * - a block's `challengeOrder` (by challenge id) and `blockLayout`, in
 *   `curriculum/structure/blocks/<block>.json` or an older
 *   `_meta/<block>/meta.json` / `<block>/meta.json`;
 * - a superblock's blocks, in `curriculum/structure/superblocks/<name>.json`
 *   (`blocks`, or `chapters` of `modules` of `blocks`);
 * - the superblocks, in `curriculum/structure/curriculum.json`.
 *
 * A challenge is published at `/learn/<superblock>/<block>/<dashedName>`.
 * The superblock's URL slug is set outside the repository (it need not be
 * the file name), so a `/learn/` link is checked only when it names a
 * challenge of the repository under a superblock name the repository knows
 * (`site.urls`, with and without a trailing `/`); any other `/learn/` link
 * is a route of the site, not checked. A challenge's own `url` is left unset,
 * so that its relative links are checked on disk.
 */
import {readYamlSource, type YamlSource} from '../frontmatter/yaml-source.js'
import type {JsonValue} from '../model/checkpoint.js'
import {kindByPlace, markdownPaths, siteFile} from './files.js'
import {parentOf} from './resolve.js'
import type {ListEntry, Repository, Route, Site, SiteFile, SiteModule, SiteOptions} from './types.js'

/** How many files `detect` reads at most. */
const sampleSize = 8

const routes: Route[] = [
  {prefix: '/learn/', reason: "a page of freeCodeCamp's learn site that names no challenge of this repository"},
  {prefix: '/', reason: 'a page of freecodecamp.org, which this repository does not build'}
]

/** freeCodeCamp's site model (a `SiteBuilder`). */
export const freeCodeCampSite = {
  flavour: 'freecodecamp' as const,
  format: 'freecodecamp' as const,
  detect: detectFreeCodeCamp,
  build(repository: Repository, _options: SiteOptions, reasons: string[]): Site {
    return buildFreeCodeCamp(repository, reasons)
  }
}

/** Challenges are most of the markdown (under `challenges/` when there is such a folder): one challenge in a folder of lessons is not a freeCodeCamp repository. */
function detectFreeCodeCamp(repository: Repository): string[] | undefined {
  const paths = markdownPaths(repository).filter((path) => kindByPlace(path) === undefined)
  const underChallenges = paths.filter((path) => /(?:^|\/)challenges\//.test(path))
  const pool = underChallenges.length > 0 ? underChallenges : paths
  // A sample spread over the files, not only the first folder.
  const step = Math.max(1, Math.floor(pool.length / sampleSize))
  const sample = pool.filter((_, index) => index % step === 0).slice(0, sampleSize)
  let first: string | undefined
  let found = 0
  for (const path of sample) {
    const text = repository.read(path)
    const frontmatter = text === undefined ? undefined : frontmatterOf(text)
    if (frontmatter !== undefined && /^challengeType[ \t]*:/m.test(frontmatter) && /^dashedName[ \t]*:/m.test(frontmatter)) {
      first ??= path
      found++
    }
  }

  if (first === undefined || found * 2 <= sample.length) return undefined
  return [`challenge frontmatter (\`challengeType\`, \`dashedName\`) in ${found} of ${sample.length} files read, first \`${first}\``]
}

/** A challenge as the site needs it. */
interface Challenge {
  path: string
  id: string | undefined
  dashedName: string | undefined
}

/** A block: a folder of challenges, and its order file when there is one. */
interface Block {
  name: string
  folder: string | undefined
  challenges: Challenge[]
  order: BlockOrder | undefined
  /** Superblock names the repository gives it (file names and `superBlock`). */
  superblocks: string[]
}

interface BlockOrder {
  file: string
  title: string | undefined
  layout: string | undefined
  /** The ids, with where each is written. */
  entries: Array<{id: string; line: number; column: number}>
}

function buildFreeCodeCamp(repository: Repository, reasons: string[]): Site {
  const files: {[path: string]: SiteFile} = {}
  const blocks = readBlocks(repository, files)
  const blockOrder = readBlockOrders(repository, blocks)
  const urls: {[url: string]: string} = {}
  const modules: SiteModule[] = []
  const missing: ListEntry[] = []
  const ordered = [...blocks.values()].filter((block) => block.challenges.length > 0)
  ordered.sort((a, b) => rank(blockOrder, lastSegment(a.name)) - rank(blockOrder, lastSegment(b.name)))
  for (const block of ordered) {
    const lessons = blockLessons(block, missing)
    placeChallenges(block, new Set(lessons), files, urls)
    modules.push({title: block.order?.title ?? lastSegment(block.name), path: block.order?.file ?? block.folder, lessons})
  }

  const allOrdered = ordered.length > 0 && ordered.every((block) => block.order !== undefined)
  return {
    flavour: 'freecodecamp',
    format: 'freecodecamp',
    title: undefined,
    reasons: allOrdered ? reasons : [...reasons, 'no `challengeOrder` for every block: lessons in file order'],
    files,
    urls,
    mounts: [],
    routes,
    rootKnown: false,
    modules,
    missing,
    ordered: allOrdered
  }
}

/**
 * The challenges, by the folder they are in: a block per folder (a block
 * copied under two languages is two blocks, keyed by folder). Pages (README…)
 * go into `files` here.
 */
function readBlocks(repository: Repository, files: {[path: string]: SiteFile}): Map<string, Block> {
  const blocks = new Map<string, Block>()
  for (const path of markdownPaths(repository)) {
    const placed = kindByPlace(path)
    if (placed || !path.includes('/')) {
      files[path] = siteFile(path, placed?.kind ?? 'page', placed?.reason ?? 'a page at the repository root', undefined)
      continue
    }

    const folder = parentOf(path)
    const text = repository.read(path)
    const frontmatter = text === undefined ? undefined : frontmatterOf(text)
    const block = blockOf(blocks, folder)
    block.folder = folder
    block.challenges.push({path, id: scalarOf(frontmatter, 'id'), dashedName: scalarOf(frontmatter, 'dashedName')})
  }

  return blocks
}

function blockOf(blocks: Map<string, Block>, name: string): Block {
  let block = blocks.get(name)
  if (!block) {
    block = {name, folder: undefined, challenges: [], order: undefined, superblocks: []}
    blocks.set(name, block)
  }

  return block
}

/** Read the order files into `blocks` (matched by the block's folder name); give the order of block names. */
function readBlockOrders(repository: Repository, blocks: Map<string, Block>): string[] {
  const folderNames = new Map<string, Block[]>()
  for (const block of blocks.values()) {
    const name = lastSegment(block.name)
    folderNames.set(name, [...(folderNames.get(name) ?? []), block])
  }

  for (const path of repository.paths) {
    const name = orderFileBlock(path, folderNames)
    const order = name === undefined ? undefined : readBlockOrder(repository, path)
    if (name === undefined || !order) continue
    for (const block of folderNames.get(name) ?? [blockOf(blocks, name)]) {
      block.order = order.order
      if (order.superblock !== undefined) block.superblocks.push(order.superblock)
    }
  }

  // Superblocks, in the order of the curriculum file, list the blocks.
  const blockOrder: string[] = []
  const superblockFiles = repository.paths.filter((path) => /(?:^|\/)structure\/superblocks\/[^/]+\.json$/.test(path))
  const curriculum = repository.paths.find((path) => /(?:^|\/)structure\/curriculum\.json$/.test(path))
  const listed = curriculum === undefined ? [] : stringsIn(jsonAt(repository, curriculum), 'superblocks')
  const ranked = [...superblockFiles].sort((a, b) => rank(listed, a) - rank(listed, b))
  for (const path of ranked) {
    const superblock = lastSegment(path).replace(/\.json$/, '')
    for (const name of superblockBlocks(jsonAt(repository, path))) {
      blockOrder.push(name)
      for (const block of folderNames.get(name) ?? []) block.superblocks.push(superblock)
    }
  }

  return blockOrder
}

/** The paths of a block's challenges in its order; an id of the order with no challenge goes to `missing`. */
function blockLessons(block: Block, missing: ListEntry[]): string[] {
  if (!block.order) return block.challenges.map((challenge) => challenge.path)
  const byId = new Map<string, Challenge>()
  for (const challenge of block.challenges) if (challenge.id !== undefined && !byId.has(challenge.id)) byId.set(challenge.id, challenge)
  const lessons: string[] = []
  for (const entry of block.order.entries) {
    const challenge = byId.get(entry.id)
    if (challenge) lessons.push(challenge.path)
    else missing.push({path: `${block.folder ?? block.name}/${entry.id}.md`, file: block.order.file, line: entry.line, column: entry.column})
  }

  return lessons
}

/** Each challenge of a block into `files`, and its `/learn/` URLs into `urls`. */
function placeChallenges(block: Block, listed: Set<string>, files: {[path: string]: SiteFile}, urls: {[url: string]: string}) {
  const project = block.order?.layout === 'project-list'
  const superblocks = [...new Set(block.superblocks)]
  for (const challenge of block.challenges) {
    const reason = !block.order
      ? 'a challenge of a block with no order file'
      : `a challenge ${listed.has(challenge.path) ? 'listed' : 'not listed'} in \`challengeOrder\` of \`${block.order.file}\``
    // No `url` on the file: a relative link in a challenge is checked on
    // disk, not swallowed by the `/learn/` route its page URL is under.
    files[challenge.path] = siteFile(challenge.path, project ? 'project' : 'lesson', project ? `${reason}, a \`project-list\` block` : reason, undefined)
    if (challenge.dashedName === undefined) continue
    for (const superblock of superblocks) {
      const alias = `/learn/${superblock}/${lastSegment(block.name)}/${challenge.dashedName}`
      urls[alias] ??= challenge.path
      urls[alias + '/'] ??= challenge.path
    }
  }
}

/** The block an order file is for, when `path` is one. */
function orderFileBlock(path: string, folderNames: Map<string, Block[]>): string | undefined {
  const structure = /(?:^|\/)structure\/blocks\/([^/]+)\.json$/.exec(path)
  if (structure) return structure[1]
  const meta = /(?:^|\/)([^/]+)\/meta\.json$/.exec(path)
  if (meta?.[1] !== undefined && (folderNames.has(meta[1]) || path.includes('_meta/'))) return meta[1]
  return undefined
}

function readBlockOrder(repository: Repository, file: string): {order: BlockOrder; superblock: string | undefined} | undefined {
  const text = repository.read(file)
  if (text === undefined) return undefined
  const source = readYamlSource(text, 'config')
  if (!source.readable) return undefined
  const data = source.toData()
  if (!data.ok || !isObject(data.value)) return undefined
  const list = data.value['challengeOrder']
  if (!Array.isArray(list)) return undefined
  const entries: BlockOrder['entries'] = []
  for (const [index, item] of list.entries()) {
    // `{id, title}` today, `[id, title]` in older meta files.
    const key = Array.isArray(item) ? 0 : 'id'
    const id = Array.isArray(item) ? item[0] : isObject(item) ? item['id'] : undefined
    if (typeof id !== 'string') continue
    entries.push({id, ...placeOf(source, ['challengeOrder', index, key])})
  }

  const title = data.value['name']
  const layout = data.value['blockLayout']
  const superblock = data.value['superBlock']
  return {
    order: {file, title: typeof title === 'string' ? title : undefined, layout: typeof layout === 'string' ? layout : undefined, entries},
    superblock: typeof superblock === 'string' ? superblock : undefined
  }
}

function placeOf(source: YamlSource, path: Array<string | number>): {line: number; column: number} {
  const range = source.locate(path, 'value')
  if (!range) return {line: 1, column: 1}
  const {start} = source.toPosition(range)
  return {line: start.line, column: start.column}
}

/** The block names of a superblock file: `blocks`, or `chapters[].modules[].blocks`. */
function superblockBlocks(data: JsonValue | undefined): string[] {
  if (!isObject(data)) return []
  if (Array.isArray(data['blocks'])) return stringsIn(data, 'blocks')
  const names: string[] = []
  for (const chapter of arrayAt(data, 'chapters')) {
    for (const module of arrayAt(chapter, 'modules')) names.push(...stringsIn(module, 'blocks'))
  }

  return names
}

function jsonAt(repository: Repository, path: string): JsonValue | undefined {
  const text = repository.read(path)
  if (text === undefined) return undefined
  const data = readYamlSource(text, 'config').toData()
  return data.ok ? data.value : undefined
}

/** The YAML between the first two `---` lines, when the file starts with one. */
function frontmatterOf(text: string): string | undefined {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text)
  return match?.[1]
}

/**
 * A top-level scalar of challenge frontmatter, read by line: challenges write
 * `id` and `dashedName` as plain or quoted one-line scalars, and a YAML
 * reading of every challenge would cost more than the whole site.
 */
function scalarOf(frontmatter: string | undefined, key: string): string | undefined {
  if (frontmatter === undefined) return undefined
  const match = new RegExp(`^${key}[ \\t]*:[ \\t]*(?:'([^']*)'|"([^"]*)"|([^\\s#'"][^#]*?))[ \\t]*(?:#.*)?\\r?$`, 'm').exec(frontmatter)
  const value = match?.[1] ?? match?.[2] ?? match?.[3]
  return value === undefined || value === '' ? undefined : value
}

function isObject(value: unknown): value is {[key: string]: JsonValue} {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function arrayAt(data: JsonValue | undefined, key: string): JsonValue[] {
  const value = isObject(data) ? data[key] : undefined
  return Array.isArray(value) ? value : []
}

function stringsIn(data: JsonValue | undefined, key: string): string[] {
  return arrayAt(data, key).filter((item): item is string => typeof item === 'string')
}

/** The place of a name (or of a file's base name) in a list; unlisted names last. */
function rank(list: readonly string[], name: string): number {
  const index = list.indexOf(lastSegment(name).replace(/\.json$/, ''))
  return index === -1 ? list.length : index
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
