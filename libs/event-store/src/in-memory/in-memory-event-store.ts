import {
  refuseRowsAlongside,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';
// The catch-up loop needs only "read after a position" and a wake-up signal, both of which the
// log provides; the class carries the PostgreSQL adapter's name but nothing of PostgreSQL.
import { PostgresSubscription } from '../postgres/postgres-subscription';
import { InMemoryEventLog } from './in-memory-event-log';

export interface InMemoryEventStoreOptions {
  /** Storage shared with other instances, as processes share one database. Default: a fresh, empty log. */
  log?: InMemoryEventLog;
}

/**
 * Event store held in the memory of this process, with the PostgreSQL adapter's exact rules
 * (it passes the same contract suite): for use-case tests that must run without I/O.
 *
 * WARNING: nothing survives the process. Apps never wire it in production code; the
 * `in-memory-event-store-only-in-tests` rule of .dependency-cruiser.js enforces that.
 */
export class InMemoryEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();
  private closing: Promise<void> | null = null;
  private closed = false;

  /** No other tables in memory: a caller writes its rows before the append instead. */
  readonly writesRowsAlongside = false;

  constructor(private readonly log: InMemoryEventLog = new InMemoryEventLog()) {}

  // async: a refused append is a rejection, never a synchronous throw; the append itself still happens on the call.
  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closing) throw new Error('The event store is closed');
    assertExpectedRevision(options.expectedRevision);
    for (const condition of options.alsoExpect ?? []) assertExpectedRevision(condition.expectedRevision);
    refuseRowsAlongside(options, 'in-memory');
    return this.log.append(streamName, events, options.expectedRevision, options.alsoExpect);
  }

  async readStream(streamName: string, options: { fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.log.readStream(streamName, options.fromRevision);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { maxCount } = options;
    if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
      throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
    }
    return this.log.readAll(options);
  }

  subscribeToAll(options: SubscriptionOptions): Subscription {
    const source = {
      readAll: (read: ReadAllOptions) => this.readAll(read),
      headPosition: () => this.headPosition(),
      signal: this.log.signal,
      listen: () => undefined,
    };
    const inner = new PostgresSubscription(source, options);
    this.subscriptions.add(inner);
    return { stop: () => inner.stop().finally(() => this.subscriptions.delete(inner)) };
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.log.head;
  }

  async identity(): Promise<string> {
    this.assertOpen();
    return this.log.identity;
  }

  /** Refuses new appends at once, stops the subscriptions, then refuses reads. The log itself stays for other instances. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      this.closed = true;
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

export function createInMemoryEventStore(options: InMemoryEventStoreOptions = {}): InMemoryEventStore {
  return new InMemoryEventStore(options.log);
}

function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (typeof expected === 'bigint' || expected === 'no_stream' || expected === 'any' || expected === 'stream_exists') return;
  throw new TypeError(`expectedRevision must be 'no_stream', 'any', 'stream_exists' or a bigint, got ${String(expected)}`);
}
