import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPostgresEventStore, type PostgresEventStore } from '@passerelle/event-store';
import { migrateSchema } from '@passerelle/composition';
import { LONG_STATEMENT_TIMEOUT_MS } from '@passerelle/database';
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from '@passerelle/embedded-postgres';
import {
  CoordinationCapacityQuery,
  CoordinationFunnelQuery,
  CoordinationGapsQuery,
  createReadModelDataSource,
  READ_MODEL_ENTITIES,
  REBUILD_TARGETS,
  rebuildProjections,
  rebuildTargets,
} from '@passerelle/projections';
import { insertLinkageKeys, type RunSql } from '@passerelle/privacy';
import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { SeededRandom } from '../seed/random';
import { planOrganisations } from '../seed/seed-organisations';
import { syntheticOrganisations, syntheticWoman, type SyntheticAppend } from '../seed/synthetic-events';
import type { BenchOptions } from './benchmarks';
import { Latencies, round } from './load';

const say = (line: string) => console.error(line);

/**
 * `npm run bench -- rebuild [--events 200000] [--queries 30]` (`--events 1000000` for the issue's
 * full size). Seeds a store with synthetic events appended straight to the event store (reused
 * when a previous run left one that large), then measures `projections rebuild` throughput of
 * each read model and of all together, and funnel/gaps/capacity query latency over the rebuilt
 * models. Baselines on the same server in the same run: reading every event raw through `pg`,
 * copying every event server-side (INSERT … SELECT), and a plain GROUP BY over the referrals.
 */
export async function benchRebuild(options: BenchOptions): Promise<object> {
  const target = Number(options.option('--events') ?? 200_000);
  const queries = Number(options.option('--queries') ?? 30);
  const { url, description, stop } = await benchDatabase(target);
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 16 });
  let dataSource: DataSource | null = null;
  try {
    // The linkage keys are recorded beside the events while seeding: their table must exist first.
    await migrateSchema(url, 'bench');
    const seeding = await seed(store, url, target);
    const events = Number(await store.headPosition()) + 1;
    const models = await createReadModelDataSource(url, READ_MODEL_ENTITIES, {
      service: 'bench',
      purpose: 'rebuild',
      statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
    }).initialize();
    dataSource = models;
    const rebuild: Record<string, object> = {};
    for (const name of [...Object.keys(REBUILD_TARGETS), 'all']) {
      say(`rebuilding ${name} from ${events} events…`);
      const result = await rebuildProjections({ dataSource: models, store, targets: rebuildTargets(name) });
      rebuild[name] = { events: result.events, seconds: round(result.seconds), eventsPerSecond: round(result.events / result.seconds, 0) };
    }
    const [{ cases, referrals }] = await models.query<[{ cases: number; referrals: number }]>(
      'SELECT (SELECT count(*) FROM coordination_cases)::int AS cases, (SELECT count(*) FROM coordination_referrals)::int AS referrals',
    );
    // What the funnel and gaps views sum instead of the rows (libs/projections/src/coordination/coordination-cells.ts).
    const [summaryCells] = await models.query<[Record<string, number>]>(
      `SELECT ${['case', 'referral', 'delay', 'person'].map((cell) => `(SELECT count(*) FROM coordination_${cell}_cells)::int AS "${cell}"`).join(', ')}`,
    );
    say(`querying ${cases} cases, ${referrals} referrals…`);
    const now = new Date('2026-12-31T00:00:00Z');
    const funnel = new CoordinationFunnelQuery(models);
    const gaps = new CoordinationGapsQuery(models);
    const capacity = new CoordinationCapacityQuery(models);
    const latency = {
      funnel: await timed(queries, () => funnel.funnel({}, now)),
      funnelFiltered: await timed(queries, () =>
        funnel.funnel({ department: '93', indicator: 'trafficking_sexual', from: '2026-03-01', to: '2026-09-30' }, now),
      ),
      gaps: await timed(queries, () => gaps.gaps({}, now, 30)),
      gapsFiltered: await timed(queries, () => gaps.gaps({ department: '75', from: '2026-01-01', to: '2026-06-30' }, now, 30)),
      capacity: await timed(queries, () => capacity.capacity({}, now)),
    };
    const baseline = {
      readEventsPerSecond: round(await rawRead(url), 0),
      insertSelectRowsPerSecond: round(await rawCopy(url), 0),
      groupByReferrals: await timed(queries, () => models.query('SELECT status, count(*) FROM coordination_referrals GROUP BY status')),
    };
    const all = rebuild.all as { eventsPerSecond: number };
    return {
      benchmark: 'rebuild',
      server: description,
      events,
      cases,
      referrals,
      summaryCells,
      seeding,
      rebuild,
      queryLatencyMs: latency,
      baseline,
      ratios: {
        allToRawRead: round(all.eventsPerSecond / baseline.readEventsPerSecond, 3),
        allToInsertSelect: round(all.eventsPerSecond / baseline.insertSelectRowsPerSecond, 3),
      },
    };
  } finally {
    await dataSource?.destroy();
    await store.close();
    await stop();
  }
}

/** Appends synthetic women until the store holds `target` events; reuses whatever a previous run left. */
async function seed(store: PostgresEventStore, url: string, target: number) {
  const before = Number(await store.headPosition()) + 1;
  if (before >= target) return { reused: true, events: before };
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    return await seedWith(store, pool, before, target);
  } finally {
    await pool.end();
  }
}

async function seedWith(store: PostgresEventStore, pool: Pool, before: number, target: number) {
  const sql: RunSql = async (text, parameters) => (await pool.query<Record<string, unknown>>(text, parameters)).rows;
  const random = new SeededRandom(before + 1);
  const organisations = planOrganisations(new SeededRandom(1));
  const started = performance.now();
  let appended = 0;
  const append = async (appends: SyntheticAppend[]) => {
    for (const { stream, events, linkageKey } of appends) {
      if (linkageKey) await insertLinkageKeys(sql, [linkageKey]);
      await store.appendToStream(stream, events, { expectedRevision: 'any' });
      appended += events.length;
    }
  };
  if (before === 0) await append(syntheticOrganisations(organisations));
  let reported = 0;
  // 32 writers: the store groups concurrent appends into one transaction (ADR 0001).
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (before + appended < target) {
        await append(syntheticWoman(random, organisations));
        if (appended - reported >= 50_000) say(`  appended ${(reported = appended)} events`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    reused: false,
    events: before + appended,
    appended,
    seconds: round(seconds),
    appendedEventsPerSecond: round(appended / seconds, 0),
  };
}

async function timed(n: number, run: () => Promise<unknown>) {
  const latencies = new Latencies();
  await run(); // warm-up: plans and caches
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    latencies.record(performance.now() - started);
  }
  return { p50: latencies.percentile(50), p99: latencies.percentile(99), runs: n };
}

/** Every event read back through `pg` in pages of 2,000, as a rebuild reads them: its ceiling. */
async function rawRead(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    let after = '-1';
    let read = 0;
    for (;;) {
      const { rows } = await client.query<{ global_position: string }>(
        'SELECT global_position, type, data, metadata FROM es_events WHERE global_position > $1 ORDER BY global_position LIMIT 2000',
        [after],
      );
      const last = rows.at(-1);
      if (!last) break;
      read += rows.length;
      after = last.global_position;
    }
    return read / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}

/** Every event copied into a table server-side: what PostgreSQL writes with no client in the way. */
async function rawCopy(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_rebuild_copy');
    await client.query('CREATE TABLE bench_rebuild_copy (position bigint PRIMARY KEY, type text NOT NULL, data jsonb NOT NULL)');
    const started = performance.now();
    const { rowCount } = await client.query('INSERT INTO bench_rebuild_copy SELECT global_position, type, data FROM es_events');
    const seconds = (performance.now() - started) / 1000;
    await client.query('DROP TABLE bench_rebuild_copy');
    return (rowCount ?? 0) / seconds;
  } finally {
    await client.end();
  }
}

/**
 * A database kept between runs (seeding a million events takes minutes): on the server in
 * DATABASE_URL, or on an embedded PostgreSQL whose data stays in the system's temp directory.
 */
async function benchDatabase(events: number): Promise<{ url: string; description: string; stop: () => Promise<void> }> {
  let embedded: EmbeddedPostgres | null = null;
  let server = process.env.DATABASE_URL;
  if (!server) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(tmpdir(), 'passerelle-bench-rebuild'),
      port: await freePort(),
      log: () => undefined,
    });
    server = embedded.url;
  }
  const name = `passerelle_bench_rebuild_${events}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description: embedded
      ? 'embedded PostgreSQL 18 (npm start default), durable, in-process rebuild'
      : 'PostgreSQL from DATABASE_URL, in-process rebuild',
    stop: async () => embedded?.stop(),
  };
}
