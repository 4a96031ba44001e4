import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CACHE_DIR = join(tmpdir(), 'passerelle-ts-main-cache');

export interface ServiceProcess {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** Resolves once stdout or stderr matched; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `apps/<app>/src/main.ts` in its own node process with exactly `env` (plus PATH): no
 * variable of the test run leaks in, so each case states the whole environment it starts with.
 */
export function spawnService(app: string, env: Record<string, string>): ServiceProcess {
  mkdirSync(CACHE_DIR, { recursive: true });
  const child = spawn(process.execPath, [join(__dirname, 'ts-main-hook.cjs')], {
    env: {
      PATH: process.env.PATH ?? '',
      TS_PATH: require.resolve('typescript'),
      ROOT,
      CACHE_DIR,
      MAIN: join(ROOT, 'apps', app, 'src', 'main.ts'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const seen = () => watchers.forEach((watch) => watch());
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    seen();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    seen();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolvePromise, reject) => {
      const watch = () => {
        if (!pattern.test(stdout) && !pattern.test(stderr)) return;
        watchers.delete(watch);
        resolvePromise();
      };
      watchers.add(watch);
      watch();
      void exited.then(({ code }) => reject(new Error(`${app} exited (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`)));
    });
  return { child, output: () => ({ stdout, stderr }), waitFor, exited };
}

/** Runs the service until it exits on its own (a refused start), killing it after `limitMs`. */
export async function runUntilExit(
  app: string,
  env: Record<string, string>,
  limitMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const service = spawnService(app, env);
  const timer = setTimeout(() => service.child.kill('SIGKILL'), limitMs);
  const { code } = await service.exited;
  clearTimeout(timer);
  return { code, ...service.output() };
}
