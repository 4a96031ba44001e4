/**
 * Wakes caught-up subscriptions when new events may have committed. It is only a hint: a
 * subscription always re-reads from its checkpoint, so a spurious wake-up costs one query and a
 * missed one costs at most the fallback poll interval.
 *
 * The generation counter closes the race between "read found nothing" and "start waiting": a
 * subscription notes the generation before it reads and does not sleep if it moved meanwhile.
 */
export class WakeUpSignal {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  private highest = -1n;

  /** The highest position known to be committed (by this process or announced by a NOTIFY). */
  get knownHead(): bigint {
    return this.highest;
  }

  /**
   * Notifies only for a position beyond every one notified so far: this process's own commit wakes
   * subscribers at once, and the NOTIFY echo of the same commit arriving later costs no extra read.
   */
  notifyUpTo(position: bigint): void {
    if (position <= this.highest) return;
    this.highest = position;
    this.notify();
  }

  private committingUpTo = -1n;

  /** This process is committing up to `position`: its own wake-up follows the COMMIT. */
  expectLocalCommit(position: bigint): void {
    if (position > this.committingUpTo) this.committingUpTo = position;
  }

  /**
   * A NOTIFY from PostgreSQL. For a position this process is itself committing it is skipped: it
   * can arrive before our COMMIT returns, and a subscriber woken then would miss the tail cache
   * and query the table for an event that memory is about to hold.
   */
  notifyRemote(position: bigint): void {
    if (position <= this.committingUpTo) return;
    this.notifyUpTo(position);
  }

  notify(): void {
    this.generation += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves on a notification after generation `seen`, after `timeoutMs`, or when `abort` fires. */
  wait(seen: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    if (this.generation !== seen || abort.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        abort.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      abort.addEventListener('abort', wake, { once: true });
      this.waiters.add(wake);
    });
  }
}
