import { createPool } from '@passerelle/database';
import type { Pool } from 'pg';
import { migrate } from '@passerelle/migrations';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import { AppendBatcher } from './append-batcher';
import { AppendListener } from './append-listener';
import { EVENT_ROW_TYPES } from './event-row-types';
import { EVENT_COLUMNS, type EventRowFromDb, toRecordedEvent } from './event-rows';
import { prepareEvents } from './event-serialisation';
import type { PostgresEventStoreOptions } from './postgres-event-store.options';
import { EVENT_STORE_MIGRATIONS, type EventStoreTables, eventStoreTables } from './postgres-schema';
import { PostgresSubscription } from './postgres-subscription';
import { prepareRowsAlongside } from './rows-alongside';
import { TailCache } from './tail-cache';
import { WakeUpSignal } from './wake-up-signal';

/**
 * Event store on plain PostgreSQL tables (`es_events`, `es_streams`, `es_head`). Appends are
 * serialised on one head row and grouped into one transaction per batch (see AppendBatcher), which
 * gives gapless positions committed in order: the property catch-up subscribers rely on.
 *
 * WARNING: while one batch holds its transaction open, every other append of every process waits
 * behind it. Keep work out of the append path.
 */
export class PostgresEventStore implements EventStore {
  private readonly signal = new WakeUpSignal();
  private readonly tail = new TailCache();
  private readonly batcher: AppendBatcher;
  private readonly listener: AppendListener;
  private readonly subscriptions = new Set<Subscription>();
  private readonly pendingReads = new Map<string, Promise<RecordedEvent[]>>();
  private closing: Promise<void> | null = null;
  private storeId: Promise<string> | null = null;
  /** Its rows commit in the events' transaction (docs/adr/0017-keys-in-the-append-transaction.md). */
  readonly writesRowsAlongside = true;

  constructor(
    private readonly pool: Pool,
    private readonly tables: EventStoreTables,
    options: PostgresEventStoreOptions,
  ) {
    this.batcher = new AppendBatcher(
      pool,
      tables,
      (head, committed) => {
        // Kept only for this process's own subscribers: a process that only appends (the API
        // thread of `npm start`, an API replica) would hold thousands of events no one reads.
        if (this.subscriptions.size > 0) this.tail.add(committed());
        this.signal.notifyUpTo(head);
      },
      (head) => this.signal.expectLocalCommit(head),
      options.faults,
    );
    this.listener = new AppendListener(options.connectionString, this.signal);
  }

  /** Applies the store's own migrations (the apps apply them with every other module's at start); safe from several processes at once. */
  async migrate(): Promise<void> {
    await migrate(this.pool, [EVENT_STORE_MIGRATIONS], { schema: this.tables.schema });
  }

  // async: a refused append is a rejection, never a synchronous throw; it still joins the batch on the call.
  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closing) throw new Error('The event store is closed');
    assertExpectedRevision(options.expectedRevision);
    for (const condition of options.alsoExpect ?? []) assertExpectedRevision(condition.expectedRevision);
    return this.batcher.append({
      streamName,
      events: prepareEvents(streamName, events),
      expectedRevision: options.expectedRevision,
      alsoExpect: options.alsoExpect,
      alongside: prepareRowsAlongside(options.alongside),
    });
  }

  async readStream(streamName: string, options: { fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRowFromDb>({
      text: `SELECT ${EVENT_COLUMNS} FROM ${this.tables.events}
       WHERE stream_name = $1 AND stream_revision >= $2 ORDER BY stream_revision`,
      values: [streamName, (options.fromRevision ?? 0n).toString()],
      types: EVENT_ROW_TYPES,
    });
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { after = -1n, maxCount } = options;
    if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
      throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
    }
    // LIMIT NULL means no limit. Prepared (named after its table): the subscribers send it at every
    // commit, and planning it cost about as much as running it.
    const { rows } = await this.pool.query<EventRowFromDb>({
      name: `es-read-all ${this.tables.events}`,
      text: `SELECT ${EVENT_COLUMNS} FROM ${this.tables.events}
       WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      values: [after.toString(), maxCount ?? null],
      types: EVENT_ROW_TYPES,
    });
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscriptionOptions): Subscription {
    // Subscribers first look in the tail of recent events (see TailCache), then share one query.
    const readAll = async (read: ReadAllOptions) => this.fromTail(read) ?? this.readForSubscribers(read);
    const source = { readAll, headPosition: () => this.headPosition(), signal: this.signal, listen: () => this.listener.ensure() };
    const inner = new PostgresSubscription(source, options);
    const subscription: Subscription = {
      stop: async () => {
        await inner.stop();
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * A page from memory, only when it is complete: full, or reaching the highest committed position
   * known. A shorter one would let the subscriber sleep while newer events sit in the table.
   */
  private fromTail(read: ReadAllOptions): RecordedEvent[] | null {
    const page = this.tail.read(read.after ?? -1n, read.maxCount);
    const last = page?.[page.length - 1];
    if (!page || !last) return null;
    return page.length === read.maxCount || last.globalPosition >= this.signal.knownHead ? page : null;
  }

  /**
   * One query for every subscriber of this process that reads the same page (they wake on the same
   * commit, usually at the same checkpoint), its rows then kept in the tail for the slower ones.
   */
  private readForSubscribers(read: ReadAllOptions): Promise<RecordedEvent[]> {
    const key = `${read.after ?? -1n}:${read.maxCount ?? ''}`;
    let pending = this.pendingReads.get(key);
    if (!pending) {
      pending = this.readAll(read)
        .then((events) => (this.tail.add(events), events))
        .finally(() => this.pendingReads.delete(key));
      this.pendingReads.set(key, pending);
    }
    return pending;
  }

  async headPosition(): Promise<bigint> {
    // es_head only moves inside committed appends, so it is the last committed position.
    const { rows } = await this.pool.query<{ position: string }>(`SELECT position FROM ${this.tables.head} WHERE id = 1`);
    return BigInt(rows[0]?.position ?? '-1');
  }

  async identity(): Promise<string> {
    this.storeId ??= this.pool
      .query<{ store_id: string }>(`SELECT store_id FROM ${this.tables.head} WHERE id = 1`)
      .then(({ rows }) => {
        const [row] = rows;
        if (!row) throw new Error(`The event store head row is missing from ${this.tables.head}`);
        return row.store_id;
      })
      .catch((error: unknown) => {
        this.storeId = null; // a failed read is asked again, not remembered
        throw error;
      });
    return this.storeId;
  }

  /** Stops the subscriptions, lets queued appends finish, then closes every connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      await this.batcher.idle();
      await this.listener.close();
      await this.pool.end();
    })();
    return this.closing;
  }
}

/** Opens a pool on the database, applies the store's migrations if missing and returns the store. */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const pool = createPool({
    connectionString: options.connectionString,
    service: options.service ?? 'tool',
    purpose: 'events',
    max: options.poolSize ?? 10,
  });
  const store = new PostgresEventStore(pool, eventStoreTables(options.schema), options);
  try {
    await store.migrate();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return store;
}

function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  const named = expected === 'no_stream' || expected === 'any' || expected === 'stream_exists';
  if (!named && typeof expected !== 'bigint') {
    throw new TypeError(`expectedRevision must be 'no_stream', 'any', 'stream_exists' or a bigint, got ${String(expected)}`);
  }
}
