import {
  CheckpointBeyondHeadError,
  type ReadAllOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';
import type { WakeUpSignal } from './wake-up-signal';

/** How long a caught-up subscription sleeps when no wake-up arrives (a lost NOTIFY, a dead LISTEN). */
const FALLBACK_POLL_MS = 500;
const DEFAULT_BATCH_SIZE = 256;

export interface SubscriptionSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The last committed position, checked once against the checkpoint before the first read. */
  headPosition(): Promise<bigint>;
  signal: WakeUpSignal;
  /** Called before each wait so that a lost LISTEN connection gets re-opened. */
  listen(): void;
}

/**
 * Catch-up subscription: reads pages after the checkpoint and hands them to the handler one at a
 * time, then waits for a wake-up and reads again. It refuses a checkpoint past the head. It never skips an event because the store's
 * positions are gapless and commit in order (see AppendBatcher), so "after my checkpoint" is
 * always complete; it never repeats one because the checkpoint moves only after the handler
 * resolved.
 *
 * WARNING: do not await `stop()` from inside the handler: stop waits for the handler to finish.
 */
export class PostgresSubscription implements Subscription {
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    options: SubscriptionOptions,
  ) {
    this.done = this.run(options);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.done;
  }

  private async run({ after, handler, batchSize, onError }: SubscriptionOptions): Promise<void> {
    const pageSize = batchSize ?? DEFAULT_BATCH_SIZE;
    let checkpoint = after ?? -1n;
    try {
      // A checkpoint past the head would wait, silently, until the store grows past it and then
      // skip every event up to it: refused, as on EventStoreDB (see CheckpointBeyondHeadError).
      if (checkpoint >= 0n) {
        const head = await this.source.headPosition();
        if (checkpoint > head) throw new CheckpointBeyondHeadError(checkpoint, head);
      }
      while (!this.stopped) {
        const generation = this.source.signal.current;
        const page = await this.source.readAll({ after: checkpoint, maxCount: pageSize });
        for (const event of page) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the awaits above
          if (this.stopped) return;
          await handler(event);
          checkpoint = event.globalPosition;
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the awaits above
        if (page.length < pageSize && !this.stopped) {
          this.source.listen();
          await this.source.signal.wait(generation, FALLBACK_POLL_MS, this.abort.signal);
        }
      }
    } catch (error) {
      this.stopped = true;
      this.report(error, onError);
    }
  }

  private report(error: unknown, onError: SubscriptionOptions['onError']): void {
    if (!onError) {
      // Nobody asked to hear about it; a silent stop would leave a projection frozen unnoticed.
      process.emitWarning(`Event store subscription stopped: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    try {
      onError(error);
    } catch (reportError) {
      process.emitWarning(`Event store subscription onError threw: ${String(reportError)}`);
    }
  }
}
