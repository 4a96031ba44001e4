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
