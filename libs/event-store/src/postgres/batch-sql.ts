import { BATCH_SETTING_CALLS } from '@passerelle/database';
import type { RowAlongside } from '../event-store.port';
import type { BatchPlan } from './batch-plan';
import { APPENDED_CHANNEL, type EventStoreTables } from './postgres-schema';
import { existingRowsQueries, insertCtes, noneExists } from './rows-alongside';

/**
 * The SQL text of an append batch, for simple-query strings (that protocol takes no parameters,
 * and one string saves a round trip while the head lock is held: docs/adr/0010-append-round-trips.md).
 * Every value is a number or an escaped literal; event ids are UUIDs checked by prepareEvents.
 */

/**
 * Takes the head lock: a statement of its own (see lookupStatement), held until COMMIT. It also
 * sets the batch's settings, at no statement's cost: every statement after it reads by key.
 */
export const lockStatement = ({ head }: EventStoreTables): string =>
  `SELECT position, ${BATCH_SETTING_CALLS} FROM ${head} WHERE id = 1 FOR UPDATE`;

/**
 * What a plan needs, read after the lock: under READ COMMITTED a statement that waited for a lock
 * still reads with the snapshot it started with, whereas the statement after it sees what the
 * previous lock holder committed. Rows of kind 's' are stream revisions, of kind 'e' stored event
 * ids, of kind 'r' rows alongside already in their tables (table in stream_name, key in row_key).
 */
export function lookupStatement(
  { streams, events }: EventStoreTables,
  streamNames: readonly string[],
  eventIds: readonly string[],
  alongside: readonly RowAlongside[],
): string {
  const existingRows = existingRowsQueries(alongside, literal).map(
    (query) => `UNION ALL
    SELECT 'r', NULL::uuid, row_table, NULL::bigint, NULL::bigint, row_key FROM (${query}) AS r`,
  );
  return `SELECT 's' AS kind, NULL::uuid AS event_id, stream_name, revision AS stream_revision, NULL::bigint AS global_position, NULL::text AS row_key
      FROM ${streams} WHERE stream_name = ANY(${array(streamNames.map(literal), 'text')})
    UNION ALL
    SELECT 'e', event_id, stream_name, stream_revision, global_position, NULL FROM ${events}
      WHERE event_id = ANY(${array(eventIds.map(literal), 'uuid')})
    ${existingRows.join(' ')}`;
}

/**
 * True when the head and every assumed stream revision (-1 for none) are what a guessed plan
 * assumed, and none of its rows alongside is in its table yet.
 */
export function guessHolds(
  { head, streams }: EventStoreTables,
  knownHead: bigint,
  assumed: ReadonlyMap<string, bigint>,
  alongside: readonly RowAlongside[],
): string {
  const names = array([...assumed.keys()].map(literal), 'text');
  const revisions = array([...assumed.values()].map(String), 'bigint');
  return `(SELECT position FROM ${head} WHERE id = 1) = ${knownHead.toString()} AND NOT EXISTS (
      SELECT 1 FROM unnest(${names}, ${revisions}) AS expected(stream_name, revision)
      LEFT JOIN ${streams} AS s ON s.stream_name = expected.stream_name
      WHERE coalesce(s.revision, -1) <> expected.revision) AND ${noneExists(alongside, literal)}`;
}

/**
 * One statement writes the whole batch: events (one multi-row insert), stream revisions, head, and
 * the rows alongside (one insert per table). `condition` is evaluated once, under the lock: when
 * false the statement writes nothing. The NOTIFY is delivered at COMMIT and only if it commits: it
 * wakes subscribers in other processes.
 */
export function writeStatement({ events, streams, head }: EventStoreTables, plan: BatchPlan, recordedAt: Date, condition: string): string {
  const { rows } = plan;
  const revised = [...plan.streamRevisions];
  const columns = [
    array(
      rows.map((row) => row.globalPosition.toString()),
      'bigint',
    ),
    array(
      rows.map((row) => literal(row.eventId)),
      'uuid',
    ),
    array(
      rows.map((row) => literal(row.streamName)),
      'text',
    ),
    array(
      rows.map((row) => row.streamRevision.toString()),
      'bigint',
    ),
    array(
      rows.map((row) => literal(row.type)),
      'text',
    ),
    array(
      rows.map((row) => literal(row.data)),
      'jsonb',
    ),
    array(
      rows.map((row) => literal(row.metadata)),
      'jsonb',
    ),
  ].join(', ');
  const revisions = [
    array(
      revised.map(([name]) => literal(name)),
      'text',
    ),
    array(
      revised.map(([, revision]) => revision.toString()),
      'bigint',
    ),
  ].join(', ');
  return `WITH guard AS (SELECT ${condition} AS held), inserted AS (
      INSERT INTO ${events} (global_position, event_id, stream_name, stream_revision, type, data, metadata, recorded_at)
      SELECT *, ${literal(recordedAt.toISOString())}::timestamptz FROM unnest(${columns}) WHERE (SELECT held FROM guard)
    ), revised AS (
      INSERT INTO ${streams} (stream_name, revision) SELECT * FROM unnest(${revisions}) WHERE (SELECT held FROM guard)
      ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision
    ), moved AS (
      UPDATE ${head} SET position = ${plan.head.toString()} WHERE id = 1 AND (SELECT held FROM guard) RETURNING position
    )${insertCtes(plan.alongside, literal, '(SELECT held FROM guard)')
      .map((cte) => `, ${cte}`)
      .join('')}
    SELECT (SELECT held FROM guard) AS held, (SELECT pg_notify(${literal(APPENDED_CHANNEL)}, position::text) FROM moved) AS notified`;
}

/**
 * A string as an SQL literal. An E'' string with backslashes and quotes doubled means the same
 * whatever standard_conforming_strings says; NUL cannot occur (prepareEvents refuses it). Regular
 * expressions rather than pg's character loop: event data is most of a batch's bytes.
 */
export function literal(value: string): string {
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const array = (values: readonly string[], type: string): string => `ARRAY[${values.join(',')}]::${type}[]`;
