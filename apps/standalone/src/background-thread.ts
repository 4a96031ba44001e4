import { Logger } from '@nestjs/common';
import type { RuntimeSettings } from '@passerelle/config';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { BackgroundWorkerData, FromBackground, ToBackground } from './background-messages';

const STOP_TIMEOUT_MS = 30_000;
const METRICS_TIMEOUT_MS = 2_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** V8 sizes a young generation as three semi-spaces: 192 MB is 64 MB semi-spaces. */
const YOUNG_GENERATION_MB = 192;

/**
 * The main thread's handle on the background thread (background-worker.ts). Started before the API
 * listens; restarted with a growing delay if it dies (its runners resume from their stored
 * checkpoints, so nothing is lost); stopped after the API on shutdown, letting runners commit.
 */
export class BackgroundThread {
  private readonly logger = new Logger('Background');
  private worker: Worker | null = null;
  private stopping = false;
  private failures = 0;
  private nextRequest = 0;
  private readonly pending = new Map<number, (metrics: MetricObjectWithValues<MetricValue<string>>[]) => void>();

  constructor(private readonly settings: RuntimeSettings) {}

  /** Resolves once the projector, relay and dispatcher run; rejects if the thread fails to start. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = this.spawn();
      // A thread that cannot start is not restarted: npm start reports why and stops.
      const fail = (reason: string) => {
        settle(() => {
          this.stopping = true;
          reject(new Error(`background services ${reason}`));
        });
      };
      const onMessage = (message: FromBackground) => {
        if (message.type === 'ready') settle(resolve);
        if (message.type === 'failed') fail(`failed to start: ${message.message}`);
      };
      const onExit = (code: number) => fail(`exited with code ${code} while starting`);
      const settle = (done: () => void) => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        done();
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
    });
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** The background thread's Prometheus metrics (projection lag, webhook attempts), or none if it does not answer. */
  metrics(): Promise<MetricObjectWithValues<MetricValue<string>>[]> {
    const worker = this.worker;
    if (!worker) return Promise.resolve([]);
    const requestId = ++this.nextRequest;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve([]);
      }, METRICS_TIMEOUT_MS);
      this.pending.set(requestId, (metrics) => {
        clearTimeout(timer);
        resolve(metrics);
      });
      worker.postMessage({ type: 'metrics', requestId } satisfies ToBackground);
    });
  }

  /** Asks the runners to commit and stop; terminates the thread if it has not ended in time. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies ToBackground);
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await ended;
    clearTimeout(timer);
  }

  private spawn(): Worker {
    const entry = workerEntry();
    const worker = new Worker(entry.file, {
      workerData: { settings: this.settings } satisfies BackgroundWorkerData,
      // A young generation of 3 × 64 MB semi-spaces: fewer scavenges of its large batches. The API
      // thread runs with 16 MB (package.json start): there a scavenge pauses every request in flight,
      // and larger ones made fewer but longer pauses (p99 at 32 clients 88–98 ms with 64 MB, 71–84
      // with 32; on another day 52–66 with 32 and 43–55 with 16: README's Benchmarks).
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      ...(entry.env ? { env: entry.env } : {}),
    });
    this.worker = worker;
    worker.on('message', (message: FromBackground) => {
      if (message.type === 'ready') this.failures = 0;
      if (message.type === 'metrics') this.pending.get(message.requestId)?.(message.metrics);
    });
    worker.on('error', (error) => this.logger.error(`background services failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      if (this.stopping) return;
      // Runners resume from their committed checkpoints: a restart loses and repeats nothing.
      const delay = Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** this.failures++);
      this.logger.error(`background services stopped (code ${code}); restarting in ${delay} ms`);
      setTimeout(() => {
        if (!this.stopping) this.spawn();
      }, delay).unref();
    });
    return worker;
  }
}

/**
 * The compiled worker next to this file. When this file runs from TypeScript sources (tests start
 * the real main through libs/runtime/src/testing/ts-main-hook.cjs, which compiles .ts on load and
 * then requires MAIN), the worker goes through that same entry script with MAIN pointing at it.
 */
function workerEntry(): { file: string; env?: NodeJS.ProcessEnv } {
  if (__filename.endsWith('.js')) return { file: join(__dirname, 'background-worker.js') };
  return { file: process.argv[1] ?? '', env: { ...process.env, MAIN: join(__dirname, 'background-worker.ts') } };
}
