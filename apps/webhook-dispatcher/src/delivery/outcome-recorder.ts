import type { Completion, DeliveryQueue } from './delivery-queue';

/**
 * Writes attempt outcomes in batches: while one batch is being written, new outcomes pile up and
 * go together in the next statement, so a thousand deliveries a second cost a few writes, not a
 * thousand. If a write fails the rows stay `delivering` until their lease expires, then go out
 * again: at-least-once, never lost.
 */
export class OutcomeRecorder {
  private pending: Completion[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly disableAfterMs: number,
    private readonly logger: { error(message: string): void },
  ) {}

  record(completion: Completion): void {
    this.pending.push(completion);
    this.writing ??= this.writeAll();
  }

  /** Resolves once every outcome recorded so far is written (or its write failed). */
  async flush(): Promise<void> {
    if (this.pending.length > 0) this.writing ??= this.writeAll();
    await this.writing;
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.queue.complete(batch, this.disableAfterMs);
        } catch (error) {
          this.logger.error(
            `recording ${batch.length} delivery outcomes failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
