/** Test helpers: the Course schema validator, and a Course without positions (what fixtures' `course.expected.json` hold). */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import type {Course, CourseLesson} from '../../src/index.js'

const schema = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../schemas/${name}`, import.meta.url)), 'utf8')) as object

/** Validate a course against `schemas/course.schema.json` (which refers to the Checkpoint schema); returns ajv's errors or `[]`. */
export const validateCourse = (() => {
  const ajv = new Ajv2020({allErrors: true, strict: true, allowUnionTypes: true})
  ajv.addSchema(schema('checkpoint.schema.json'))
  const validate = ajv.compile(schema('course.schema.json'))
  return (course: unknown) => {
    // What `coursemark course --format json` prints: the JSON text, read back.
    const ok = validate(JSON.parse(JSON.stringify(course)))
    return ok ? [] : (validate.errors ?? [])
  }
})()

/** A lesson with its objectives as text. */
function brief(lesson: CourseLesson) {
  return {...lesson, objectives: lesson.objectives.map((objective) => objective.text)}
}

/** The course with objectives as text and prerequisites without positions. */
export function withoutPositions(course: Course) {
  return {
    ...course,
    modules: course.modules.map((module) => ({...module, lessons: module.lessons.map(brief)})),
    orphans: course.orphans.map(brief),
    prerequisites: course.prerequisites.map(({path, text}) => ({path, text}))
  }
}
