import type { EntityManager } from 'typeorm';
import { runPrepared } from '../runner/run-prepared';

/**
 * Recomputes the funnel summary of the cases selected by `cases` (a subquery of case ids) from
 * their referral rows. Derived only from rows of this read model, in the projection's own
 * transaction: replaying or rebuilding gives the same values.
 */
export const REFRESH_SUMMARIES = (cases: string) => `
  UPDATE coordination_cases c
  SET first_referred_at = s.first_referred_at, ever_accepted = s.ever_accepted, service_provided = s.service_provided
  FROM (
    SELECT case_id, min(made_at) AS first_referred_at, bool_or(accepted_at IS NOT NULL) AS ever_accepted,
           coalesce(bool_or(outcome = 'service_provided'), false) AS service_provided
    FROM coordination_referrals WHERE case_id IN (${cases}) GROUP BY case_id
  ) s
  WHERE c.case_id = s.case_id
    AND (c.first_referred_at IS DISTINCT FROM s.first_referred_at OR c.ever_accepted <> s.ever_accepted OR c.service_provided <> s.service_provided)`;

/** Every case's summary from scratch (after a rebuild). */
export async function refreshAllCaseSummaries(manager: EntityManager): Promise<void> {
  await manager.query(REFRESH_SUMMARIES('SELECT case_id FROM coordination_referrals'));
}

/** After a batch: the summaries of the cases whose referrals it touched. */
export async function refreshCaseSummaries(manager: EntityManager, referralIds: string[]): Promise<void> {
  if (referralIds.length === 0) return;
  await runPrepared(
    manager,
    'coordination-summaries-refresh',
    REFRESH_SUMMARIES('SELECT case_id FROM coordination_referrals WHERE referral_id = ANY ($1::uuid[])'),
    [referralIds],
  );
}
