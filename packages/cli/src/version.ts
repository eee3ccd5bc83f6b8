/** Versions, for `--version`, reports and the cache key. */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

function versionOf(url: URL | string): string {
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'))
  return typeof data === 'object' && data !== null && 'version' in data && typeof data.version === 'string'
    ? data.version
    : '0.0.0'
}

const require = createRequire(import.meta.url)

/** Version of `@coursemark/cli`. */
export const version = versionOf(new URL('../package.json', import.meta.url))

/** Bump when what a cached result holds changes (e.g. which URLs its facts list). */
const resultsVersion = 2

/** Versions of the packages whose behaviour the lint result depends on. */
export const toolVersion = [
  'results@' + resultsVersion,
  'cli@' + version,
  'core@' + versionOf(require.resolve('@coursemark/core/package.json')),
  'remark-plugin@' + versionOf(require.resolve('@coursemark/remark-plugin/package.json'))
].join(' ')
