import type { RecordedEvent } from '../event-store.port';

/** How many of this process's latest events are kept for its own subscribers. */
const DEFAULT_CAPACITY = 10_000;

/**
 * The events this process committed or read most recently, so that its catch-up subscribers
 * (every projection, the relay, the webhook outbox) read them from memory instead of each querying
 * and parsing the same rows again after every commit.
 *
 * Correct because positions are gapless and commit in order (ADR 0001): only a run of consecutive
 * positions starting right after the reader's checkpoint is served, and a position is added only
 * after its COMMIT (or read back from the table, committed), so everything before it is committed
 * too. A position not here is read from the database.
 *
 * Events are deep-frozen: every subscriber shares the same objects.
 */
export class TailCache {
  private readonly byPosition = new Map<bigint, RecordedEvent>();
  private readonly order: bigint[] = [];

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  add(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      if (this.byPosition.has(event.globalPosition)) continue;
      this.byPosition.set(event.globalPosition, deepFreeze(event));
      this.order.push(event.globalPosition);
    }
    while (this.order.length > this.capacity) {
      const oldest = this.order.shift();
      if (oldest !== undefined) this.byPosition.delete(oldest);
    }
  }

  /** Consecutive events after `after`, at most `maxCount`; null when the next one is not here. */
  read(after: bigint, maxCount: number | undefined): RecordedEvent[] | null {
    const page: RecordedEvent[] = [];
    for (let position = after + 1n; maxCount === undefined || page.length < maxCount; position++) {
      const event = this.byPosition.get(position);
      if (!event) break;
      page.push(event);
    }
    return page.length > 0 ? page : null;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as object)) deepFreeze(inner);
  }
  return value;
}
