import {readFileSync, readdirSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import type {Repository} from '../../src/index.js'

/** A fixture folder as a `Repository`: every file, relative with `/`, sorted. */
export function fixtureRepository(folder: string): Repository {
  const paths: string[] = []
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, {withFileTypes: true})) {
      const full = join(directory, entry.name)
      if (entry.isDirectory()) walk(full)
      else paths.push(relative(folder, full).split(sep).join('/'))
    }
  }

  walk(folder)
  paths.sort()
  return {
    paths,
    read(path) {
      try {
        return readFileSync(join(folder, path), 'utf8')
      } catch {
        return undefined
      }
    }
  }
}
