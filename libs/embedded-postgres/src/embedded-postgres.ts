import { unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { checkCluster, clusterExists, initialiseCluster, SUPERUSER } from './embedded-cluster';
import { embeddedPaths, prepareDataDir, readOrCreatePassword } from './embedded-data-dir';
import { EmbeddedPostgresError, fileSystemError, oneLine } from './embedded-postgres.error';
import { choosePort } from './embedded-port';
import { recoverOrphan } from './orphan-recovery';
import { preparePostgresRuntime } from './postgres-binaries';
import { startPostmaster } from './postmaster';

export interface EmbeddedPostgresOptions {
  /** Data lives in `<dataDir>/pg`, with `pg-password` and `pg-port` beside it. */
  dataDir: string;
  /** Fixed port; it must be free. Default: PASSERELLE_EMBEDDED_PG_PORT, else 54329 or the remembered one. */
  port?: number;
  /** Where the one-line notices go (orphan recovery, a port change, an unexpected stop). Default: console.log. */
  log?: (line: string) => void;
  /** false turns fsync off: for throw-away test servers only. Default true. */
  durable?: boolean;
  /**
   * true (default): the server has its own process group, so a terminal's Ctrl-C reaches only
   * node, which drains and then stops it. Tests pass false: an interrupted run then takes its
   * servers down with it instead of leaving them behind on temporary directories.
   */
  detached?: boolean;
}

export interface EmbeddedPostgres {
  /**
   * `postgres://…@127.0.0.1:<port>/passerelle?host=<its data directory>`, with the generated
   * password: pg connects through the Unix socket there (without `?host=`, where there is none).
   */
  url: string;
  port: number;
  dataDir: string;
  /** True when this start created the cluster: the caller says where the new data lives. */
  created: boolean;
  /** Fast shutdown; idempotent. */
  stop(): Promise<void>;
}

export const APP_DATABASE = 'passerelle';

/**
 * Starts the PostgreSQL 18 shipped in node_modules so that `npm start` needs no database server.
 * First start creates the cluster; later starts reuse it. A server orphaned by a killed node is
 * stopped first. Every failure is an EmbeddedPostgresError with a one-line message.
 *
 * Warning: the server outlives node if node is killed with SIGKILL (the next start recovers);
 * call `stop()` on shutdown, or `stopOnSignals(server)` where nothing else handles signals.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  try {
    return await start(options);
  } catch (error) {
    // Each step names its own failures; this keeps the one-line promise for anything unforeseen.
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `could not start (${oneLine(error)})`,
      'Fix that cause, or set DATABASE_URL to use your own PostgreSQL.',
    );
  }
}

async function start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? ((line: string) => console.log(line));
  const paths = embeddedPaths(dataDir);
  const runtime = await preparePostgresRuntime(log);
  await prepareDataDir(dataDir, runtime.runAs);
  const existed = await clusterExists(paths.cluster);
  const password = await readOrCreatePassword(dataDir, existed);
  if (existed) {
    await recoverOrphan(paths.cluster, paths.owner, log);
    await checkCluster(runtime, paths.cluster);
  } else {
    await initialiseCluster(runtime, paths.cluster, password);
  }
  const port = await choosePort(options.port, paths.port, log);
  const socketDirectory = socketDirectoryOf(paths.cluster, port);
  const postmaster = await startPostmaster(runtime, {
    cluster: paths.cluster,
    port,
    durable: options.durable ?? true,
    detached: options.detached ?? true,
    log,
    socketDirectory,
  });

  // If node exits without stop() (process.exit, an uncaught error), ask for a fast shutdown
  // synchronously: the server then finishes stopping on its own instead of lingering.
  const onExit = () => {
    if (postmaster.exited()) return;
    try {
      process.kill(postmaster.pid, 'SIGINT');
    } catch {
      // It exited meanwhile.
    }
  };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', onExit);
      await postmaster.stop();
      await unlink(paths.owner).catch(() => undefined);
    })());

  const server = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  // pg reads `host` from the query: the socket's directory, the port naming its file.
  const onSocket = socketDirectory === undefined ? '' : `?host=${encodeURIComponent(socketDirectory)}`;
  await writeFile(paths.owner, `${process.pid}\n`).catch(async (error: unknown) => {
    await stop();
    throw fileSystemError(error, paths.owner);
  });
  await ensureDatabase(`${server}/postgres${onSocket}`, APP_DATABASE).catch(async (error: unknown) => {
    await stop();
    throw new EmbeddedPostgresError(
      `the server started but the ${APP_DATABASE} database could not be created (${oneLine(error)})`,
      `If ${paths.password} was changed, restore it.`,
    );
  });
  return { url: `${server}/${APP_DATABASE}${onSocket}`, port, dataDir, created: !existed, stop };
}

/**
 * The network reaches its embedded server through a Unix socket in the server's own data directory
 * (which only the server's user may enter, or root), and anything else through 127.0.0.1: a local
 * socket spares both sides the TCP stack on every round trip (test/bench: commands, rebuild). None
 * on Windows, or where the socket's path would pass the 107 bytes a Unix socket's name can hold.
 */
function socketDirectoryOf(cluster: string, port: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  return Buffer.byteLength(join(cluster, `.s.PGSQL.${port}.lock`)) <= 107 ? cluster : undefined;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
