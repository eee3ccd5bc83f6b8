/**
 * A frozen copy of the built coursemark packages, so a long benchmark keeps
 * measuring the same build while the working tree is rebuilt under it.
 *
 * `dir/packages/<name>/{package.json,dist}` are copies; `dir/node_modules`
 * holds a symbolic link to every entry of the repository's `node_modules`,
 * except `@coursemark/*`, which point at the copies.
 */
import {cpSync, mkdirSync, readdirSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'

const packages = ['core', 'remark-plugin', 'cli']

/**
 * @param {string} root
 *   The repository.
 * @param {string} dir
 *   Where to put the copy (created).
 * @returns {string}
 *   The copied `coursemark` binary.
 */
export function snapshot(root, dir) {
  for (const name of packages) {
    const from = join(root, 'packages', name)
    const to = join(dir, 'packages', name)
    mkdirSync(to, {recursive: true})
    cpSync(join(from, 'package.json'), join(to, 'package.json'))
    cpSync(join(from, 'dist'), join(to, 'dist'), {recursive: true})
  }

  const modules = join(dir, 'node_modules')
  mkdirSync(join(modules, '@coursemark'), {recursive: true})
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@coursemark' || entry === '.bin') continue
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry))
  }

  for (const entry of readdirSync(join(root, 'node_modules', '@coursemark'))) {
    const name = packages.find((item) => item === entry)
    if (name) symlinkSync(join(dir, 'packages', name), join(modules, '@coursemark', entry))
  }

  return join(dir, 'packages', 'cli', 'dist', 'bin.js')
}
