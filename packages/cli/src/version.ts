/** Versions, for `--version`, reports and the cache key. */
import {readFileSync} from 'node:fs'

function versionOf(url: URL | string): string {
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'))
  return typeof data === 'object' && data !== null && 'version' in data && typeof data.version === 'string'
    ? data.version
    : '0.0.0'
}

/** Version of `@coursemark/cli`. */
export const version = versionOf(new URL('../package.json', import.meta.url))

/** Bump when what a cached result holds changes (e.g. which URLs its facts list). */
const resultsVersion = 2

/** Versions of the packages whose behaviour the lint result depends on. */
export const toolVersion = [
  'results@' + resultsVersion,
  'cli@' + version,
  // The ES module resolver (the packages' own \`package.json\` files are known to it by now), not \`createRequire\`'s.
  'core@' + versionOf(new URL(import.meta.resolve('@coursemark/core/package.json'))),
  'remark-plugin@' + versionOf(new URL(import.meta.resolve('@coursemark/remark-plugin/package.json')))
].join(' ')
