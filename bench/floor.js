/**
 * The parse floor: read markdown files and parse each with remark-parse +
 * remark-frontmatter (`['yaml']`) + remark-gfm (the extensions coursemark
 * parses with), in one thread, and nothing else. No linter
 * that builds a markdown syntax tree can do less work per file.
 *
 * Usage: `node bench/floor.js [--coursemark] <file-or-directory>...`
 * (`--coursemark`: parse with core's parser instead, GFM with only the
 * constructs each document can use; the same trees, less work)
 * Prints JSON: `{files, bytes, readMs, parseMs, nodes}` (`nodes` keeps the
 * parse from being optimised away).
 */
import {readFileSync} from 'node:fs'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {markdownFiles} from './lib/files.js'

const args = process.argv.slice(2)
const ours = args.includes('--coursemark')
/** @type {string[]} */
const files = []
for (const input of args) if (input !== '--coursemark') markdownFiles(input, files)

const processor = ours
  ? (await import('@coursemark/core')).createParser('checkpoint').freeze()
  : unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze()

let start = performance.now()
const texts = files.map((file) => readFileSync(file, 'utf8'))
const readMs = performance.now() - start

start = performance.now()
let nodes = 0
let bytes = 0
for (const text of texts) {
  bytes += Buffer.byteLength(text)
  const tree = processor.parse(text)
  nodes += tree.children.length
}

const parseMs = performance.now() - start
process.stdout.write(JSON.stringify({files: files.length, bytes, readMs, parseMs, nodes}) + '\n')
