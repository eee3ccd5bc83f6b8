/**
 * `@coursemark/cli`: the `coursemark` command as a function, for tests and
 * for programs that embed it.
 */

/** Run the command: arguments in, exit code out (0 clean, 1 problems found, 2 could not run). */
export {main} from './main.js'
/** Where `main` reads arguments and writes output. */
export type {MainOptions} from './types.js'
/** The shape of `coursemark lint --format json` (documented and stable). */
export type {JsonFile, JsonMessage} from './reporters/json.js'
