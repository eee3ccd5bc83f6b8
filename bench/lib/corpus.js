/**
 * Write the benchmark corpora under `bench/corpus/` (git-ignored).
 *
 * A lint corpus of `n` files is the first `n` files of one endless sequence
 * (file `i` depends only on `i`), in folders of 100 like a real curriculum
 * (`module-007/lesson-0712.md`). A corpus already on disk with the same
 * generator version is reused.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {checkpoint, defectKinds} from './checkpoint.js'
import {createRandom} from './random.js'

/** Bump when the generator changes, so old corpora are rebuilt. */
export const generatorVersion = 3

/** Share of files with at least one defect. */
export const defectRate = 0.12

/**
 * @typedef CorpusInfo
 * @property {string} dir
 * @property {number} files
 * @property {number} bytes
 * @property {number} defective
 *   Files with at least one defect.
 * @property {string[]} paths
 *   Paths relative to `dir`, sorted.
 */

/**
 * @param {number} index
 */
export function lessonPath(index) {
  const module = String(Math.floor(index / 100)).padStart(3, '0')
  return `module-${module}/lesson-${String(index).padStart(5, '0')}.md`
}

/**
 * Target size of file `index`: 3 to 25 KB, most around 6-12 KB (mean about 10 KB).
 *
 * @param {import('./random.js').Random} random
 */
function targetSize(random) {
  const r = random.next()
  return Math.round(3000 + 22_000 * r * r)
}

/**
 * Make (or reuse) the lint corpus of `count` files.
 *
 * @param {string} root
 *   `bench/corpus`.
 * @param {number} count
 * @returns {CorpusInfo}
 */
export function lintCorpus(root, count) {
  const dir = join(root, `lint-${count}`)
  const manifestPath = join(dir, 'manifest.json')
  if (existsSync(manifestPath)) {
    /** @type {CorpusInfo & {version: number}} */
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    if (manifest.version === generatorVersion && manifest.files === count) {
      return {dir, files: manifest.files, bytes: manifest.bytes, defective: manifest.defective, paths: manifest.paths}
    }
  }

  rmSync(dir, {recursive: true, force: true})
  /** @type {string[]} */
  const uuids = []
  /** @type {string[]} */
  const paths = []
  let bytes = 0
  let defective = 0
  for (let index = 0; index < count; index++) {
    const random = createRandom(index * 7919 + 17)
    /** @type {string[]} */
    const defects = []
    if (random.chance(defectRate)) {
      defects.push(random.pick(defectKinds))
      if (random.chance(0.3)) defects.push(random.pick(defectKinds))
    }

    if (defects.length > 0) defective++
    const duplicateUuid = uuids.length > 0 ? uuids[random.int(0, uuids.length - 1)] : undefined
    const made = checkpoint(random, {index, targetSize: targetSize(random), defects, duplicateUuid})
    if (made.uuid) uuids.push(made.uuid)
    const path = lessonPath(index)
    mkdirSync(join(dir, path, '..'), {recursive: true})
    writeFileSync(join(dir, path), made.text)
    bytes += Buffer.byteLength(made.text)
    paths.push(path)
  }

  const info = {dir, files: count, bytes, defective, paths}
  writeFileSync(manifestPath, JSON.stringify({version: generatorVersion, ...info}))
  return info
}

/**
 * Write a link corpus: `files` checkpoints that together link to every URL of
 * `urls`, each URL `1 + (i % 3)` times (so 2x occurrences on average), spread
 * over the files, inline and under "Additional Resources". Always rewritten
 * (URLs carry the port of the server of this run).
 *
 * @param {string} dir
 * @param {number} files
 * @param {readonly string[]} urls
 * @returns {{dir: string, files: number, occurrences: number, paths: string[]}}
 */
export function linkCorpus(dir, files, urls) {
  rmSync(dir, {recursive: true, force: true})
  /** @type {string[]} */
  const occurrences = []
  for (const [i, url] of urls.entries()) {
    for (let k = 0; k <= i % 3; k++) occurrences.push(url)
  }

  // Deterministic shuffle so that repeats of a URL land in different files.
  const random = createRandom(99)
  for (let i = occurrences.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    const a = /** @type {string} */ (occurrences[i])
    occurrences[i] = /** @type {string} */ (occurrences[j])
    occurrences[j] = a
  }

  /** @type {string[]} */
  const paths = []
  const perFile = Math.ceil(occurrences.length / files)
  for (let index = 0; index < files; index++) {
    const mine = occurrences.slice(index * perFile, (index + 1) * perFile)
    const inline = mine.slice(0, Math.ceil(mine.length / 2))
    const rest = mine.slice(inline.length)
    const fileRandom = createRandom(index * 104_729 + 5)
    const made = checkpoint(fileRandom, {
      index,
      targetSize: 4000 + fileRandom.int(0, 6000),
      defects: [],
      images: false,
      nextLink: () => inline.shift(),
      extraResources: () => [...inline.splice(0), ...rest]
    })
    const path = lessonPath(index)
    mkdirSync(join(dir, path, '..'), {recursive: true})
    writeFileSync(join(dir, path), made.text)
    paths.push(path)
  }

  return {dir, files, occurrences: occurrences.length, paths}
}
