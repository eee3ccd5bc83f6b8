/** Why a config cannot be used, and how a file system error is told in one line. */

/** A config that cannot be read or is invalid: a one-line summary and one line per problem. */
export class ConfigError extends Error {
  /** Lines to print before the one-line summary (config diagnostics). */
  readonly details: string[]

  constructor(message: string, details: string[] = []) {
    super(message)
    this.name = 'ConfigError'
    this.details = details
  }
}

/** Describe a file system error in one line: `ENOENT: no such file`. */
export function describeFsError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const known: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a directory',
      ENOTDIR: 'a part of the path is not a directory',
      ELOOP: 'too many symbolic links (a symlink loop?)',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on device',
      EEXIST: 'file exists',
      ENAMETOOLONG: 'name too long',
      EMFILE: 'too many open files'
    }
    return `${error.code}: ${known[error.code] ?? 'file system error'}`
  }

  return error instanceof Error ? error.message : String(error)
}
