import type { EntityManager } from 'typeorm';
import {
  CASE_CELLS,
  caseCells,
  columns,
  DELAY_CELLS,
  delayCells,
  PERSON_CELLS,
  personCells,
  REFERRAL_CELLS,
  referralCells,
  type CellTable,
} from './coordination-cells';
import { runPrepared } from '../runner/run-prepared';

/**
 * Keeps the summary cells (coordination-cells.ts) in step with a batch, in its transaction: what
 * the touched rows counted is taken away before the batch changes them, what they count is added
 * after. A cell left at zero is deleted, so the cells stay exactly those a rebuild computes from
 * scratch. Two statements per kind of row, whatever the batch size.
 */

/** Keys of the cells a taking-away left at zero, by table: deleted after the adding unless it filled them again. */
export type EmptiedCells = Record<string, object[]>;

const upsert = (cells: CellTable, rows: string) => `
  INSERT INTO ${cells.table} AS t (${columns(cells)}) ${rows}
  ON CONFLICT (${cells.key.join(', ')}) DO UPDATE SET ${cells.counts.map((n) => `${n} = t.${n} + EXCLUDED.${n}`).join(', ')}`;
const empty = (cells: CellTable, alias: string) => cells.counts.map((n) => `${alias}.${n} = 0`).join(' AND ');
const sameKey = (cells: CellTable, a: string, b: string) =>
  `(${cells.key.map((k) => `${a}.${k}`).join(', ')}) = (${cells.key.map((k) => `${b}.${k}`).join(', ')})`;

/** `name AS (…)` CTEs taking `rows` (negative counts) away from `cells`, and the expression listing the keys left empty. */
function takeAway(cells: CellTable, name: string, rows: string) {
  const keys = cells.key.map((k) => `'${k}', e.${k}`).join(', ');
  return {
    cte: `${name} AS (${upsert(cells, rows)} RETURNING *)`,
    emptied: `(SELECT coalesce(jsonb_agg(jsonb_build_object(${keys})), '[]') FROM ${name} e WHERE ${empty(cells, 'e')}) AS ${cells.table}`,
  };
}

/** CTEs adding `rows` to `cells`, then deleting the cells emptied before (JSON in `emptied`) that nothing filled again. */
function addAndPrune(cells: CellTable, name: string, rows: string, emptied: string): string[] {
  return [
    `${name} AS (${rows})`,
    `${name}_added AS (${upsert(cells, `SELECT * FROM ${name}`)})`,
    `${name}_pruned AS (
      DELETE FROM ${cells.table} t USING jsonb_to_recordset(${emptied}::jsonb) AS z(${cells.keyTypes})
      WHERE ${emptied}::jsonb <> '[]'::jsonb -- checked once: usually nothing was emptied, and then no scan
        AND ${sameKey(cells, 't', 'z')} AND ${empty(cells, 't')} AND NOT EXISTS (SELECT 1 FROM ${name} p WHERE ${sameKey(cells, 'p', 't')}))`,
  ];
}

// One array computed once, so that the cases are found through their key (an OR would scan them all).
const CASES =
  'c.case_id = ANY (ARRAY(SELECT unnest($1::uuid[]) UNION SELECT case_id FROM coordination_referrals WHERE referral_id = ANY ($2::uuid[])))';
const REFERRALS = 'r.referral_id = ANY ($2::uuid[])';

/**
 * Before a batch: takes away what these cases and referrals count now. The cases must include
 * those of every referral the batch makes, whose rows do not exist yet.
 */
export async function takeAwayCells(
  manager: EntityManager,
  caseIds: string[],
  referralIds: string[],
): Promise<{ emptied: EmptiedCells; linkageKeys: string[] }> {
  if (caseIds.length === 0 && referralIds.length === 0) return { emptied: {}, linkageKeys: [] };
  const parts = [
    takeAway(CASE_CELLS, 'cases', caseCells(-1, CASES)),
    takeAway(REFERRAL_CELLS, 'referrals', referralCells(-1, REFERRALS)),
    takeAway(DELAY_CELLS, 'delays', delayCells(-1, CASES, REFERRALS)),
  ];
  // Also her linkage key before the batch (one round trip less): an erasure removes it, and her person row must go.
  const keys =
    "(SELECT coalesce(array_agg(DISTINCT linkage_key), '{}') FROM coordination_cases WHERE case_id = ANY ($1::uuid[]) AND linkage_key IS NOT NULL)";
  const [row] = await runPrepared(
    manager,
    'coordination-cells-take-away',
    `WITH ${parts.map((p) => p.cte).join(', ')} SELECT ${parts.map((p) => p.emptied).join(', ')}, ${keys} AS linkage_keys`,
    [caseIds, referralIds],
  );
  const { linkage_keys: linkageKeys, ...emptied } = row as EmptiedCells & { linkage_keys: string[] };
  return { emptied, linkageKeys };
}

/** After the batch: adds what the same cases and referrals count now, and drops the cells left empty. */
export async function addCells(manager: EntityManager, caseIds: string[], referralIds: string[], emptied: EmptiedCells): Promise<void> {
  if (caseIds.length === 0 && referralIds.length === 0) return;
  const json = (cells: CellTable) => JSON.stringify(emptied[cells.table] ?? []);
  const ctes = [
    ...addAndPrune(CASE_CELLS, 'cases', caseCells(1, CASES), '$3'),
    ...addAndPrune(REFERRAL_CELLS, 'referrals', referralCells(1, REFERRALS), '$4'),
    ...addAndPrune(DELAY_CELLS, 'delays', delayCells(1, CASES, REFERRALS), '$5'),
  ];
  await runPrepared(manager, 'coordination-cells-add', `WITH ${ctes.join(', ')} SELECT 1`, [
    caseIds,
    referralIds,
    json(CASE_CELLS),
    json(REFERRAL_CELLS),
    json(DELAY_CELLS),
  ]);
}

/** With the deletion of these women's rows (`gone`, a DELETE … RETURNING *): takes them away from the cells. */
export const takeAwayPersons = (gone: string) => {
  const part = takeAway(PERSON_CELLS, 'persons_taken', personCells(-1, 'gone'));
  return { ctes: [`gone AS (${gone})`, part.cte], emptied: part.emptied };
};

/** With the insertion of their new rows (`added`, an INSERT … RETURNING *): adds them, drops what was left empty (JSON in `emptied`). */
export const addPersons = (added: string, emptied: string) => [
  `added AS (${added})`,
  ...addAndPrune(PERSON_CELLS, 'persons_added', personCells(1, 'added'), emptied),
];
