/** A fixture site folder as a `Repository`, and a check of every local link of its markdown files. */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {parseCheckpoint, resolveLink} from '../../src/index.js'
import type {FormatName, Repository, Section, Site} from '../../src/index.js'

/** The folder `fixtures/sites/<name>/`. */
export function siteFolder(name: string): string {
  return fileURLToPath(new URL(`../../../../fixtures/sites/${name}/`, import.meta.url))
}

/** Every file of a folder, relative with `/`, sorted; `read` from disk. */
export function fixtureRepository(folder: string): Repository {
  const paths: string[] = []
  const walk = (relative: string): void => {
    for (const name of readdirSync(folder + relative)) {
      const path = relative === '' ? name : relative + '/' + name
      if (statSync(folder + path).isDirectory()) walk(path)
      else paths.push(path)
    }
  }

  walk('')
  paths.sort()
  return {
    paths,
    read(path) {
      try {
        return readFileSync(folder + path, 'utf8')
      } catch {
        return undefined
      }
    }
  }
}

/**
 * The local links of the files the site checks (not templates, data or
 * includes) that no candidate serves (`file:line:column url`), the way the
 * lint rule checks them: a candidate file or folder exists, and a fragment
 * names a heading of a markdown candidate.
 */
export function brokenLinks(site: Site, repository: Repository, format: FormatName): string[] {
  const present = new Set(repository.paths)
  const folders = new Set([''])
  for (const path of repository.paths) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) folders.add(path.slice(0, slash))
  }

  const slugs = (path: string): Set<string> => {
    const found = new Set<string>()
    const visit = (sections: Section[]): void => {
      for (const section of sections) {
        found.add(section.slug)
        visit(section.children)
      }
    }

    visit(parseCheckpoint(repository.read(path) ?? '', {format, validate: false}).checkpoint.sections)
    return found
  }

  const broken: string[] = []
  for (const file of Object.values(site.files)) {
    if (file.kind === 'template' || file.kind === 'data' || file.kind === 'include') continue
    const {checkpoint} = parseCheckpoint(repository.read(file.path) ?? '', {path: file.path, format, validate: false})
    const uses = [...checkpoint.links.map((link) => ({url: link.url, at: link.position.start})), ...checkpoint.images.map((image) => ({url: image.src, at: image.position.start}))]
    for (const {url, at} of uses) {
      const resolution = resolveLink(site, file.path, url)
      if (resolution.candidates.length === 0) continue
      const hit = resolution.candidates.find((candidate) => present.has(candidate) || folders.has(candidate))
      const anchored = hit === undefined || resolution.fragment === '' || !/\.md$/.test(hit) || slugs(hit).has(resolution.fragment)
      if ((hit === undefined && resolution.unchecked === undefined) || !anchored) broken.push(`${file.path}:${at.line}:${at.column} ${url}`)
    }
  }

  return broken.sort()
}
