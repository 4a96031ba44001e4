import { DECLINE_REASONS } from '@passerelle/domain';
import type { EntityManager } from 'typeorm';
import { BUCKET_OF, MONTH_OF } from './coordination-cells';

/**
 * Place requests in the coordination read model (docs/adr/0012-place-requests.md), kept like the
 * other summary cells (docs/adr/0009-coordination-summary-cells.md): counts per month the request was
 * made, her département and the service, and a histogram of the time to place, updated in the
 * batch's transaction (what the touched requests counted is taken away before the batch, what they
 * count after is added, a cell left empty is deleted).
 */

/** Hours between two timestamptz expressions, in float8. */
export const HOURS_BETWEEN = (later: string, earlier: string) => `((date_part('epoch', ${later}) - date_part('epoch', ${earlier})) / 3600)`;
export const TIME_TO_PLACE = 'p.placed_at - p.made_at';

const declineColumns = DECLINE_REASONS.map((reason) => `declines_${reason}`);

/** What one set of place requests (alias `p`) counts, with `sign` 1 or -1. */
const requestCells = (sign: number, requests: string) => `
  SELECT ${MONTH_OF('p.made_at')} AS month, p.department, p.service, p.status,
         ${sign} * count(*) AS requests, ${sign} * sum(p.recipients) AS recipients,
         ${sign} * count(*) FILTER (WHERE p.round = 1) AS first_rounds,
         ${sign} * count(*) FILTER (WHERE p.round = 2) AS second_rounds,
         ${sign} * count(*) FILTER (WHERE p.round >= 2) AS later_rounds,
         ${DECLINE_REASONS.map((reason) => `${sign} * coalesce(sum(d.${reason}), 0) AS declines_${reason}`).join(', ')}
  FROM coordination_place_requests p LEFT JOIN (
    SELECT place_request_id, ${DECLINE_REASONS.map((reason) => `count(*) FILTER (WHERE decline_reason = '${reason}') AS ${reason}`).join(', ')}
    FROM coordination_referrals WHERE place_request_id IS NOT NULL AND status = 'declined' GROUP BY place_request_id
  ) d ON d.place_request_id = p.place_request_id
  WHERE (${requests}) GROUP BY 1, 2, 3, 4`;

const delayCells = (sign: number, requests: string) => `
  SELECT ${MONTH_OF('p.made_at')} AS month, p.department, p.service, ${BUCKET_OF(TIME_TO_PLACE)} AS bucket, ${sign} * count(*) AS count
  FROM coordination_place_requests p WHERE (${requests}) AND p.placed_at IS NOT NULL GROUP BY 1, 2, 3, 4`;

const REQUEST_CELL_COUNTS = ['requests', 'recipients', 'first_rounds', 'second_rounds', 'later_rounds', ...declineColumns];
const tables = {
  requests: { table: 'coordination_place_request_cells', key: ['month', 'department', 'service', 'status'], counts: REQUEST_CELL_COUNTS },
  delays: { table: 'coordination_place_delay_cells', key: ['month', 'department', 'service', 'bucket'], counts: ['count'] },
};
const upsert = ({ table, key, counts }: (typeof tables)[keyof typeof tables], rows: string) => `
  INSERT INTO ${table} AS t (${[...key, ...counts].join(', ')}) ${rows}
  ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${counts.map((n) => `${n} = t.${n} + EXCLUDED.${n}`).join(', ')}`;

const TOUCHED = 'p.place_request_id = ANY ($1::uuid[])';

/** Adds (1) or takes away (-1) what the touched place requests count, in two statements. */
export async function countPlaceRequests(manager: EntityManager, placeRequestIds: string[], sign: 1 | -1): Promise<void> {
  if (placeRequestIds.length === 0) return;
  await manager.query(upsert(tables.requests, requestCells(sign, TOUCHED)), [placeRequestIds]);
  await manager.query(upsert(tables.delays, delayCells(sign, TOUCHED)), [placeRequestIds]);
  if (sign === 1) {
    // A request's contribution always counts itself, so a cell with no request (and a bucket with no delay) counts nothing.
    await manager.query(`DELETE FROM ${tables.requests.table} WHERE requests = 0`);
    await manager.query(`DELETE FROM ${tables.delays.table} WHERE count = 0`);
  }
}

/**
 * The place requests a batch touches: its own place-request events, and the requests of the
 * referrals it declines (a decline counts per request). Read before the batch is applied.
 */
export async function touchedPlaceRequests(
  manager: EntityManager,
  placeRequestIds: string[],
  declinedReferralIds: string[],
): Promise<string[]> {
  if (declinedReferralIds.length === 0) return [...new Set(placeRequestIds)];
  const rows: { place_request_id: string }[] = await manager.query(
    'SELECT DISTINCT place_request_id FROM coordination_referrals WHERE referral_id = ANY ($1::uuid[]) AND place_request_id IS NOT NULL',
    [declinedReferralIds],
  );
  return [...new Set([...placeRequestIds, ...rows.map((row) => row.place_request_id)])];
}

/**
 * After the rows are written: a new request takes her case's département, and every request its
 * round (1 for her first place request, 2 for the next…, in the order they were made).
 */
export async function derivePlaceRequests(manager: EntityManager, placeRequestIds: string[]): Promise<void> {
  if (placeRequestIds.length === 0) return;
  await manager.query(
    `UPDATE coordination_place_requests p SET department = c.department FROM coordination_cases c
     WHERE p.place_request_id = ANY ($1::uuid[]) AND p.department = '' AND c.case_id = p.case_id`,
    [placeRequestIds],
  );
  await manager.query(
    `UPDATE coordination_place_requests p SET round = r.round FROM (
       SELECT place_request_id, row_number() OVER (PARTITION BY case_id ORDER BY made_position) AS round
       FROM coordination_place_requests WHERE case_id IN (SELECT case_id FROM coordination_place_requests WHERE place_request_id = ANY ($1::uuid[]))
     ) r WHERE p.place_request_id = r.place_request_id AND p.round IS DISTINCT FROM r.round`,
    [placeRequestIds],
  );
}

/** Everything from scratch (after a rebuild's replay, or to check the cells kept batch by batch). */
export const RECOMPUTE_PLACE_REQUESTS = [
  `UPDATE coordination_place_requests p SET department = c.department FROM coordination_cases c WHERE c.case_id = p.case_id AND p.department = ''`,
  `UPDATE coordination_place_requests p SET round = r.round FROM (
     SELECT place_request_id, row_number() OVER (PARTITION BY case_id ORDER BY made_position) AS round FROM coordination_place_requests
   ) r WHERE p.place_request_id = r.place_request_id AND p.round IS DISTINCT FROM r.round`,
];
export const RECOMPUTE_PLACE_REQUEST_CELLS = [
  `TRUNCATE ${tables.requests.table}`,
  `INSERT INTO ${tables.requests.table} (${[...tables.requests.key, ...tables.requests.counts].join(', ')}) ${requestCells(1, 'true')}`,
  `TRUNCATE ${tables.delays.table}`,
  `INSERT INTO ${tables.delays.table} (${[...tables.delays.key, ...tables.delays.counts].join(', ')}) ${delayCells(1, 'true')}`,
];
export const PLACE_REQUEST_CELL_TABLES = [tables.requests.table, tables.delays.table];
export const PLACE_REQUEST_DECLINE_COLUMNS = declineColumns;
