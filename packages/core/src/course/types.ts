/**
 * The Course model: the lessons of a curriculum repository in the site's
 * order, by module, with their minutes, and what the order lists but the
 * repository lacks. Plain JSON: `JSON.stringify(course)` is what `coursemark
 * course --format json` prints and what `schemas/course.schema.json`
 * validates.
 */
import type {Objective, Position} from '../model/checkpoint.js'
import type {FormatName} from '../profiles.js'
import type {FileKind, ListEntry, SiteFlavour} from '../site/types.js'

/** One lesson, break or project of the course. */
export interface CourseLesson {
  /** Path relative to the course folder, with `/` (`episodes/01-intro.md`). */
  path: string
  /** What the site model says the file is (`lesson`, `break`, `project`; `draft` for an unlisted one). */
  kind: FileKind
  /** The lesson's title: the Checkpoint's `title`, else its first level-1 heading, else the site's title of the page (Odin's, from the file name); `null` when none. */
  title: string | null
  /** Minutes as the format counts them (the Checkpoint's `timeMinutes`); `null` when the lesson gives none. */
  timeMinutes: number | null
  objectives: Objective[]
  uuid: string | null
}

/** A module of the course: its lessons in the site's order. */
export interface CourseModule {
  title: string | null
  /** The folder or file that defines the module (a Hugo section's `_index.md`); `null` when none does. */
  path: string | null
  /** The sum of its lessons' minutes (a lesson without minutes counts 0). */
  timeMinutes: number
  lessons: CourseLesson[]
}

/** A prerequisite a lesson states (a `::: prereq` block, `prerequisites` in the frontmatter). */
export interface Prerequisite {
  /** The lesson that states it. */
  path: string
  /** Its text as written, fences and quote markers removed. */
  text: string
  /** Where it is written in the lesson. */
  position: Position | null
}

/** A curriculum as one object. */
export interface Course {
  /** The lesson format (profile) of its lessons. */
  format: FormatName
  /** The site generator or layout the site model found. */
  flavour: SiteFlavour
  /** The course's title, from the site's config; `null` when it has none. */
  title: string | null
  /** The sum of the modules' minutes. */
  timeMinutes: number
  /** The modules in the site's order; a format without modules has one. */
  modules: CourseModule[]
  /** Entries the order lists that the repository does not have, at the list entry. */
  missing: ListEntry[]
  /** Lesson files no order lists (only where the format lists its lessons explicitly). */
  orphans: CourseLesson[]
  prerequisites: Prerequisite[]
}
