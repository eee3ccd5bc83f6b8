/**
 * Resolve a link the way the built site does: as a path on disk (how GitHub
 * and an editor show the repository), and as a URL of the published page
 * (page URLs, aliases, mounted static folders, routes). Pure string work on
 * `/` paths; no file system.
 */
import {linkKind} from '../link-kind.js'
import {expandLiquid} from './liquid-links.js'
import type {Resolution, Site} from './types.js'

/**
 * Resolve `url`, written in the file `from` (relative to the repository
 * root), against `site`. A link of another kind than a path (`https:`,
 * `mailto:`, a template) gives no candidates and no `unchecked` reason: it is
 * not a file link.
 */
export function resolveLink(site: Site, from: string, url: string): Resolution {
  return resolveFromPage(site, from, url, site.files[from]?.url)
}

function resolveFromPage(site: Site, from: string, url: string, page: string | undefined): Resolution {
  let value = url.trim()
  // Hook, Jekyll only: Liquid in a destination is expanded as Jekyll
  // outputs it (`{% link P %}` names the source file `P`, `{{ page.root }}`
  // the site root), so template links are checked like the others.
  if (site.flavour === 'jekyll' && value.includes('{')) {
    const expanded = expandLiquid(site, value)
    if (expanded && 'file' in expanded) return {candidates: [expanded.file], fragment: fragmentOf(expanded.rest), unchecked: undefined}
    if (expanded) value = expanded.url
  }

  const kind = linkKind(value, true)
  if (kind === 'template') return {candidates: [], fragment: '', unchecked: 'a template the site generator fills in'}
  if (kind !== 'relative' && kind !== 'anchor') return {candidates: [], fragment: '', unchecked: undefined}
  const fragment = fragmentOf(value)
  const end = value.search(/[?#]/)
  const written = decode(end === -1 ? value : value.slice(0, end))
  if (written === '') return {candidates: [from], fragment, unchecked: undefined}

  const candidates: string[] = []
  const absolute = written.startsWith('/')
  if (!absolute) candidates.push(joinPath(parentOf(from), written))
  const target = absolute ? written : page === undefined ? undefined : resolveUrl(page, written)
  let unchecked: string | undefined
  if (target !== undefined) {
    for (const variant of urlVariants(target)) {
      const source = Object.hasOwn(site.urls, variant) ? site.urls[variant] : undefined
      if (source !== undefined) candidates.push(source)
    }

    for (const mount of site.mounts) {
      if (target.startsWith(mount.url)) candidates.push(joinPath(mount.folder, target.slice(mount.url.length)))
    }

    const route = site.routes.find((item) => target.startsWith(item.prefix))
    if (route) unchecked = route.reason
  }

  if (absolute && !site.rootKnown) unchecked ??= 'a root-absolute path, and the site root is not known (set `site.root`)'
  return {candidates: candidates.length > 1 ? [...new Set(candidates)] : candidates, fragment, unchecked}
}

/** The URL path `relative` leads to from the page at URL path `page` (`..` stops at the root). */
export function resolveUrl(page: string, relative: string): string {
  const base = page.endsWith('/') ? page : page.slice(0, page.lastIndexOf('/') + 1)
  const parts = (base + relative).split('/')
  const out: string[] = []
  for (const [index, part] of parts.entries()) {
    if (part === '..') {
      if (out.length > 1) out.pop()
    } else if (part !== '.' && (part !== '' || index === 0 || index === parts.length - 1)) {
      out.push(part)
    }
  }

  const last = parts.at(-1)
  const joined = out.join('/')
  return (last === '..' || last === '.') && !joined.endsWith('/') ? joined + '/' : joined
}

/** The URL paths a server answers for `target`: `x/` is `x/index.html`; an extensionless `x` may be `x/` or `x.html`. */
export function urlVariants(target: string): string[] {
  if (target.endsWith('/')) return [target, target + 'index.html']
  if (target.endsWith('/index.html')) return [target, target.slice(0, -'index.html'.length)]
  const name = target.slice(target.lastIndexOf('/') + 1)
  if (!name.includes('.')) return [target, target + '/', target + '.html']
  return [target]
}

/** `folder` (relative, `''` for the root) and a relative path joined and normalised; `..` above the root is kept. */
export function joinPath(folder: string, relative: string): string {
  const out: string[] = []
  for (const part of (folder === '' ? relative : folder + '/' + relative).split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop()
    else out.push(part)
  }

  return out.join('/')
}

/** The folder of a repository path (`''` at the root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '' : path.slice(0, slash)
}

/** The decoded fragment of a URL, `''` when none. */
function fragmentOf(value: string): string {
  const hash = value.indexOf('#')
  return hash === -1 ? '' : decode(value.slice(hash + 1))
}

function decode(value: string): string {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
