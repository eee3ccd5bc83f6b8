/**
 * Test helpers for site fixtures: read a fixture folder as a `Repository`,
 * and check every link of the files a site publishes the way the built site
 * resolves them (a candidate exists, the fragment names a heading id as the
 * site's slugger makes it). The planted defects of a fixture are written in
 * it as `<!-- expect: coursemark:no-missing-local-target L:C-L:C … -->`.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import type {Nodes, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {createParser, headingIds, resolveLink} from '../../src/index.js'
import type {HeadingText, Repository, Site} from '../../src/index.js'

/** A fixture folder as a repository: every file, relative, with `/`, sorted. */
export function readRepository(folder: string): Repository {
  const paths: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else paths.push(relative(folder, path).split(sep).join('/'))
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

/** Every link of a published file that fails on the built site, as `file:line:column url` (the column of the URL). */
export function brokenLinks(site: Site, repository: Repository, slugger = site.slugger ?? 'github'): string[] {
  const exists = new Set(repository.paths)
  for (const path of repository.paths) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) exists.add(path.slice(0, slash))
  }

  const parser = createParser(site.format)
  const trees = new Map<string, Root>()
  const tree = (path: string) => {
    let root = trees.get(path)
    if (!root) {
      root = parser.parse(repository.read(path) ?? '')
      trees.set(path, root)
    }

    return root
  }

  const broken: string[] = []
  for (const file of Object.values(site.files)) {
    if (file.kind === 'template' || file.kind === 'data' || file.kind === 'include' || file.kind === 'draft') continue
    const text = repository.read(file.path) ?? ''
    const lines = text.split('\n')
    walk(tree(file.path), (node) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return
      const resolution = resolveLink(site, file.path, node.url)
      if (resolution.candidates.length === 0 && resolution.unchecked === undefined) return
      const found = resolution.candidates.find((candidate) => exists.has(candidate))
      const line = node.position?.start.line ?? 0
      const column = (lines[line - 1] ?? '').indexOf(`(${node.url})`, (node.position?.start.column ?? 1) - 1) + 2
      const place = `${file.path}:${line}:${column} ${node.url}`
      if (found === undefined) {
        if (resolution.unchecked === undefined) broken.push(place)
        return
      }

      if (resolution.fragment !== '' && /\.md$/.test(found) && !idsOf(tree(found), slugger).has(resolution.fragment)) broken.push(place)
    })
  }

  return broken.sort()
}

/** The defects a fixture says it plants, as `file:line:column url`. */
export function plantedDefects(repository: Repository): string[] {
  const planted: string[] = []
  for (const path of repository.paths) {
    if (!path.endsWith('.md')) continue
    const text = repository.read(path) ?? ''
    const lines = text.split('\n')
    for (const match of text.matchAll(/<!-- expect: coursemark:no-missing-local-target (\d+):(\d+)-\d+:(\d+) /g)) {
      const line = Number(match[1])
      const start = Number(match[2])
      planted.push(`${path}:${line}:${start} ${(lines[line - 1] ?? '').slice(start - 1, Number(match[3]) - 1)}`)
    }
  }

  return planted.sort()
}

function idsOf(root: Root, slugger: 'github' | 'odin'): Set<string> {
  const headings: HeadingText[] = []
  walk(root, (node, parent) => {
    if (node.type === 'heading') headings.push({depth: node.depth, text: toString(node), topLevel: parent === root})
  })
  return new Set(headingIds(slugger, headings))
}

function walk(node: Nodes, visit: (node: Nodes, parent: Nodes | undefined) => void, parent?: Nodes) {
  visit(node, parent)
  if ('children' in node) for (const child of node.children) walk(child, visit, node)
}
