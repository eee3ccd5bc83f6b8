/**
 * The markdown files the bench scripts read.
 */
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

/**
 * `path` itself when it is a file, else every `.md` file below the folder,
 * depth first, names in code unit order (the same order on every machine).
 *
 * @param {string} path
 * @param {string[]} [out]
 * @returns {string[]}
 */
export function markdownFiles(path, out = []) {
  if (!statSync(path).isDirectory()) {
    out.push(path)
    return out
  }

  for (const name of readdirSync(path).sort()) {
    const child = join(path, name)
    if (statSync(child).isDirectory()) markdownFiles(child, out)
    else if (name.endsWith('.md')) out.push(child)
  }

  return out
}
