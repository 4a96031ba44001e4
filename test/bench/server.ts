import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@passerelle/embedded-postgres';
import { Client } from 'pg';

/** The node flags of `npm start` (package.json): the server runs as a user starts it. */
const START_FLAGS = ['--max-semi-space-size=16'];

export interface BenchServer {
  port: number;
  adminKey: string;
  databaseUrl: string;
  description: string;
  /** The server process's id, for the CPU split. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * The network as `npm start` runs it (one process, every app), in a child process so that the load
 * driver does not share its event loop. With no DATABASE_URL it uses a fresh embedded PostgreSQL,
 * which is the embedded default being measured; the baseline runs against that same server.
 */
export async function startBenchServer(options: { profileDir?: string | undefined } = {}): Promise<BenchServer> {
  const scratch = await mkdtemp(join(tmpdir(), 'passerelle-bench-'));
  const external = process.env.DATABASE_URL;
  const embedded = external
    ? null
    : await startEmbeddedPostgres({
        dataDir: scratch,
        port: await freePort(),
        log: () => {
          // PostgreSQL's own output stays out: the bench prints one JSON document.
        },
      });
  const serverUrl = embedded ? embedded.url : (external ?? '');
  const databaseUrl = await freshDatabase(serverUrl);
  const port = await freePort();
  const adminKey = `psk_${randomBytes(32).toString('base64url')}`;
  const main = resolve(__dirname, '../../apps/standalone/src/main.js');
  const child = spawn(process.execPath, [...START_FLAGS, ...profileArgs(options.profileDir), main], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // The load comes from a few keys on one address, far beyond a partner's default limits.
      PASSERELLE_RATE_LIMIT_PER_KEY: 'off',
      PASSERELLE_RATE_LIMIT_PER_ADDRESS: 'off',
      PASSERELLE_BOOTSTRAP_ADMIN_KEY: adminKey,
      PASSERELLE_MASTER_KEY: randomBytes(32).toString('base64'),
      PASSERELLE_LINKAGE_KEY: randomBytes(32).toString('base64'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(port, child);
  return {
    port,
    adminKey,
    databaseUrl,
    pid: child.pid,
    description: embedded
      ? 'embedded PostgreSQL 18 (npm start default), the npm start process in a child (API thread + background thread)'
      : 'PostgreSQL from DATABASE_URL, the npm start process in a child (API thread + background thread)',
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await embedded?.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become healthy within 60 s');
}

/** `--profile DIR`: the server writes a V8 CPU profile (.cpuprofile, open it in Chrome DevTools) there when it stops. */
function profileArgs(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}
