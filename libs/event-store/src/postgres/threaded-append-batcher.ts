import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DuplicateEventIdError, WrongExpectedRevisionError, type AppendResult, type RecordedEvent } from '../event-store.port';
import type { AppendWriterData, FromWriter, SerialisedError, ToWriter } from './append-writer.messages';
import type { PlannedAppend } from './batch-plan';

interface Pending {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * The group-commit loop of AppendBatcher on a thread of its own (append-writer.worker.ts). Under
 * load the main event loop lags by milliseconds (32 clients: ~4 ms on average), and a batch makes
 * two round trips while it holds the head lock, so in the main thread a batch took ~13 ms and every
 * append waited for one and a half of them; on its own thread a batch takes about what PostgreSQL
 * takes. Same guarantees: it is the same AppendBatcher.
 */
export class ThreadedAppendBatcher {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private idleWaiters: Array<() => void> = [];
  private exited: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly onCommitted: (head: bigint, events: RecordedEvent[]) => void,
    private readonly onCommitting: (head: bigint) => void,
  ) {
    worker.on('message', (message: FromWriter) => this.receive(message));
    worker.on('exit', (code) => this.stopped(new Error(`the append writer thread stopped (code ${code})`)));
    worker.on('error', (error) => this.stopped(error));
  }

  static start(data: AppendWriterData, onCommitted: ThreadedAppendBatcher['onCommitted'], onCommitting: ThreadedAppendBatcher['onCommitting']): Promise<ThreadedAppendBatcher> {
    const entry = workerEntry();
    const worker = new Worker(entry.file, { workerData: data, ...(entry.env ? { env: entry.env } : {}) });
    return new Promise((resolvePromise, reject) => {
      const first = (message: FromWriter) => {
        worker.off('exit', early);
        if (message.type === 'ready') resolvePromise(new ThreadedAppendBatcher(worker, onCommitted, onCommitting));
        else reject(new Error(`the append writer thread failed to start: ${message.type === 'failed' ? message.message : message.type}`));
      };
      const early = (code: number) => reject(new Error(`the append writer thread exited (code ${code}) while starting`));
      worker.once('message', first);
      worker.once('exit', early);
    });
  }

  append(append: PlannedAppend): Promise<AppendResult> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.nextId;
    return new Promise<AppendResult>((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.worker.postMessage({ type: 'append', id, append } satisfies ToWriter);
    });
  }

  /** Resolves once every append sent so far is settled. */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolvePromise) => this.idleWaiters.push(resolvePromise));
  }

  /** Lets queued appends finish, then ends the thread and its connections. */
  async close(): Promise<void> {
    await this.idle();
    if (this.exited) return;
    const ended = new Promise<void>((resolvePromise) => this.worker.once('exit', () => resolvePromise()));
    this.worker.postMessage({ type: 'close' } satisfies ToWriter);
    await ended;
  }

  private receive(message: FromWriter): void {
    switch (message.type) {
      case 'settled':
        return this.settle(message.id, (pending) => pending.resolve(message.result));
      case 'refused':
        return this.settle(message.id, (pending) => pending.reject(revive(message.error)));
      case 'committing':
        return this.onCommitting(message.head);
      case 'committed':
        return this.onCommitted(message.head, message.events);
      default:
        return undefined;
    }
  }

  private settle(id: number, done: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    done(pending);
    if (this.pending.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** Appends in flight have an unknown fate: they fail, and a retry with the same event ids is safe. */
  private stopped(error: Error): void {
    this.exited ??= error;
    for (const [id, pending] of [...this.pending]) {
      this.pending.delete(id);
      pending.reject(error);
    }
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}

function revive(error: SerialisedError): Error {
  if (error.kind === 'wrong-revision') return new WrongExpectedRevisionError(error.streamName, error.expected, error.actual);
  if (error.kind === 'duplicate') return new DuplicateEventIdError(error.eventId);
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code ? { code: error.code } : {}) });
}

/**
 * The compiled worker next to this file. Run from TypeScript sources (jest), the worker goes
 * through libs/runtime/src/testing/ts-main-hook.cjs, which compiles .ts files on load and maps the
 * @passerelle aliases, then requires MAIN.
 */
function workerEntry(): { file: string; env?: NodeJS.ProcessEnv } {
  if (__filename.endsWith('.js')) return { file: join(__dirname, 'append-writer.worker.js') };
  const root = resolve(__dirname, '../../../..');
  const cache = join(tmpdir(), 'passerelle-ts-main-cache');
  mkdirSync(cache, { recursive: true });
  return {
    file: join(root, 'libs/runtime/src/testing/ts-main-hook.cjs'),
    env: {
      ...process.env, TS_PATH: require.resolve('typescript'), ROOT: root, CACHE_DIR: cache,
      MAIN: join(__dirname, 'append-writer.worker.ts'),
    },
  };
}
