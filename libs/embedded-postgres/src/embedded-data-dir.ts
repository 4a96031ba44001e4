import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';
import { EmbeddedPostgresError, errnoCode, fileSystemError } from './embedded-postgres.error';
import type { RunAs } from './postgres-binaries';

/** Layout of the embedded server's part of the data directory. */
export const embeddedPaths = (dataDir: string) => ({
  cluster: join(dataDir, 'pg'),
  password: join(dataDir, 'pg-password'),
  port: join(dataDir, 'pg-port'),
  /** PID of the node process running the server, to tell a live owner from an orphan. */
  owner: join(dataDir, 'pg-owner'),
});

/**
 * Creates the data directory and makes sure the server's user can reach it. As root the server
 * runs as `postgres`, which must traverse every parent: we add the traverse bit (not read) to
 * the data directory we own, but never loosen a parent such as /root behind the user's back.
 */
export async function prepareDataDir(dataDir: string, runAs: RunAs | undefined): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    if (!runAs) return;
    const own = await stat(dataDir);
    if (!canTraverse(own, runAs)) await chmod(dataDir, (own.mode & 0o7777) | 0o001);
  } catch (error) {
    throw fileSystemError(error, dataDir);
  }
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    if (!canTraverse(await stat(dir), runAs)) {
      throw new EmbeddedPostgresError(
        `the '${runAs.name}' user that runs PostgreSQL cannot enter ${dir}, which holds the data directory ${dataDir}`,
        `Set PASSERELLE_DATA_DIR to a directory outside it (e.g. /var/lib/passerelle), or chmod o+x ${dir}.`,
      );
    }
    if (dir === parse(dir).root) return;
  }
}

function canTraverse(info: { uid: number; gid: number; mode: number }, user: RunAs): boolean {
  if (info.uid === user.uid) return (info.mode & 0o100) !== 0;
  if (user.groups.includes(info.gid)) return (info.mode & 0o010) !== 0;
  return (info.mode & 0o001) !== 0;
}

/**
 * The superuser password, generated once: the cluster keeps its hash, so losing this file while
 * keeping the cluster locks us out, which is said plainly rather than failing at login.
 */
export async function readOrCreatePassword(dataDir: string, clusterExists: boolean): Promise<string> {
  const file = embeddedPaths(dataDir).password;
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw fileSystemError(error, file);
  }
  if (clusterExists) {
    throw new EmbeddedPostgresError(
      `${file} is missing but the database in ${embeddedPaths(dataDir).cluster} exists, so its password is lost`,
      'Restore the file, or delete the data directory to start with an empty database.',
    );
  }
  const password = randomBytes(24).toString('base64url');
  try {
    await writeFile(file, `${password}\n`, { mode: 0o600 });
  } catch (error) {
    throw fileSystemError(error, file);
  }
  return password;
}
