import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresError, errnoCode, fileSystemError } from './embedded-postgres.error';
import { isAlive, processInfo } from './process-info';
import { terminate } from './postmaster';

/**
 * When node is killed with SIGKILL (OOM killer, `kill -9`, a crashed terminal) its server keeps
 * running, holds the lock file and the port, and the next start would fail. Before starting we
 * look at the lock file: a server on our cluster whose node parent is gone is stopped cleanly
 * (fast shutdown, so nothing committed is lost); a lock file whose PID is dead or now another
 * program is removed. A server whose owner is still alive is left alone: that is a second start
 * on the same data directory, reported as such.
 */
export async function recoverOrphan(cluster: string, ownerFile: string, log: (line: string) => void): Promise<void> {
  const lockFile = join(cluster, 'postmaster.pid');
  const pid = Number((await readOptional(lockFile))?.split('\n')[0]);
  if (!pid) return;
  const server = processInfo(pid);
  if (!server || !isPostgresOn(server.command, cluster)) {
    await unlink(lockFile).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') throw fileSystemError(error, lockFile);
    });
    log(`Embedded PostgreSQL: removed a stale lock file (PID ${pid} ${server ? 'is now another program' : 'is no longer running'})`);
    return;
  }
  const owner = Number(await readOptional(ownerFile));
  const parent = server.ppid > 1 ? processInfo(server.ppid) : undefined;
  if (parent && (server.ppid === owner || parent.name.startsWith('node'))) {
    throw new EmbeddedPostgresError(
      `another process (PID ${server.ppid}) is already running the server on ${cluster}`,
      'Stop it first, or give this one another PASSERELLE_DATA_DIR.',
    );
  }
  await terminate(pid, waitUntilGone(pid), () => !isAlive(pid));
  if (isAlive(pid)) {
    throw new EmbeddedPostgresError(
      `could not stop the orphaned server (PID ${pid}) on ${cluster}`,
      `Stop it by hand (kill -9 ${pid}) and start again.`,
    );
  }
  log(`Embedded PostgreSQL: stopped an orphaned server (PID ${pid}) left running on ${cluster} by a run that was killed`);
}

const isPostgresOn = (command: string, cluster: string): boolean =>
  /(^|\/)postgres(\.exe)?(\s|$)/.test(command) && ` ${command} `.includes(` -D ${cluster} `);

/** Resolves once the PID is gone; gives up polling after terminate's own patience (20 s). */
async function waitUntilGone(pid: number): Promise<void> {
  for (const deadline = Date.now() + 25_000; isAlive(pid) && Date.now() < deadline;) await sleep(50);
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw fileSystemError(error, file);
  }
}
