/**
 * Print the size of `@coursemark/core`'s browser bundle: its main entry
 * (`packages/core/dist/index.js`) bundled by esbuild for the browser (ES
 * module, minified), with the biggest packages in it. A measure for the
 * performance docs only: nothing is written, and the packages are never
 * built with esbuild (`tsc -b` is the build).
 *
 * Usage (after `npm run build`):
 *
 *     node scripts/bundle-size.js [entry]
 *
 * `entry` is a file under `packages/core/dist/` (default `index.js`).
 * Exit code 2 when the entry does not bundle for the browser (a `node:`
 * import reached it, for example).
 */
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const entry = fileURLToPath(new URL(`../packages/core/dist/${process.argv[2] ?? 'index.js'}`, import.meta.url))

try {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent'
  })
  const [output] = result.outputFiles
  const bytes = output?.contents.byteLength ?? 0
  /** @type {Map<string, number>} */
  const byPackage = new Map()
  for (const file of Object.values(result.metafile.outputs)) {
    for (const [path, input] of Object.entries(file.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '@coursemark/core'
      byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput)
    }
  }

  const kb = (/** @type {number} */ size) => `${(size / 1000).toFixed(0)} KB`
  console.log(`core browser bundle (esbuild, esm, minified): ${kb(bytes)} (${bytes} bytes)`)
  for (const [name, size] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    console.log(`  ${name.padEnd(32)} ${kb(size).padStart(7)}`)
  }
} catch (error) {
  const errors = /** @type {{errors?: Array<{text: string}>}} */ (error).errors ?? []
  console.error(`Could not bundle ${entry} for the browser:`)
  for (const item of errors) console.error(`  ${item.text}`)
  process.exitCode = 2
}
