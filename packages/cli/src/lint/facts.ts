/**
 * The few model fields the main thread needs once a file is linted: `uuid`
 * and `title` for the cross-file checks, relative targets for the cache,
 * external URLs (links, images, embeds; core's `externalUrls`) for the link
 * check.
 */
import type {Checkpoint, LinkUse, Position} from '@coursemark/core'
import {externalUrls, linkKind, type UrlSources} from '@coursemark/core/read-links'
import {detach} from './plain-messages.js'
import type {ExternalUse, Facts, Located} from '../types.js'

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

  const external = externalUrls(checkpoint).map(({url, position, range}): ExternalUse => ({url: detach(url), position, range}))
  return {uuid: located('uuid'), title: located('title'), relative, external}
}

/**
 * The model's links, images and embeds, each with the range of its URL as
 * the rules found it (`uses`: the plugin's `urlsOf`), matched on where the
 * link starts and its URL. A reference has none: its URL is written in its
 * definition.
 */
export function withRanges(checkpoint: FactSources, uses: readonly LinkUse[]): FactSources {
  const ranges = new Map<string, Position>()
  for (const use of uses) if (use.range) ranges.set(`${use.position.start.offset} ${use.url}`, use.range)
  if (ranges.size === 0) return checkpoint
  const range = (url: string, position: Position) => ranges.get(`${position.start.offset} ${url}`)
  return {
    uuid: checkpoint.uuid,
    title: checkpoint.title,
    links: checkpoint.links.map((link) => ({...link, range: range(link.url, link.position)})),
    images: checkpoint.images.map((image) => ({...image, range: range(image.src, image.position)})),
    embeds: checkpoint.embeds.map((embed) => ({...embed, range: embed.attributes.src === undefined ? undefined : range(embed.attributes.src, embed.position)}))
  }
}

/** The facts of a file that was not parsed. */
export function emptyFacts(): Facts {
  return {uuid: null, title: null, relative: [], external: []}
}
