/** The markdown files of a folder, for the tests that run over every fixture. */
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

/** Every `.md` and `.markdown` file under `dir`, sorted by name at each level. */
export function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) markdownFiles(path, out)
    else if (/\.(?:md|markdown)$/.test(name)) out.push(path)
  }

  return out
}
