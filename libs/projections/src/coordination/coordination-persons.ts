import type { EntityManager } from 'typeorm';
import { addPersons, takeAwayPersons } from './coordination-cells-upkeep';
import { runPrepared } from '../runner/run-prepared';

/**
 * Women as the gaps view links them: one row per linkage key, aggregated over her identifications
 * that carry a coordination consent (expiry aside), so that a query reads one row per woman instead
 * of grouping every identification. `linkable_until` is the earliest consent expiry among them: up
 * to then the row is exact; after it, queries recompute that woman from her identifications
 * (see coordination-gaps.query.ts). Derived only from coordination_cases, in the projection's
 * transaction, so a replay or a rebuild gives the same rows.
 */
export const personsOf = (where: string) => `
  SELECT c.linkage_key,
         (array_agg(c.department ORDER BY c.identified_at, c.case_id))[1] AS department,
         min(c.identified_at) AS first_at,
         min(c.identified_at) FILTER (WHERE c.identifier_kind <> 'authority') AS ngo_at,
         min(c.identified_at) FILTER (WHERE c.identifier_kind = 'authority') AS authority_at,
         coalesce(array_agg(DISTINCT i.indicator ORDER BY i.indicator) FILTER (WHERE i.indicator IS NOT NULL), '{}') AS indicators,
         min(c.coordination_until) AS linkable_until
  FROM coordination_cases c LEFT JOIN LATERAL unnest(c.indicators) AS i(indicator) ON true
  WHERE ${where} GROUP BY c.linkage_key`;

/** Identifications that may be linked while their consent lasts. */
export const LINKABLE = 'c.linkage_key IS NOT NULL AND c.coordination_until IS NOT NULL';

/** Every woman's row from scratch (after a rebuild, or to backfill). */
export async function recomputeAllPersons(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM coordination_persons');
  await manager.query(`INSERT INTO coordination_persons (linkage_key, department, first_at, ngo_at, authority_at, indicators, linkable_until)
    ${personsOf(LINKABLE)}`);
}

/**
 * Recomputes the rows of these women, and moves their summary cells by what they counted before and
 * count now (two statements: an INSERT would not see a DELETE of the same statement).
 */
export async function refreshPersons(manager: EntityManager, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const taken = takeAwayPersons('DELETE FROM coordination_persons WHERE linkage_key = ANY ($1::text[]) RETURNING *');
  const [emptied] = await runPrepared(manager, 'coordination-persons-take-away', `WITH ${taken.ctes.join(', ')} SELECT ${taken.emptied}`, [
    keys,
  ]);
  const added = addPersons(
    `INSERT INTO coordination_persons (linkage_key, department, first_at, ngo_at, authority_at, indicators, linkable_until)
      ${personsOf(`${LINKABLE} AND c.linkage_key = ANY ($1::text[])`)} RETURNING *`,
    '$2',
  );
  await runPrepared(manager, 'coordination-persons-add', `WITH ${added.join(', ')} SELECT 1`, [
    keys,
    JSON.stringify(Object.values(emptied ?? {})[0] ?? []),
  ]);
}
