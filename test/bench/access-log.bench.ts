import { AccessLogStore, type AccessLogEntry } from '@passerelle/privacy';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { BenchOptions } from './benchmarks';
import { Latencies, round, runFor } from './load';

const PAGE = 20;

/**
 * What logging one inbox page of reads costs (issue 3: "avoid making the inbox slow"): the access
 * log's one multi-row INSERT per page, against the same rows inserted raw into a plain table (no
 * index, no trigger) in one statement and one statement per row, on the same server in the same run.
 */
export async function benchAccessLog(databaseUrl: string, options: BenchOptions): Promise<object> {
  const pool = new Pool({ connectionString: databaseUrl, max: Math.max(...options.levels) });
  const store = new AccessLogStore(pool);
  await store.migrate();
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_access_raw (case_id uuid, organisation_id text, key_id text, via text, categories text[], read_at timestamptz)',
  );
  const page = (): AccessLogEntry[] =>
    Array.from({ length: PAGE }, () => ({
      caseId: randomUUID(),
      organisationId: 'refuge-75',
      keyId: randomUUID(),
      via: 'inbox',
      referralId: randomUUID(),
      categories: ['identity', 'contact'],
      readAt: new Date(),
    }));
  const raw = (rows: AccessLogEntry[]) => {
    const values = rows.flatMap((r) => [r.caseId, r.organisationId, r.keyId, r.via, r.categories, r.readAt]);
    const tuples = rows.map((_, i) => `(${[1, 2, 3, 4, 5, 6].map((c) => `$${i * 6 + c}`).join(', ')})`);
    return pool.query(`INSERT INTO bench_access_raw VALUES ${tuples.join(', ')}`, values);
  };
  const variants: Record<string, () => Promise<unknown>> = {
    accessLogPage: () => store.record(page()),
    rawMultiRowPage: () => raw(page()),
    rawRowByRowPage: async () => {
      for (const row of page()) await raw([row]);
    },
  };
  const results = [];
  try {
    for (const clients of options.levels) {
      const row: Record<string, unknown> = { clients };
      for (const [name, run] of Object.entries(variants)) {
        const latencies = new Latencies();
        const started = Date.now();
        const pages = await runFor(clients, (options.seconds * 1000) / 3, async () => {
          const t = performance.now();
          await run();
          latencies.record(performance.now() - t);
          return 1;
        });
        row[name] = {
          pagesPerSecond: round(pages / ((Date.now() - started) / 1000)),
          p50Ms: latencies.percentile(50),
          p99Ms: latencies.percentile(99),
        };
      }
      results.push(row);
    }
  } finally {
    await pool.end();
  }
  return { benchmark: 'access-log', rowsPerPage: PAGE, results };
}
