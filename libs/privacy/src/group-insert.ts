interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** Most rows per statement, so a burst never grows into one huge insert. */
const MAX_PER_STATEMENT = 256;

/**
 * Group commit for inserts: the rows asked for while a statement runs share the next one (one
 * commit, one WAL flush) instead of one statement each. Each caller still waits for its own row's
 * commit, so a row is durable before the caller goes on. `write` answers one result per item, in order.
 */
export class GroupInsert<Item, Result> {
  private readonly queue: Pending<Item, Result>[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly write: (items: Item[]) => Promise<Result[]>) {}

  insert(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.writeBatch(this.queue.splice(0, MAX_PER_STATEMENT));
    } finally {
      this.draining = null;
    }
  }

  private async writeBatch(batch: Pending<Item, Result>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => pending.resolve(results[index] as Result));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
