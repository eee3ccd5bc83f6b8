/**
 * Rules that do not apply to a format: a rule that requires a part of a
 * lesson (objectives, an assignment, resources, a time) is off for a format
 * whose profile has no place for that part. freeCodeCamp challenges have no
 * objectives and no time; Odin lessons have no time. Read from the profile's
 * fields, so a profile is the one place that says what a format holds.
 */

/** The parts of a lesson a rule needs. */
export type LessonPart = 'objectives' | 'assignment' | 'resources' | 'time'

/** The fields of a profile (core's `Profile`) that say where each part lives. */
export interface ProfileParts {
  frontmatter: {objectives: readonly string[]}
  headings: {objectives: readonly string[]; assignment: readonly string[]; resources: readonly string[]}
  time: {keys: ReadonlyArray<readonly string[]>}
  divs: boolean
}

/** Rule id -> the part of a lesson it needs (plain data, as a preset). */
export const ruleNeeds: Readonly<Record<string, LessonPart>> = {
  'objectives-present': 'objectives',
  'objectives-count': 'objectives',
  'objective-measurable-verb': 'objectives',
  'assignment-present': 'assignment',
  'assignment-has-steps': 'assignment',
  'resources-present': 'resources',
  'time-matches-content': 'time',
  'time-hours-consistent': 'time'
}

/** Whether a format's lessons have a place for `part`. */
export function hasPart(profile: ProfileParts, part: LessonPart): boolean {
  switch (part) {
    case 'objectives': {
      return profile.frontmatter.objectives.length > 0 || profile.headings.objectives.length > 0 || profile.divs
    }

    case 'assignment': {
      return profile.headings.assignment.length > 0 || profile.divs
    }

    case 'resources': {
      return profile.headings.resources.length > 0
    }

    case 'time': {
      return profile.time.keys.length > 0
    }
  }
}

/** The ids of the rules that do not apply to a format, in `ruleNeeds` order. */
export function rulesNotApplying(profile: ProfileParts): string[] {
  return Object.entries(ruleNeeds)
    .filter(([, part]) => !hasPart(profile, part))
    .map(([id]) => id)
}
