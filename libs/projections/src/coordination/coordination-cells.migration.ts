import type { Migration } from '@passerelle/migrations';
import { DELAYS, RECOMPUTE_ALL_CELLS } from './coordination-cells';

/**
 * Summary cells for the funnel and gaps views (coordination-cells.ts), the indexes that let a
 * query read an exact delay at a given rank, and a backfill from the rows already projected.
 * Idempotent.
 */
export const COORDINATION_CELLS_MIGRATION: Migration = {
  id: '0004',
  name: 'create-coordination-cells',
  up: async (_schema, sql) => {
    await sql.query(`
      CREATE TABLE IF NOT EXISTS coordination_case_cells (
        month date NOT NULL, identified_by text NOT NULL, identifier_kind text NOT NULL, department text NOT NULL, indicators text[] NOT NULL,
        identified integer NOT NULL, referred integer NOT NULL, accepted integer NOT NULL, served integer NOT NULL,
        not_linkable integer NOT NULL, unreferred_trafficking integer NOT NULL,
        PRIMARY KEY (month, identified_by, identifier_kind, department, indicators)
      )`);
    await sql.query(`
      CREATE TABLE IF NOT EXISTS coordination_referral_cells (
        month date NOT NULL, to_org text NOT NULL, status text NOT NULL, accepted boolean NOT NULL, decline_reason text NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (month, to_org, status, accepted, decline_reason)
      )`);
    await sql.query(`
      CREATE TABLE IF NOT EXISTS coordination_delay_cells (
        month date NOT NULL, measure text NOT NULL, bucket bigint NOT NULL, count integer NOT NULL,
        PRIMARY KEY (month, measure, bucket)
      )`);
    await sql.query(`
      CREATE TABLE IF NOT EXISTS coordination_person_cells (
        month date NOT NULL, department text NOT NULL, indicators text[] NOT NULL, side text NOT NULL, count integer NOT NULL,
        PRIMARY KEY (month, department, indicators, side)
      )`);
    for (const [measure, { table, interval, present }] of Object.entries(DELAYS)) {
      const alias = table === 'cases' ? 'c.' : 'r.';
      await sql.query(`CREATE INDEX IF NOT EXISTS coordination_${table}_${measure}_idx ON coordination_${table} ((${interval.replaceAll(alias, '')}))
        WHERE ${present.replaceAll(alias, '')}`);
    }
    // What depends on the clock is read from the rows: overdue referrals, consents that expired.
    await sql.query(
      "CREATE INDEX IF NOT EXISTS coordination_referrals_waiting_idx ON coordination_referrals (respond_by) WHERE status = 'referred'",
    );
    await sql.query(`CREATE INDEX IF NOT EXISTS coordination_cases_until_idx ON coordination_cases (coordination_until)
      WHERE linkage_key IS NOT NULL AND coordination_until IS NOT NULL`);
    await sql.query(`CREATE INDEX IF NOT EXISTS coordination_persons_both_idx ON coordination_persons (first_at)
      WHERE ngo_at IS NOT NULL AND authority_at IS NOT NULL`);
    for (const statement of RECOMPUTE_ALL_CELLS) await sql.query(statement);
  },
};
