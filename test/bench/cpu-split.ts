import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/** CPU milliseconds used so far, by who used them. */
export type CpuSample = Map<string, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process or thread, in ms; 0 once it has gone. */
function cpuMs(statPath: string): number {
  try {
    const stat = readFileSync(statPath, 'utf8');
    // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * Where the CPU went (Linux only; elsewhere nothing): the server process by thread (its main
 * thread serves HTTP; the background thread runs the subscribers; V8's helper threads collect
 * garbage), every PostgreSQL process by its application_name or backend type, and the bench
 * process itself (the load driver).
 */
export async function sampleCpu(databaseUrl: string, serverPid: number | undefined): Promise<CpuSample> {
  const sample: CpuSample = new Map();
  if (process.platform !== 'linux') return sample;
  const add = (who: string, ms: number) => sample.set(who, (sample.get(who) ?? 0) + ms);
  add('bench client', cpuMs(`/proc/${process.pid}/stat`));
  if (serverPid !== undefined) {
    // Numbered in the order they were made (thread ids grow), the main thread first.
    const tids = readdirSync(`/proc/${serverPid}/task`)
      .map(Number)
      .sort((a, b) => a - b);
    tids.forEach((tid, rank) => add(`server thread ${rank}`, cpuMs(`/proc/${serverPid}/task/${tid}/stat`)));
  }
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-cpu-split' });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; who: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), backend_type) AS who FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
    );
    for (const row of rows) add(`postgres ${row.who}`, cpuMs(`/proc/${row.pid}/stat`));
  } finally {
    await client.end();
  }
  return sample;
}

/**
 * CPU ms per command between two samples, by who, largest first, with a total. Node names no
 * server thread: thread 0 serves HTTP; threads 1 to 6, made at start-up, are its platform threads
 * (V8's garbage collector and compiler helpers, for both threads' heaps); of those made later, the
 * one that used the most is the background thread, the others are libuv's pool.
 */
export function cpuPerCommand(before: CpuSample, after: CpuSample, commands: number): Record<string, number> {
  const used = new Map<string, number>();
  for (const [who, ms] of after) used.set(who, ms - (before.get(who) ?? 0));
  const laterThreads = [...used].filter(([who]) => who.startsWith('server thread ') && threadNumber(who) > 6);
  const background = laterThreads.reduce<[string, number] | undefined>((a, b) => (a && a[1] >= b[1] ? a : b), undefined)?.[0];
  const byWho = new Map<string, number>();
  for (const [who, ms] of used) {
    const label = !who.startsWith('server thread ')
      ? who
      : threadNumber(who) === 0
        ? 'api thread'
        : threadNumber(who) <= 6
          ? 'server V8 helper threads'
          : who === background
            ? 'background thread'
            : 'server libuv threads';
    byWho.set(label, (byWho.get(label) ?? 0) + ms);
  }
  const split = [...byWho].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
  const total = split.reduce((sum, [, ms]) => sum + ms, 0);
  const perCommand = (ms: number) => Math.round((ms / Math.max(commands, 1)) * 1000) / 1000;
  return Object.fromEntries([['total', perCommand(total)], ...split.map(([who, ms]) => [who, perCommand(ms)] as const)]);
}

const threadNumber = (who: string) => Number(who.slice('server thread '.length));
