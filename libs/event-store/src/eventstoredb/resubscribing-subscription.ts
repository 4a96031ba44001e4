import type { RecordedEvent, Subscription, SubscriptionOptions } from '../event-store.port';
import { isTransient, SubscriptionEndedError } from './transient-errors';

/** One live server subscription: its events after a checkpoint, and a way to cancel it. */
export interface SubscriptionSource {
  events: AsyncIterable<RecordedEvent>;
  close(): Promise<void>;
}

export interface ResubscribeOptions {
  /** First wait after a drop; doubles up to maxMs (default 250 ms → 5 s), reset by each delivered event. */
  initialMs?: number;
  maxMs?: number;
  /** Told about each drop (connection loss, server restart, leader change) before the retry. */
  onDropped?: (error: unknown, checkpoint: bigint | undefined, retryInMs: number) => void;
  /** Which errors are a dropped connection, to be retried; default: the client's transient ones (transient-errors.ts). */
  isTransient?: (error: unknown) => boolean;
}

/** Thrown by the handler: ends the subscription, like any failure of the store that is not a dropped connection. */
class HandlerFailure extends Error {
  constructor(readonly error: unknown) {
    super('The subscription handler failed', { cause: error });
  }
}

/**
 * Catch-up subscription that survives the server: the client ends or errors a subscription on a
 * dropped connection and never resubscribes by itself, so this loop reopens it after the last
 * event the handler finished — the checkpoint — with a growing wait. Events at or before the
 * checkpoint are skipped, so a reopened subscription never repeats one.
 *
 * Only a dropped connection is retried. Any other error (the handler's, an event that cannot be
 * read, access denied, a checkpoint past the head) stops the subscription and goes to `onError`
 * once: retrying it would loop every few seconds while the subscriber looked healthy.
 *
 * WARNING: do not await `stop()` from inside the handler: stop waits for the handler to finish.
 */
export class ResubscribingSubscription implements Subscription {
  private stopped = false;
  private source: SubscriptionSource | null = null;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly open: (after: bigint | undefined) => Promise<SubscriptionSource>,
    options: SubscriptionOptions,
    private readonly retry: ResubscribeOptions = {},
  ) {
    this.done = this.run(options);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.source?.close().catch(() => undefined);
    await this.done;
  }

  private async run({ after, handler, onError }: SubscriptionOptions): Promise<void> {
    let checkpoint = after !== undefined && after >= 0n ? after : undefined;
    let attempt = 0;
    while (!this.stopped) {
      try {
        this.source = null;
        const source = await this.open(checkpoint);
        this.source = source;
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run while it opened, with no source to close
        if (this.stopped) break;
        for await (const event of source.events) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the awaits above
          if (this.stopped) break;
          if (checkpoint !== undefined && event.globalPosition <= checkpoint) continue;
          await handler(event).catch((error: unknown) => Promise.reject(new HandlerFailure(error)));
          checkpoint = event.globalPosition;
          attempt = 0;
          // stop() closed the source while the handler ran: deliver nothing more.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by stop() during the handler's await
          if (this.stopped) break;
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the awaits above
        if (this.stopped) break;
        throw new SubscriptionEndedError();
      } catch (error) {
        await this.source?.close().catch(() => undefined);
        if (error instanceof HandlerFailure) {
          this.report(error.error, onError);
          return;
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the awaits above
        if (!this.stopped && !(this.retry.isTransient ?? isTransient)(error)) {
          this.report(error, onError);
          return;
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the awaits above
        if (this.stopped) break;
        const delay = Math.min(this.retry.maxMs ?? 5_000, (this.retry.initialMs ?? 250) * 2 ** attempt);
        attempt += 1;
        this.retry.onDropped?.(error, checkpoint, delay);
        await this.sleep(delay);
      }
    }
    await this.source?.close().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) {
        resolve();
        return;
      }
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private report(error: unknown, onError: SubscriptionOptions['onError']): void {
    this.stopped = true;
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
