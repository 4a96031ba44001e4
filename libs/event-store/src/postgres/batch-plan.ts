import {
  type AppendResult,
  type ReadCondition,
  DuplicateEventIdError,
  type ExpectedRevision,
  RowAlreadyExistsError,
  type RowAlongside,
  WrongExpectedRevisionError,
} from '../event-store.port';
import type { PreparedEvent } from './event-serialisation';
import { keyOf, rowId } from './rows-alongside';

export interface PlannedAppend {
  streamName: string;
  events: PreparedEvent[];
  expectedRevision: ExpectedRevision;
  alsoExpect?: readonly ReadCondition[] | undefined;
  /** Rows written with the events, checked by prepareRowsAlongside (rows-alongside.ts). */
  alongside?: readonly RowAlongside[] | undefined;
}

/** Where an event id already lives: read from `es_events`, or written earlier in the same batch. */
export interface StoredEventRef {
  streamName: string;
  streamRevision: bigint;
  globalPosition: bigint;
}

export interface BatchState {
  /** Head position before the batch (-1n for an empty store). */
  head: bigint;
  /** Current revision of each stream the batch touches; absent = the stream does not exist. */
  streamRevisions: Map<string, bigint>;
  /** Stored events among the ids the batch carries, keyed by lower-case event id. */
  storedEvents: Map<string, StoredEventRef>;
  /** Rows alongside (rowId) already in their tables. */
  existingRows: ReadonlySet<string>;
}

export interface EventRow extends PreparedEvent {
  streamName: string;
  streamRevision: bigint;
  globalPosition: bigint;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

export interface BatchPlan {
  /** One outcome per append, same order as the input. */
  outcomes: AppendOutcome[];
  rows: EventRow[];
  /** The rows alongside of the appends that succeed. */
  alongside: RowAlongside[];
  /** Final revision of every stream that received events. */
  streamRevisions: Map<string, bigint>;
  head: bigint;
}

/**
 * Decides every append of a group-commit batch in memory, in queue order, each on its own: a
 * wrong expected revision or a duplicate id fails only that append. Appends are applied one after
 * the other, so two appends to the same stream in one batch see each other exactly as if they had
 * been committed separately. Positions continue the head without gaps.
 */
export function planBatch(appends: readonly PlannedAppend[], state: BatchState): BatchPlan {
  const revisions = new Map(state.streamRevisions);
  const stored = new Map(state.storedEvents);
  const written = new Map<string, bigint>();
  const rows: EventRow[] = [];
  const alongside: RowAlongside[] = [];
  const existingRows = new Set(state.existingRows);
  let head = state.head;

  const outcomes = appends.map((append): AppendOutcome => {
    // First, retries included: a row already there means the append must be made again on it (AppendOptions.alongside).
    const existing = append.alongside?.find((row) => existingRows.has(rowId(row.table, keyOf(row))));
    if (existing) return { ok: false, error: new RowAlreadyExistsError(existing.table, existing.key) };
    const retried = findRetry(append, stored);
    if (retried) return retried;
    const current = revisions.get(append.streamName);
    const actual = current ?? ('no_stream' as const);
    if (!matches(append.expectedRevision, current)) {
      return { ok: false, error: new WrongExpectedRevisionError(append.streamName, append.expectedRevision, actual) };
    }
    // Streams it was decided on, as they stand now (earlier appends of this batch included).
    const moved = append.alsoExpect?.find((condition) => !matches(condition.expectedRevision, revisions.get(condition.streamName)));
    if (moved) {
      return {
        ok: false,
        error: new WrongExpectedRevisionError(moved.streamName, moved.expectedRevision, revisions.get(moved.streamName) ?? 'no_stream'),
      };
    }
    let revision = current ?? -1n;
    for (const event of append.events) {
      revision += 1n;
      head += 1n;
      const row: EventRow = { ...event, streamName: append.streamName, streamRevision: revision, globalPosition: head };
      rows.push(row);
      stored.set(event.eventId, row);
    }
    revisions.set(append.streamName, revision);
    written.set(append.streamName, revision);
    for (const row of append.alongside ?? []) {
      alongside.push(row);
      existingRows.add(rowId(row.table, keyOf(row)));
    }
    return { ok: true, result: { nextExpectedRevision: revision, position: head } };
  });

  return { outcomes, rows, alongside, streamRevisions: written, head };
}

function matches(expected: ExpectedRevision, current: bigint | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === undefined;
  if (expected === 'stream_exists') return current !== undefined;
  return current === expected;
}

/**
 * An idempotent retry carries ids that are all already stored, in this stream, in the same order
 * (consecutive revisions): it gets the result of the original append back. Any other overlap with
 * stored ids (another stream, only some ids, another order, an id twice) is a duplicate. Returns
 * undefined when none of the ids is known, i.e. this is a new append.
 */
function findRetry(append: PlannedAppend, stored: Map<string, StoredEventRef>): AppendOutcome | undefined {
  const ids = append.events.map((event) => event.eventId);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) return { ok: false, error: new DuplicateEventIdError(repeated) };
  const refs = ids.map((id) => stored.get(id));
  const firstKnown = refs.findIndex((ref) => ref !== undefined);
  if (firstKnown === -1) return undefined;
  const first = refs[0];
  const isRetry =
    first !== undefined &&
    refs.every((ref, index) => ref?.streamName === append.streamName && ref.streamRevision === first.streamRevision + BigInt(index));
  const last = refs[refs.length - 1];
  if (isRetry && last) return { ok: true, result: { nextExpectedRevision: last.streamRevision, position: last.globalPosition } };
  return { ok: false, error: new DuplicateEventIdError(ids[firstKnown] ?? '') };
}
