import { Pool } from 'pg';
import { runFor } from './load';

/**
 * The raw PostgreSQL baseline: single-row insert transactions through `pg` at the same
 * concurrency, on the same server, in the same run. Every command figure is read against it.
 */
export async function insertBaseline(databaseUrl: string, clients: number, durationMs: number): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  try {
    await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');
    const started = Date.now();
    const rows = await runFor(clients, durationMs, async () => {
      await pool.query('INSERT INTO bench_baseline (payload) VALUES ($1)', [{ type: 'Baseline', at: Date.now() }]);
      return 1;
    });
    const perSecond = rows / ((Date.now() - started) / 1000);
    await pool.query('TRUNCATE bench_baseline');
    return perSecond;
  } finally {
    await pool.end();
  }
}
