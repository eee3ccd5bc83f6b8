/**
 * What validating frontmatter costs next to parsing the markdown it sits in.
 *
 * Usage: `node bench/frontmatter.js <dir> [--parse]` (after `npm run build`).
 * For every `.md` file under `dir`: the YAML of its frontmatter block read by
 * `parseCheckpoint` (given the block alone, without validation), then
 * `validateFrontmatter` on it (the compiled ajv validator plus the checks
 * after it); the first validation, which compiles the schema, is timed on its
 * own. With `--parse`, also the markdown parse of the whole files
 * (remark-parse + remark-frontmatter) to compare with; `npm run bench` takes
 * that figure from the parse floor of the same files instead.
 * Prints JSON.
 */
import {readFileSync} from 'node:fs'
import {parseCheckpoint, validateFrontmatter} from '@coursemark/core'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {markdownFiles} from './lib/files.js'

const files = markdownFiles(process.argv[2] ?? '.')
const texts = files.map((file) => readFileSync(file, 'utf8'))
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze()

const withParse = process.argv.includes('--parse')
let start = performance.now()
let nodes = 0
if (withParse) for (const text of texts) nodes += processor.parse(text).children.length
const parseMs = withParse ? performance.now() - start : undefined

// Only the frontmatter block of each file is given to `parseCheckpoint`: the
// validation sees the same YAML, and this part stays fast on 10,000 files.
start = performance.now()
/** @type {Array<import('@coursemark/core').ParsedFrontmatter | null>} */
const blocks = []
for (const [index, text] of texts.entries()) {
  const end = text.startsWith('---\n') ? text.indexOf('\n---\n', 3) : -1
  const head = end === -1 ? '' : text.slice(0, end + 5)
  blocks.push(parseCheckpoint(head, {path: files[index], validate: false}).frontmatter)
}

const frontmatterParseMs = performance.now() - start
const withData = blocks.filter((block) => block !== null && block.data !== null)

start = performance.now()
const first = withData[0] ? validateFrontmatter(withData[0]).length : 0
const firstMs = performance.now() - start

start = performance.now()
let messages = first
for (const block of withData.slice(1)) messages += validateFrontmatter(block).length
const validateMs = performance.now() - start

process.stdout.write(
  JSON.stringify({
    files: files.length,
    blocks: withData.length,
    parseMs,
    frontmatterParseMs,
    firstValidationMs: firstMs,
    validateMs,
    validateAllMs: firstMs + validateMs,
    validateUsPerBlock: (validateMs * 1000) / Math.max(1, withData.length - 1),
    validateShareOfParse: parseMs === undefined ? undefined : (firstMs + validateMs) / parseMs,
    messages,
    nodes
  }) + '\n'
)
