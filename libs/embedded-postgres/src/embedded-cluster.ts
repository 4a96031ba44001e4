import { execFile } from 'node:child_process';
import { chown, mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { diskFullError, EmbeddedPostgresError, errnoCode, errorDetail, fileSystemError, oneLine } from './embedded-postgres.error';
import type { PostgresRuntime } from './postgres-binaries';

const execFileAsync = promisify(execFile);

export const SUPERUSER = 'postgres';

/** True when `cluster` holds an initialised PostgreSQL data directory. */
export async function clusterExists(cluster: string): Promise<boolean> {
  try {
    await stat(join(cluster, 'PG_VERSION'));
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw fileSystemError(error, cluster);
  }
}

/**
 * Runs initdb on first start. It writes into a side directory renamed into place at the end, so
 * a start killed half-way leaves no half-made cluster that later starts would trip over.
 */
export async function initialiseCluster(runtime: PostgresRuntime, cluster: string, password: string): Promise<void> {
  const staging = `${cluster}.initdb`;
  const pwfile = `${cluster}.pwfile`;
  try {
    await assertAbsentOrEmpty(cluster);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { mode: 0o700 });
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (runtime.runAs) {
      await chown(staging, runtime.runAs.uid, runtime.runAs.gid);
      await chown(pwfile, runtime.runAs.uid, runtime.runAs.gid);
    }
  } catch (error) {
    throw error instanceof EmbeddedPostgresError ? error : fileSystemError(error, cluster);
  }
  try {
    await execFileAsync(
      runtime.initdb,
      [
        `--pgdata=${staging}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The builtin provider sorts and cases Unicode without depending on the OS's locales,
        // so the same data behaves the same on every machine.
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        // English messages: start-up failures are recognised by their text.
        '--lc-messages=C',
      ],
      { ...(runtime.runAs ? { uid: runtime.runAs.uid, gid: runtime.runAs.gid } : {}), env: { ...process.env, LC_ALL: 'C' } },
    );
    await rename(staging, cluster);
  } catch (error) {
    const detail = errorDetail(error);
    if (/No space left/i.test(detail) || errnoCode(error) === 'ENOSPC') throw diskFullError(cluster);
    throw new EmbeddedPostgresError(
      `initdb failed in ${cluster} (${oneLine(detail)})`,
      'Fix that cause, or set PASSERELLE_DATA_DIR to another directory.',
    );
  } finally {
    await unlink(pwfile).catch(() => undefined);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function assertAbsentOrEmpty(cluster: string): Promise<void> {
  try {
    if ((await readdir(cluster)).length > 0) {
      throw new EmbeddedPostgresError(
        `${cluster} exists but is not a PostgreSQL data directory`,
        'Move it away so a fresh one can be created.',
      );
    }
    await rm(cluster, { recursive: true });
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
}

/**
 * Checks an existing cluster before starting it: made by the same major version, and owned by
 * the user that runs the server (root fixes ownership, e.g. after a first start as another user).
 */
export async function checkCluster(runtime: PostgresRuntime, cluster: string): Promise<void> {
  const made = Number((await readFile(join(cluster, 'PG_VERSION'), 'utf8')).trim());
  if (made !== runtime.majorVersion) {
    throw new EmbeddedPostgresError(
      `the data in ${cluster} was made by PostgreSQL ${made} but the installed binaries are PostgreSQL ${runtime.majorVersion}`,
      `Dump it with PostgreSQL ${made} and restore it, or delete the data directory to start empty.`,
    );
  }
  const owner = (await stat(cluster)).uid;
  const expected = runtime.runAs?.uid ?? process.getuid?.();
  if (expected === undefined || owner === expected) return;
  if (!runtime.runAs) {
    throw new EmbeddedPostgresError(
      `${cluster} belongs to another user (uid ${owner})`,
      'Start as that user, or set PASSERELLE_DATA_DIR to a directory of your own.',
    );
  }
  try {
    await execFileAsync('chown', ['-R', `${runtime.runAs.uid}:${runtime.runAs.gid}`, cluster]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `could not give ${cluster} to the '${runtime.runAs.name}' user (${oneLine(errorDetail(error))})`,
      `Run chown -R ${runtime.runAs.name} ${cluster}.`,
    );
  }
}
