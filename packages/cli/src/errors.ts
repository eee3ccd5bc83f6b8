/** Errors that stop a command with exit code 2 and one clear line. */

/** A reason the command cannot run: bad arguments, bad config, unreadable input. */
export class RunError extends Error {
  /** Lines to print before the one-line summary (config diagnostics). */
  readonly details: string[]

  constructor(message: string, details: string[] = []) {
    super(message)
    this.name = 'RunError'
    this.details = details
  }
}

export {describeFsError} from '@coursemark/remark-plugin/config'
