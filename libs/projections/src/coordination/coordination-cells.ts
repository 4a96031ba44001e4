import type { EntityManager } from 'typeorm';
import { daysBetween } from './coordination-filter';

/**
 * Summary cells of the coordination read model: the funnel and gaps views sum a few thousand of
 * these instead of scanning every case and referral. Each cell is a count over rows of this read
 * model, keyed by the month the woman was identified (UTC) and what the views filter or group on.
 * Derived only from coordination_cases, coordination_referrals and coordination_persons, in the
 * projection's own transaction: a replay or a rebuild gives the same cells.
 *
 * Delays cannot be summed, so `coordination_delay_cells` holds a histogram per month and measure;
 * a query finds in it the bucket of the rank it needs and reads the exact value from the rows
 * (coordination-delays.ts). A bucket is the lower bound, in whole seconds, of its delay range.
 */
export const MONTH_OF = (at: string) => `date_trunc('month', ${at} AT TIME ZONE 'UTC')::date`;

/** Seconds → bucket: a quarter of an hour up to 2 days, 3 hours up to 30 days, a day beyond. */
export const BUCKET_OF = (delay: string) => {
  const s = `extract(epoch FROM (${delay}))`;
  return `(CASE WHEN ${s} < 172800 THEN floor(${s} / 900) * 900 WHEN ${s} < 2592000 THEN floor(${s} / 10800) * 10800 ELSE floor(${s} / 86400) * 86400 END)::bigint`;
};

/** The three delays of the funnel: the interval, its days as the views compute them, and which rows have one (percentile_cont skips nulls). */
const delay = (table: 'cases' | 'referrals', later: string, earlier: string, present: string) => ({
  table,
  interval: `${later} - ${earlier}`,
  days: daysBetween(later, earlier),
  present,
});
export const DELAYS = {
  to_referred: delay('cases', 'c.first_referred_at', 'c.identified_at', 'c.first_referred_at IS NOT NULL'),
  to_accepted: delay('referrals', 'r.accepted_at', 'r.made_at', 'r.accepted_at IS NOT NULL'),
  to_closed: delay('referrals', 'r.closed_at', 'r.accepted_at', 'r.closed_at IS NOT NULL AND r.accepted_at IS NOT NULL'),
};
export type DelayMeasure = keyof typeof DELAYS;

const TRAFFICKING = "ARRAY['trafficking_sexual', 'trafficking_labour']::text[]";

/** Referrals onward: to an authority or to a specialised shelter (`r`, with its receiver `o`). */
const ONWARD_REFERRALS = 'coordination_referrals r LEFT JOIN coordination_organisations o ON o.organisation_id = r.to_org';
const IS_ONWARD = "(o.kind = 'authority' OR r.service = 'specialised_shelter')";

/** An NGO-side trafficking identification never referred to an authority nor to a specialised shelter (alias `c`). */
export const UNREFERRED_TRAFFICKING = `c.identifier_kind <> 'authority' AND c.indicators && ${TRAFFICKING}
  AND NOT EXISTS (SELECT 1 FROM ${ONWARD_REFERRALS} WHERE r.case_id = c.case_id AND ${IS_ONWARD})`;

/** A cell table: its key columns (with their types, to read keys back from JSON) and its counts. */
export interface CellTable {
  table: string;
  key: string[];
  keyTypes: string;
  counts: string[];
}
const cellTable = (table: string, keyTypes: string, counts: string[]): CellTable => ({
  table,
  key: keyTypes.split(', ').map((column) => column.split(' ')[0] ?? column),
  keyTypes,
  counts,
});
export const CASE_CELLS = cellTable(
  'coordination_case_cells',
  'month date, identified_by text, identifier_kind text, department text, indicators text[]',
  ['identified', 'referred', 'accepted', 'served', 'not_linkable', 'unreferred_trafficking'],
);
export const REFERRAL_CELLS = cellTable(
  'coordination_referral_cells',
  'month date, to_org text, status text, accepted boolean, decline_reason text',
  ['count'],
);
export const DELAY_CELLS = cellTable('coordination_delay_cells', 'month date, measure text, bucket bigint', ['count']);
export const PERSON_CELLS = cellTable('coordination_person_cells', 'month date, department text, indicators text[], side text', ['count']);
export const columns = (cells: CellTable) => [...cells.key, ...cells.counts].join(', ');

// For every case at once, a hash join on the cases referred onward instead of one index probe per case.
const ONWARD = `LEFT JOIN (SELECT DISTINCT r.case_id FROM ${ONWARD_REFERRALS} WHERE ${IS_ONWARD}) onward ON onward.case_id = c.case_id`;
// An NGO-side trafficking identification with no onward row (either join below gives `onward`).
const UNREFERRED_WITHOUT_ONWARD = `c.identifier_kind <> 'authority' AND c.indicators && ${TRAFFICKING} AND onward.case_id IS NULL`;
// For a batch's few cases, one probe of the case index each. Written as a NOT EXISTS in the count,
// a generic plan hashed the whole coordination_referrals table at every batch instead.
const ONWARD_OF_EACH = `LEFT JOIN LATERAL (
    SELECT r.case_id FROM ${ONWARD_REFERRALS} WHERE r.case_id = c.case_id AND ${IS_ONWARD} LIMIT 1) onward ON true`;

/** `sign` is 1 or -1; `cases` and `referrals` are conditions on `c` and `r`; `all` when they select every row. */
export const caseCells = (sign: number, cases: string, all = false) => `
  SELECT ${MONTH_OF('c.identified_at')} AS month, c.identified_by, c.identifier_kind, c.department, c.indicators,
         ${sign} * count(*) AS identified, ${sign} * count(c.first_referred_at) AS referred,
         ${sign} * count(*) FILTER (WHERE c.ever_accepted) AS accepted, ${sign} * count(*) FILTER (WHERE c.service_provided) AS served,
         ${sign} * count(*) FILTER (WHERE c.linkage_key IS NULL OR c.coordination_until IS NULL) AS not_linkable,
         ${sign} * count(*) FILTER (WHERE ${UNREFERRED_WITHOUT_ONWARD}) AS unreferred_trafficking
  FROM coordination_cases c ${all ? ONWARD : ONWARD_OF_EACH} WHERE (${cases}) GROUP BY 1, 2, 3, 4, 5`;

// A referral is counted under the month of her identification; '-infinity' if that case is unknown.
const referralsWithMonth = (referrals: string) => `
  SELECT r.*, coalesce(${MONTH_OF('c.identified_at')}, '-infinity'::date) AS month
  FROM coordination_referrals r LEFT JOIN coordination_cases c ON c.case_id = r.case_id WHERE (${referrals})`;

export const referralCells = (sign: number, referrals: string) => `
  SELECT month, to_org, status, accepted_at IS NOT NULL AS accepted, coalesce(decline_reason, '') AS decline_reason, ${sign} * count(*) AS count
  FROM (${referralsWithMonth(referrals)}) r GROUP BY 1, 2, 3, 4, 5`;

export const delayCells = (sign: number, cases: string, referrals: string) => {
  const { to_referred: referred, to_accepted: accepted, to_closed: closed } = DELAYS;
  return `
  SELECT month, measure, bucket, ${sign} * count(*) AS count FROM (
    SELECT ${MONTH_OF('c.identified_at')} AS month, 'to_referred' AS measure, ${BUCKET_OF(referred.interval)} AS bucket
    FROM coordination_cases c WHERE (${cases}) AND ${referred.present}
    UNION ALL
    SELECT month, 'to_accepted', ${BUCKET_OF(accepted.interval)} FROM (${referralsWithMonth(referrals)}) r WHERE ${accepted.present}
    UNION ALL
    SELECT month, 'to_closed', ${BUCKET_OF(closed.interval)} FROM (${referralsWithMonth(referrals)}) r WHERE ${closed.present}
  ) d GROUP BY 1, 2, 3`;
};

export const personCells = (sign: number, persons: string) => `
  SELECT ${MONTH_OF('p.first_at')} AS month, p.department, p.indicators,
         CASE WHEN p.ngo_at IS NULL THEN 'authority_only' WHEN p.authority_at IS NULL THEN 'ngo_only' ELSE 'both' END AS side,
         ${sign} * count(*) AS count
  FROM ${persons} p GROUP BY 1, 2, 3, 4`;

/** Every cell from scratch (after a rebuild's replay, or to backfill), as statements to run in order. */
const recompute = (cells: CellTable, rows: string) => [`TRUNCATE ${cells.table}`, `INSERT INTO ${cells.table} (${columns(cells)}) ${rows}`];
/** Each cell table from scratch, as statements to run in order: cases and their delays after the case summaries, women after their rows. */
export const RECOMPUTE_CELLS = {
  cases: recompute(CASE_CELLS, caseCells(1, 'true', true)),
  referrals: recompute(REFERRAL_CELLS, referralCells(1, 'true')),
  delays: recompute(DELAY_CELLS, delayCells(1, 'true', 'true')),
  persons: recompute(PERSON_CELLS, personCells(1, 'coordination_persons')),
};
/** Every cell from scratch (to backfill, or to check the cells kept batch by batch). */
export const RECOMPUTE_ALL_CELLS = Object.values(RECOMPUTE_CELLS).flat();

export async function runStatements(manager: EntityManager, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await manager.query(statement);
}
