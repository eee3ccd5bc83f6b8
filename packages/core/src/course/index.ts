/**
 * The course model: a curriculum repository as one typed object (the site's
 * order and modules, each lesson's minutes and objectives, what is missing
 * and what no order lists).
 */
export {parseCourse} from './parse-course.js'
export type {CourseOptions} from './parse-course.js'
export type * from './types.js'
