/**
 * What a course does across its lessons, read cheaply from their text
 * before any lesson is parsed: whether it states objectives at all. A course
 * that never does (a workshop of how-to pages) is not told, on every page,
 * that objectives are missing.
 */
import {getProfile} from '../profiles.js'
import type {Repository, Site} from './types.js'

/** At most this many lessons are read, spread over the course. */
const sampleSize = 400

/**
 * Whether the lessons of `site` state objectives the way their format does
 * (at least one in ten of those read: a workshop of how-to pages with one
 * page that has a "Goals" heading does not use them):
 * an objectives heading of the profile (`## Learning objectives`), an
 * objectives key of the frontmatter (`objectives:`), a `::: objectives`
 * block, or a lead-in of a plain lesson ("In this lesson, we'll cover:").
 * `true` when the format has no place for objectives (its rules are off
 * then anyway), and when it cannot tell.
 */
export function usesObjectives(repository: Repository, site: Site, headings: readonly string[] = []): boolean {
  const profile = getProfile(site.format)
  const leadIns = profile.plain?.objectivesLeadIns ?? []
  const words = [...profile.headings.objectives, ...headings.map((heading) => heading.toLowerCase()), ...leadIns]
  if (words.length === 0 && profile.frontmatter.objectives.length === 0 && !profile.divs) return true
  const heading = words.length === 0 ? undefined : new RegExp(`^ {0,3}#{1,6}[ \\t]+\\W*(?:${words.map(escape).join('|')})\\b`, 'im')
  const key = profile.frontmatter.objectives.length === 0 ? undefined : new RegExp(`^(?:${profile.frontmatter.objectives.map(escape).join('|')})[ \\t]*[:=]`, 'm')
  const leadIn = leadIns.length === 0 ? undefined : new RegExp(`^.*\\b(?:${leadIns.map((item) => escape(item).replace(/ /g, '\\W+')).join('|')})\\b.*:[ \\t]*$`, 'im')
  const lessons = Object.values(site.files).filter((file) => file.kind === 'lesson')
  if (lessons.length === 0) return true
  const step = Math.max(1, Math.ceil(lessons.length / sampleSize))
  const planned = Math.ceil(lessons.length / step)
  let stating = 0
  for (let index = 0; index < lessons.length; index += step) {
    const text = repository.read(lessons[index]?.path ?? '')
    if (text === undefined) return true
    if (heading?.test(text) || key?.test(text) || leadIn?.test(text) || (profile.divs && /^ {0,3}:{3,}[ \t]*\{?[ \t]*\.?objectives\b/im.test(text))) stating++
    // One in ten of the planned reads is enough: stop reading.
    if (stating * 10 >= planned) return true
  }

  return false
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
