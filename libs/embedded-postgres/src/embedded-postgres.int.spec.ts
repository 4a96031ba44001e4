import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './embedded-port';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { isAlive } from './process-info';

/** The server's notices, kept to assert what the user would read. */
const notices: string[] = [];
const log = (line: string) => notices.push(line);

async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** A server with one table and one row, stopped: what a previous `npm start` leaves behind. */
async function previousRun(dataDir: string, port: number): Promise<void> {
  const server = await startEmbeddedPostgres({ dataDir, port, log, detached: false });
  await sql(server.url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')");
  await server.stop();
}

const notes = (server: EmbeddedPostgres) => sql(server.url, 'SELECT body FROM notes');

describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  let port: number;
  const running: EmbeddedPostgres[] = [];
  const start = async (options: { port?: number } = { port }) => {
    // Not detached: a Ctrl-C on the test run stops these servers too.
    const server = await startEmbeddedPostgres({ dataDir, log, detached: false, ...options });
    running.push(server);
    return server;
  };

  beforeEach(async () => {
    // Under /tmp: as root the server runs as `postgres`, which must be able to enter the path.
    dataDir = await mkdtemp(join(tmpdir(), 'passerelle-embedded-'));
    port = await freePort();
    notices.length = 0;
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the passerelle database and finds its data again on a second start', async () => {
    const first = await start();
    expect(first.created).toBe(true);
    expect(new URL(first.url).pathname).toBe('/passerelle');
    await sql(first.url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')");
    await first.stop();
    const second = await start();
    expect(second.created).toBe(false);
    expect(await notes(second)).toEqual([{ body: 'kept' }]);
    expect((await stat(join(dataDir, 'pg-password'))).mode & 0o777).toBe(0o600);
  });

  it('recovers the server orphaned by a node process killed with SIGKILL', async () => {
    await previousRun(dataDir, port);
    const orphan = await startInChildAndKillIt(dataDir, port);
    expect(isAlive(orphan)).toBe(true); // the situation that used to fail with `FAILED: undefined`
    const server = await start();
    expect(await notes(server)).toEqual([{ body: 'kept' }]);
    expect(notices).toContainEqual(expect.stringContaining(`stopped an orphaned server (PID ${orphan})`));
    expect(isAlive(orphan)).toBe(false);
  });

  it('removes a lock file whose PID now belongs to another program', async () => {
    await previousRun(dataDir, port);
    const other = spawn('sleep', ['60']);
    try {
      await writeFile(join(dataDir, 'pg', 'postmaster.pid'), `${other.pid}\n${join(dataDir, 'pg')}\n`);
      const server = await start();
      expect(await notes(server)).toEqual([{ body: 'kept' }]);
      expect(notices).toContainEqual(expect.stringContaining(`removed a stale lock file (PID ${other.pid} is now another program)`));
    } finally {
      other.kill();
    }
  });

  it('refuses a second start on a data directory whose server is running, in one line', async () => {
    await start();
    const second = startEmbeddedPostgres({ dataDir, port: await freePort(), log, detached: false });
    await expect(second).rejects.toThrow(
      /^Embedded PostgreSQL: another process \(PID \d+\) is already running the server on .*PASSERELLE_DATA_DIR\.$/,
    );
  });

  it('refuses an explicit port held by another program, in one line', async () => {
    const squatter = await listen(port);
    try {
      await expect(start()).rejects.toThrow(/^Embedded PostgreSQL: port \d+ is already in use\. [^\n]*PASSERELLE_EMBEDDED_PG_PORT[^\n]*$/);
    } finally {
      squatter.close();
    }
  });

  it('moves off the default port when another program holds it, and keeps the new port', async () => {
    const saved = process.env.PASSERELLE_EMBEDDED_PG_PORT;
    delete process.env.PASSERELLE_EMBEDDED_PG_PORT;
    // Someone may already use 54329 on this machine: then it is held anyway, which is the case under test.
    const squatter = await listen(54329).catch(() => undefined);
    try {
      const first = await start({});
      expect(first.port).not.toBe(54329);
      expect(Number(await readFile(join(dataDir, 'pg-port'), 'utf8'))).toBe(first.port);
      await first.stop();
      squatter?.close();
      const second = await start({});
      expect(second.port).toBe(first.port);
    } finally {
      squatter?.close();
      if (saved !== undefined) process.env.PASSERELLE_EMBEDDED_PG_PORT = saved;
    }
  });
});

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}

/**
 * Starts the server through embedded-postgres' own wrapper in a plain node child (ts code cannot
 * run outside jest here), then SIGKILLs that child: its postmaster keeps running, orphaned.
 * Returns the orphan's PID.
 */
async function startInChildAndKillIt(dataDir: string, port: number): Promise<number> {
  const script = join(dataDir, 'child.cjs');
  await writeFile(
    script,
    `const [entry, databaseDir, port] = process.argv.slice(2);
import(require('node:url').pathToFileURL(entry).href).then(async ({ default: EmbeddedPostgres }) => {
  const pg = new EmbeddedPostgres({ databaseDir, port: Number(port), createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], onLog: () => {}, onError: () => {} });
  await pg.start();
  console.log('ready');
});`,
  );
  const child = spawn(process.execPath, [script, require.resolve('embedded-postgres'), join(dataDir, 'pg'), String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await readyLine(child);
  child.kill('SIGKILL');
  await once(child, 'exit');
  return Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

function readyLine(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before the server was ready: ${stderr}`)));
  });
}
