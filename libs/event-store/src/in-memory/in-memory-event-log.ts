import { randomUUID } from 'node:crypto';
import type { AppendResult, ExpectedRevision, NewEvent, ReadAllOptions, ReadCondition, RecordedEvent } from '../event-store.port';
// Adapter-neutral pieces of the PostgreSQL adapter (they import nothing but the port): sharing
// them keeps the revision, idempotency and serialisation rules of both adapters one and the same.
import { type EventRow, planBatch } from '../postgres/batch-plan';
import { prepareEvents } from '../postgres/event-serialisation';
import { WakeUpSignal } from '../postgres/wake-up-signal';

/** A committed event as the log keeps it: data and metadata as JSON text, like PostgreSQL's jsonb. */
interface StoredEvent extends EventRow {
  recordedAt: Date;
}

/**
 * The storage behind one or more {@link InMemoryEventStore} instances, as one database is behind
 * several processes. An append is decided and committed in one synchronous step, so appends never
 * interleave: positions are gapless from 0 and visible in commit order without any locking.
 */
export class InMemoryEventLog {
  /** Index = global position, since positions are gapless from 0. */
  private readonly events: StoredEvent[] = [];
  /** Index = stream revision. */
  private readonly streams = new Map<string, StoredEvent[]>();
  /** Keyed by lower-case event id, as prepareEvents normalises it. */
  private readonly byId = new Map<string, StoredEvent>();
  /** Wakes the caught-up subscriptions of every instance on this log. */
  readonly signal = new WakeUpSignal();
  /** The store's identity: shared by the instances on this log, another one for every other log. */
  readonly identity = randomUUID();

  get head(): bigint {
    return BigInt(this.events.length) - 1n;
  }

  /**
   * Validates and serialises as the PostgreSQL adapter does, then decides with its batch planner
   * (a batch of one append), so a wrong revision, a retry and a duplicate id behave identically.
   * Throws instead of returning a failed outcome.
   */
  append(
    streamName: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
    alsoExpect?: readonly ReadCondition[],
  ): AppendResult {
    const prepared = prepareEvents(streamName, events);
    const revisions = [streamName, ...(alsoExpect ?? []).map((condition) => condition.streamName)].flatMap((name) => {
      const last = this.streams.get(name)?.at(-1);
      return last ? [[name, last.streamRevision] as const] : [];
    });
    const known = prepared.flatMap((event) => {
      const stored = this.byId.get(event.eventId);
      return stored ? [[event.eventId, stored] as const] : [];
    });
    const plan = planBatch([{ streamName, events: prepared, expectedRevision, alsoExpect }], {
      head: this.head,
      streamRevisions: new Map(revisions),
      storedEvents: new Map(known),
      existingRows: new Set(),
    });
    const outcome = plan.outcomes[0];
    if (!outcome) throw new Error(`The batch planner returned no outcome for an append to ${streamName}`);
    if (!outcome.ok) throw outcome.error;
    if (plan.rows.length > 0) this.commit(plan.rows, plan.head);
    return outcome.result;
  }

  readStream(streamName: string, fromRevision = 0n): RecordedEvent[] {
    const stream = this.streams.get(streamName) ?? [];
    return stream.slice(fromRevision > 0n ? Number(fromRevision) : 0).map(toRecordedEvent);
  }

  readAll({ after = -1n, maxCount }: ReadAllOptions = {}): RecordedEvent[] {
    const start = after < 0n ? 0 : Number(after + 1n);
    return this.events.slice(start, maxCount === undefined ? undefined : start + maxCount).map(toRecordedEvent);
  }

  private commit(rows: readonly EventRow[], head: bigint): void {
    const recordedAt = new Date();
    for (const row of rows) {
      const stored: StoredEvent = { ...row, recordedAt };
      this.events.push(stored);
      const stream = this.streams.get(row.streamName);
      if (stream) stream.push(stored);
      else this.streams.set(row.streamName, [stored]);
      this.byId.set(row.eventId, stored);
    }
    this.signal.notifyUpTo(head);
  }
}

/** A fresh copy on every read: a caller mutating what it was given must not change the log. */
function toRecordedEvent(stored: StoredEvent): RecordedEvent {
  return {
    eventId: stored.eventId,
    type: stored.type,
    data: JSON.parse(stored.data) as unknown,
    metadata: JSON.parse(stored.metadata) as RecordedEvent['metadata'],
    streamName: stored.streamName,
    streamRevision: stored.streamRevision,
    globalPosition: stored.globalPosition,
    recordedAt: new Date(stored.recordedAt.getTime()),
  };
}
