/**
 * Runs at most `limit` tasks at once until {@link Throttle.release}, then every task at once. A
 * rebuild makes the read models without a finish durable through one, while the finishes hold the
 * cores (rebuild.ts).
 */
export class Throttle {
  private running = 0;
  private released = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A waiter is counted as running by whoever wakes it, so no task slips in between.
    if (this.released || this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      this.running--;
      this.wakeNext();
    }
  }

  /** From now on, no limit: every waiting task starts. */
  release(): void {
    this.released = true;
    while (this.waiting.length > 0) this.wakeNext();
  }

  private wakeNext(): void {
    if (!this.released && this.running >= this.limit) return;
    const wake = this.waiting.shift();
    if (!wake) return;
    this.running++;
    wake();
  }
}
