import { CHECKPOINT_POLL_MS } from './wait-for-checkpoint';

interface Waiter {
  position: bigint;
  finish(reached: boolean): void;
}

/**
 * Callers waiting for a checkpoint. Woken in-process right after each commit (no polling latency
 * for the common case), and also by a 50 ms database poll, because another runner of the same
 * projection, maybe in another process, can be the one that commits.
 */
export class CheckpointWaiters {
  private readonly waiters = new Set<Waiter>();

  /** `readCommitted` reads the committed checkpoint from the database (the lowest one of a group). */
  constructor(private readonly readCommitted: () => Promise<bigint>) {}

  wait(position: bigint, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let polling = false;
      const waiter: Waiter = {
        position,
        finish: (reached) => {
          if (!this.waiters.delete(waiter)) return;
          clearTimeout(deadline);
          clearInterval(poll);
          resolve(reached);
        },
      };
      const deadline = setTimeout(() => waiter.finish(false), Math.max(0, timeoutMs));
      const poll = setInterval(() => {
        if (polling) return;
        polling = true;
        this.readCommitted()
          .then((committed) => committed >= position && waiter.finish(true))
          // A failed poll only delays the answer: the commit notification or the next poll still count.
          .catch(() => undefined)
          .finally(() => (polling = false));
      }, CHECKPOINT_POLL_MS);
      this.waiters.add(waiter);
    });
  }

  /** Called after a commit with the checkpoint now in the database. */
  notify(committed: bigint): void {
    for (const waiter of [...this.waiters]) if (waiter.position <= committed) waiter.finish(true);
  }
}
