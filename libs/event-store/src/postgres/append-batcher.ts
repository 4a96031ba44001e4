import type { Pool, PoolClient } from 'pg';
import type { AppendResult, EventMetadata, RecordedEvent } from '../event-store.port';
import { type BatchPlan, type EventRow, type PlannedAppend, type StoredEventRef, planBatch } from './batch-plan';
import { guessHolds, lockStatement, lookupStatement, writeStatement } from './batch-sql';
import { GuessBudget, optimisticPlan } from './optimistic-append';
import type { PostgresEventStoreFaults } from './postgres-event-store.options';
import { rowId } from './rows-alongside';
import type { EventStoreTables } from './postgres-schema';

/** PostgreSQL's unique_violation: a retried event id meeting the unique index. */
const UNIQUE_VIOLATION = '23505';

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
    /** `committed` parses the batch's events on demand: a process with no subscriber of its own never does. */
    private readonly onCommitted: (head: bigint, committed: () => RecordedEvent[]) => void,
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
    if (plan.rows.length > 0) this.onCommitted(plan.head, () => plan.rows.map((row) => recorded(row, recordedAt)));
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
    const holds = guessHolds(this.tables, this.knownHead ?? -1n, guess.assumed, guess.plan.alongside);
    this.onCommitting(guess.plan.head);
    let results: { rows: { held?: boolean }[] }[];
    try {
      results = (await client.query(
        `BEGIN; ${lockStatement(this.tables)}; ${writeStatement(this.tables, guess.plan, recordedAt, holds)}; COMMIT`,
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
    // The streams written and those the appends were decided on: all checked under the head lock.
    const streamNames = [...new Set(batch.flatMap((append) => [append.streamName, ...(append.alsoExpect ?? []).map((c) => c.streamName)]))];
    const eventIds = batch.flatMap((append) => append.events.map((event) => event.eventId));
    const alongside = batch.flatMap((append) => append.alongside ?? []);

    // Round trip 1: BEGIN, the lock, then what the plan needs.
    const results = (await client.query(
      `BEGIN; ${lockStatement(this.tables)}; ${lookupStatement(this.tables, streamNames, eventIds, alongside)}`,
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
      existingRows: new Set(known.filter((row) => row.kind === 'r').map((row) => rowId(row.stream_name, row.row_key ?? ''))),
    });
    await this.faults?.beforeCommit?.({ streams: streamNames });
    if (plan.rows.length === 0) {
      await client.query('COMMIT');
      return plan;
    }
    this.onCommitting(plan.head);
    // Round trip 2: the whole batch in one statement, then COMMIT.
    await client.query(`${writeStatement(this.tables, plan, recordedAt, 'true')}; COMMIT`);
    return plan;
  }
}

interface KnownRow {
  kind: 's' | 'e' | 'r';
  event_id: string | null;
  stream_name: string;
  stream_revision: string;
  global_position: string | null;
  row_key: string | null;
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
