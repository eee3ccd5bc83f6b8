/**
 * The few model fields the main thread needs once a file is linted: `uuid`
 * and `title` for the cross-file checks, relative targets for the cache,
 * external URLs (links, images, embeds; core's `externalUrls`) for the link
 * check.
 */
import type {Checkpoint, Position} from '@coursemark/core'
import {externalUrls, linkKind, type UrlSources} from '@coursemark/core/read-links'
import {detach} from './plain-messages.js'
import type {Facts, Located} from '../types.js'

/** Where a frontmatter key or value is written (the parsed frontmatter's `locate`). */
export type Locate = (path: ReadonlyArray<string | number>, part: 'key' | 'value') => Position | undefined

/** What the facts are read from: a `Checkpoint`, or what core's `extractLinkUses` reads. */
export type FactSources = UrlSources & Pick<Checkpoint, 'uuid' | 'title'>

/**
 * The facts of a linted file (strings detached from the file's text: they
 * outlive it); with `identityOnly`, `uuid` and `title` only.
 */
export function factsOf(checkpoint: FactSources, locate: Locate | undefined, identityOnly = false): Facts {
  const located = (key: 'uuid' | 'title'): Located | null => {
    const value = checkpoint[key]
    if (value === null || value.trim() === '') return null
    return {value: detach(value), position: locate?.([key], 'value') ?? null}
  }

  if (identityOnly) return {uuid: located('uuid'), title: located('title'), relative: [], external: []}
  const relative: Located[] = []
  for (const link of checkpoint.links) {
    if (link.kind === 'relative') relative.push({value: detach(link.url), position: link.position})
  }

  for (const image of checkpoint.images) {
    if (linkKind(image.src) === 'relative') relative.push({value: detach(image.src), position: image.position})
  }

  const external = externalUrls(checkpoint).map(({url, position}): Located => ({value: detach(url), position}))
  return {uuid: located('uuid'), title: located('title'), relative, external}
}

/** The facts of a file that was not parsed. */
export function emptyFacts(): Facts {
  return {uuid: null, title: null, relative: [], external: []}
}
