import type { RecordedEvent } from '@passerelle/event-store';

/**
 * The events of a replay, read once in batches and handed to every read model being rebuilt, each
 * at its own pace: while one waits on PostgreSQL another prepares its rows, with no barrier between
 * batches. A read model runs at most `lead` batches ahead of the slowest, so memory stays bounded;
 * the next batch is read while the current ones are applied.
 */
export class BatchFeed {
  private readonly batches = new Map<number, Promise<RecordedEvent[]>>();
  private readonly next: number[];
  private readonly waiting: (() => void)[] = [];
  private tail: Promise<bigint | null>;
  private created = 0;
  private failure: unknown = null;

  constructor(
    private readonly read: (after: bigint) => Promise<RecordedEvent[]>,
    readers: number,
    private readonly lead = 3,
  ) {
    this.next = new Array<number>(readers).fill(0);
    this.tail = Promise.resolve(-1n);
  }

  /** The next batch for `reader`, empty at the end of the store. */
  async take(reader: number): Promise<RecordedEvent[]> {
    const index = this.indexOf(reader);
    while (this.failure === null && index - Math.min(...this.next) >= this.lead)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows, unchanged, what another reader caught (see abort)
    if (this.failure !== null) throw this.failure;
    this.readUpTo(index + 1);
    return this.batchAt(index);
  }

  /** `reader` applied its batch; returns the batch if every reader now has (for progress), else null. */
  async done(reader: number): Promise<RecordedEvent[] | null> {
    const index = this.indexOf(reader);
    this.next[reader] = index + 1;
    const everyone = Math.min(...this.next) > index;
    const batch = everyone ? await this.batchAt(index) : null;
    if (everyone) this.batches.delete(index);
    for (const wake of this.waiting.splice(0)) wake();
    return batch;
  }

  /** A reader failed: the others stop at their next batch instead of waiting for it. */
  abort(error: unknown): void {
    this.failure ??= error;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private readUpTo(index: number): void {
    while (this.created <= index) {
      const batch = this.tail.then((after) => (after === null ? [] : this.read(after)));
      // An empty batch is the end of the store: no read after it.
      this.tail = batch.then((events) => events[events.length - 1]?.globalPosition ?? null);
      // Awaited by the readers that take it; this only keeps a read nobody took from going unhandled.
      batch.catch(() => undefined);
      this.tail.catch(() => undefined);
      this.batches.set(this.created++, batch);
    }
  }

  private indexOf(reader: number): number {
    const index = this.next[reader];
    if (index === undefined) throw new RangeError(`BatchFeed: no reader ${reader} (${this.next.length} readers)`);
    return index;
  }

  /** A batch is read (readUpTo) before any reader takes it and kept until every reader is done with it. */
  private batchAt(index: number): Promise<RecordedEvent[]> {
    const batch = this.batches.get(index);
    if (!batch) throw new Error(`BatchFeed: batch ${index} is not read or already released`);
    return batch;
  }
}
