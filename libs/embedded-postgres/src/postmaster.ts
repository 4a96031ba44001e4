import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { diskFullError, EmbeddedPostgresError, oneLine } from './embedded-postgres.error';
import type { PostgresRuntime } from './postgres-binaries';

export interface Postmaster {
  pid: number;
  /** Whether the server has exited. */
  exited(): boolean;
  /** Stops it with a fast shutdown (open transactions roll back, data is safe). Idempotent. */
  stop(): Promise<void>;
}

export interface PostmasterOptions {
  cluster: string;
  port: number;
  /** false trades crash safety for speed (tests): fsync and synchronous commit off. */
  durable: boolean;
  /** Own process group: a Ctrl-C meant for node does not reach the server. */
  detached: boolean;
  /** Receives FATAL/PANIC lines after start-up; the rest of the server log is kept out of the app's. */
  log: (line: string) => void;
  /** Where it also listens on a Unix socket (embedded-postgres.ts says which); none: TCP only. */
  socketDirectory?: string;
}

const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 120_000;

/** Spawns the server and resolves once it accepts connections, or rejects with the cause. */
export function startPostmaster(runtime: PostgresRuntime, options: PostmasterOptions): Promise<Postmaster> {
  const { cluster, port } = options;
  const settings = [
    'listen_addresses=127.0.0.1',
    // Never in /tmp or /var/run, where a machine PostgreSQL's socket could collide with it.
    `unix_socket_directories=${options.socketDirectory ?? ''}`,
    // One process runs every app, each with its own pool, plus jest workers in tests.
    'max_connections=200',
    'lc_messages=C',
    ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  const child = spawn(runtime.postgres, ['-D', cluster, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
    ...(runtime.runAs ? { uid: runtime.runAs.uid, gid: runtime.runAs.gid } : {}),
    detached: options.detached,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const recent: string[] = [];
  let ready = false;
  let stopping = false;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = once(async () => {
    stopping = true;
    await terminate(child.pid ?? 0, exit, () => exited);
  });

  return new Promise<Postmaster>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (!exited) child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new EmbeddedPostgresError(
            `the server did not become ready within ${START_TIMEOUT_MS / 1000} s (last log line: ${recent.at(-1) ?? 'none'})`,
            'Check the disk and memory, then start again.',
          ),
        ),
      START_TIMEOUT_MS,
    );
    let partial = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        // Closing the sessions still open is what a requested fast shutdown does: not news.
        const expectedOnStop = stopping && line.includes('terminating connection due to administrator command');
        if (ready && /\b(FATAL|PANIC):/.test(line) && !expectedOnStop) options.log(`Embedded PostgreSQL: ${line}`);
        if (!ready && line.includes(READY)) {
          ready = true;
          clearTimeout(timer);
          resolve({ pid: child.pid ?? 0, exited: () => exited, stop });
        }
      }
    });
    child.on('error', (error) => {
      if (!ready)
        fail(
          new EmbeddedPostgresError(
            `could not run ${runtime.postgres} (${oneLine(error)})`,
            'Reinstall with npm install, or set DATABASE_URL.',
          ),
        );
    });
    child.once('exit', (code, signal) => {
      exited = true;
      if (!ready) fail(explainStartupFailure(recent, port, cluster, signal ?? `code ${code}`));
      else if (!stopping)
        options.log(
          `Embedded PostgreSQL: the server stopped unexpectedly (${signal ?? `code ${code}`}); the app cannot reach its database`,
        );
    });
  });
}

/** Names the cause of a failed start from the server's own log, as one line. */
export function explainStartupFailure(lines: string[], port: number, cluster: string, how: string): EmbeddedPostgresError {
  const log = lines.join('\n');
  if (/Address already in use|could not create any TCP\/IP sockets/.test(log)) {
    return new EmbeddedPostgresError(
      `port ${port} is already in use`,
      'Stop what listens there, or set PASSERELLE_EMBEDDED_PG_PORT to a free port.',
    );
  }
  const lock = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(log);
  if (lock) {
    return new EmbeddedPostgresError(
      `another server (PID ${lock[1]}) is using ${cluster}`,
      `Stop it (kill ${lock[1]}), or set PASSERELLE_DATA_DIR to another directory.`,
    );
  }
  if (log.includes('No space left on device')) return diskFullError(cluster);
  if (/has wrong ownership|has invalid permissions|Permission denied/.test(log)) {
    return new EmbeddedPostgresError(
      `permission problem on ${cluster} (${lastFatal(lines)})`,
      'Make the directory belong to the user running PostgreSQL, or set PASSERELLE_DATA_DIR elsewhere.',
    );
  }
  if (log.includes('shared memory')) {
    return new EmbeddedPostgresError(
      `not enough shared memory (${lastFatal(lines)})`,
      'Free some memory or raise the kernel shared-memory limits.',
    );
  }
  return new EmbeddedPostgresError(
    `the server exited during start-up (${how}: ${lastFatal(lines)})`,
    `Fix that cause and start again; deleting ${cluster} starts afresh but loses its data.`,
  );
}

const lastFatal = (lines: string[]): string =>
  [...lines]
    .reverse()
    .find((l) => /\b(FATAL|PANIC|ERROR):/.test(l))
    ?.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '') ??
  lines.filter(Boolean).at(-1) ??
  'no output';

/**
 * SIGINT is PostgreSQL's fast shutdown. A server that ignores it for 10 s gets SIGQUIT
 * (immediate: crash recovery on next start, still no data loss), then SIGKILL.
 */
export async function terminate(pid: number, exit: Promise<void>, hasExited: () => boolean): Promise<void> {
  if (!(pid > 0)) return; // kill(0) or kill(-n) would signal a whole process group
  for (const [signal, waitMs] of [
    ['SIGINT', 10_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (hasExited()) return;
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    if (await Promise.race([exit.then(() => true), sleep(waitMs, false, { ref: false })])) return;
  }
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => (running ??= fn());
}
