import type { Pool, PoolClient } from 'pg';
import type { AppendResult, EventMetadata, RecordedEvent } from '../event-store.port';
import { type BatchPlan, type EventRow, type PlannedAppend, type StoredEventRef, planBatch } from './batch-plan';
import { GuessBudget, optimisticPlan } from './optimistic-append';

const UNIQUE_VIOLATION = '23505';
import type { PostgresEventStoreFaults } from './postgres-event-store.options';
import { APPENDED_CHANNEL, type EventStoreTables } from './postgres-schema';

interface QueuedAppend extends PlannedAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Upper bound of appends per transaction, so one batch never grows into a huge statement. */
const MAX_APPENDS_PER_BATCH = 256;

/**
 * Group commit: every append of this process joins a queue that ONE writer loop empties, one
 * transaction per batch. While a batch commits (an fsync), new appends pile up and go together
 * in the next one, so 32 concurrent callers cost a handful of commits instead of 32.
 *
 * Ordering guarantee (see docs/adr/0001-event-store-ordering.md): the first statement of each
 * batch locks the single `es_head` row, which every writer of every process must take, and the
 * lock is held until COMMIT. Positions are handed out from that row, so they are gapless (a
 * rollback undoes the head update and gives its numbers back) and batches commit in position
 * order. A reader therefore only ever sees a prefix 0..n of positions, and a subscriber reading
 * `global_position > checkpoint ORDER BY global_position` can never skip an event that commits
 * later. The revision checks run after the lock, on committed state no other writer can change
 * before this commit.
 */
export class AppendBatcher {
  private readonly queue: QueuedAppend[] = [];
  private draining: Promise<void> | null = null;
  /** The head after this process's last commit: what an optimistic batch assumes (optimistic-append.ts). */
  private knownHead: bigint | null = null;
  private readonly guesses = new GuessBudget();

  constructor(
    private readonly pool: Pool,
    private readonly tables: EventStoreTables,
    private readonly onCommitted: (head: bigint, events: RecordedEvent[]) => void,
    private readonly onCommitting: (head: bigint) => void,
    private readonly faults: PostgresEventStoreFaults | undefined,
  ) {}

  append(append: PlannedAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...append, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every append queued so far is settled. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.writeBatch(this.queue.splice(0, MAX_APPENDS_PER_BATCH));
    } finally {
      this.draining = null;
    }
  }

  /** Never throws: every append of the batch is settled, individually or all failed together. */
  private async writeBatch(batch: QueuedAppend[]): Promise<void> {
    let client: PoolClient | undefined;
    let plan: BatchPlan;
    // One timestamp for the batch, written explicitly, so the events handed to local subscribers
    // from memory are exactly the rows a reader gets from the table.
    const recordedAt = new Date();
    try {
      client = await this.pool.connect();
      plan = await this.writeInTransaction(client, batch, recordedAt);
      client.release();
    } catch (error) {
      if (client) {
        // A rollback that fails means the connection is gone: destroy it rather than pool it.
        const healthy = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.release(!healthy);
      }
      // The transaction did not commit (or its COMMIT's fate is unknown): every append fails, and a
      // caller's retry with the same event ids is safe thanks to idempotent appends.
      for (const append of batch) append.reject(error);
      return;
    }
    plan.outcomes.forEach((outcome, index) => {
      const append = batch[index];
      if (outcome.ok) append?.resolve(outcome.result);
      else append?.reject(outcome.error);
    });
    if (plan.rows.length > 0)
      this.onCommitted(
        plan.head,
        plan.rows.map((row) => recorded(row, recordedAt)),
      );
  }

  /**
   * Two round trips per batch, each a simple-query string of several statements (values inlined as
   * escaped literals, since that protocol takes no parameters): every round trip spent while the
   * head lock is held delays every other writer, and under load each one also waits its turn on
   * the event loop. Measured: four round trips made a batch take ~14 ms at 32 clients.
   */
  private async writeInTransaction(client: PoolClient, batch: QueuedAppend[], recordedAt: Date): Promise<BatchPlan> {
    const plan = (await this.writeOptimistically(client, batch, recordedAt)) ?? (await this.writeAfterReading(client, batch, recordedAt));
    if (plan.rows.length > 0) this.knownHead = plan.head;
    return plan;
  }

  /**
   * One round trip when this process is the only writer, as in the embedded default: the batch is
   * planned on the head it last committed and the revisions its appends expect, and written in the
   * same string that takes the lock and checks, under it, that the guess holds. If it does not (an
   * other writer appended, a retried event id), nothing is written and the batch is read and
   * planned for certain.
   */
  private async writeOptimistically(client: PoolClient, batch: QueuedAppend[], recordedAt: Date): Promise<BatchPlan | null> {
    if (this.faults?.armedFor?.(batch.map((append) => append.streamName))) return null;
    const guess = this.guesses.mayGuess() ? optimisticPlan(batch, this.knownHead) : null;
    if (!guess) return null;
    const { streams, head } = this.tables;
    const assumed = [...guess.assumed];
    const holds = `(SELECT position FROM ${head} WHERE id = 1) = ${this.knownHead?.toString() ?? '-1'} AND NOT EXISTS (
        SELECT 1 FROM unnest(ARRAY[${assumed.map(([name]) => literal(name)).join(',')}]::text[], ARRAY[${assumed.map(([, revision]) => revision.toString()).join(',')}]::bigint[])
          AS expected(stream_name, revision)
        LEFT JOIN ${streams} AS s ON s.stream_name = expected.stream_name
        WHERE coalesce(s.revision, -1) <> expected.revision)`;
    this.onCommitting(guess.plan.head);
    let results: { rows: { held?: boolean }[] }[];
    try {
      results = (await client.query(
        `BEGIN; SELECT position FROM ${head} WHERE id = 1 FOR UPDATE;
         ${this.writeStatement(guess.plan, recordedAt, holds)}; COMMIT`,
      )) as unknown as typeof results;
    } catch (error) {
      // A retried event id meets the unique index: the reading path recognises the retry.
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK');
      this.guesses.missed();
      return null;
    }
    if (results[2]?.rows[0]?.held === true) return guess.plan;
    this.guesses.missed();
    return null;
  }

  /** Two round trips: BEGIN, the lock and what the plan needs; then the write and COMMIT. */
  private async writeAfterReading(client: PoolClient, batch: QueuedAppend[], recordedAt: Date): Promise<BatchPlan> {
    const { events, streams, head } = this.tables;
    // The streams written and those the appends were decided on: all checked under the head lock.
    const streamNames = [...new Set(batch.flatMap((append) => [append.streamName, ...(append.alsoExpect ?? []).map((c) => c.streamName)]))];
    const eventIds = batch.flatMap((append) => append.events.map((event) => event.eventId));

    // Round trip 1: BEGIN, the lock, then what the plan needs. The lock is a statement of its own:
    // under READ COMMITTED a statement that waited for a lock still reads with the snapshot it
    // started with, whereas the statement after it sees what the previous lock holder committed.
    // Event ids are UUIDs (checked by prepareEvents) and stream names are escaped.
    const results = (await client.query(
      `BEGIN; SELECT position FROM ${head} WHERE id = 1 FOR UPDATE;
       SELECT 's' AS kind, NULL::uuid AS event_id, stream_name, revision AS stream_revision, NULL::bigint AS global_position
         FROM ${streams} WHERE stream_name = ANY(ARRAY[${streamNames.map(literal).join(',')}]::text[])
       UNION ALL
       SELECT 'e', event_id, stream_name, stream_revision, global_position FROM ${events}
         WHERE event_id = ANY(ARRAY[${eventIds.map(literal).join(',')}]::uuid[])`,
    )) as unknown as { rows: KnownRow[] & { position: string }[] }[];
    const headPosition = results[1]?.rows[0]?.position ?? '-1';
    this.knownHead = BigInt(headPosition);
    const known = results[2]?.rows ?? [];
    const plan = planBatch(batch, {
      head: BigInt(headPosition),
      streamRevisions: new Map(known.filter((row) => row.kind === 's').map((row) => [row.stream_name, BigInt(row.stream_revision)])),
      storedEvents: new Map(
        known
          .filter((row) => row.kind === 'e')
          .map((row): [string, StoredEventRef] => [
            row.event_id ?? '',
            {
              streamName: row.stream_name,
              streamRevision: BigInt(row.stream_revision),
              globalPosition: BigInt(row.global_position ?? '-1'),
            },
          ]),
      ),
    });
    await this.faults?.beforeCommit?.({ streams: streamNames });
    if (plan.rows.length === 0) {
      await client.query('COMMIT');
      return plan;
    }
    this.onCommitting(plan.head);
    // Round trip 2: the whole batch in one statement, then COMMIT.
    await client.query(`${this.writeStatement(plan, recordedAt, 'true')}; COMMIT`);
    return plan;
  }

  /**
   * One statement writes the whole batch: events (one multi-row insert), stream revisions, head.
   * The NOTIFY is delivered at COMMIT and only if it commits: it wakes subscribers in other processes.
   */
  private writeStatement(plan: BatchPlan, recordedAt: Date, condition: string): string {
    const { events, streams, head } = this.tables;
    const array = (values: readonly string[], type: string) => `ARRAY[${values.join(',')}]::${type}[]`;
    const { rows } = plan;
    const revised = [...plan.streamRevisions];
    // `condition` is evaluated once, under the lock: when false the statement writes nothing.
    return `WITH guard AS (SELECT ${condition} AS held), inserted AS (
         INSERT INTO ${events} (global_position, event_id, stream_name, stream_revision, type, data, metadata, recorded_at)
         SELECT *, ${literal(recordedAt.toISOString())}::timestamptz FROM unnest(
           ${array(
             rows.map((row) => row.globalPosition.toString()),
             'bigint',
           )},
           ${array(
             rows.map((row) => literal(row.eventId)),
             'uuid',
           )},
           ${array(
             rows.map((row) => literal(row.streamName)),
             'text',
           )},
           ${array(
             rows.map((row) => row.streamRevision.toString()),
             'bigint',
           )},
           ${array(
             rows.map((row) => literal(row.type)),
             'text',
           )},
           ${array(
             rows.map((row) => literal(row.data)),
             'jsonb',
           )},
           ${array(
             rows.map((row) => literal(row.metadata)),
             'jsonb',
           )}) WHERE (SELECT held FROM guard)
       ), revised AS (
         INSERT INTO ${streams} (stream_name, revision) SELECT * FROM unnest(
           ${array(
             revised.map(([name]) => literal(name)),
             'text',
           )}, ${array(
             revised.map(([, revision]) => revision.toString()),
             'bigint',
           )})
         WHERE (SELECT held FROM guard)
         ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision
       ), moved AS (
         UPDATE ${head} SET position = ${plan.head.toString()} WHERE id = 1 AND (SELECT held FROM guard) RETURNING position
       )
       SELECT (SELECT held FROM guard) AS held, (SELECT pg_notify(${literal(APPENDED_CHANNEL)}, position::text) FROM moved) AS notified`;
  }
}

interface KnownRow {
  kind: 's' | 'e';
  event_id: string | null;
  stream_name: string;
  stream_revision: string;
  global_position: string | null;
}

/**
 * A string as an SQL literal, for the simple-query strings above (that protocol takes no
 * parameters). An E'' string with backslashes and quotes doubled means the same whatever
 * standard_conforming_strings says; NUL cannot occur (prepareEvents refuses it). Regular
 * expressions rather than pg's character loop: event data is most of a batch's bytes.
 */
function literal(value: string): string {
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The committed row as a reader of the table would get it (jsonb round-trips the JSON text). */
function recorded(row: EventRow, recordedAt: Date): RecordedEvent {
  return {
    eventId: row.eventId,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamName: row.streamName,
    streamRevision: row.streamRevision,
    globalPosition: row.globalPosition,
    recordedAt,
  };
}
