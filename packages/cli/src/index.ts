/**
 * `@coursemark/cli`: the `coursemark` command as a function, for tests and
 * for programs that embed it.
 */
export {main} from './main.js'
export type {MainOptions} from './main.js'
