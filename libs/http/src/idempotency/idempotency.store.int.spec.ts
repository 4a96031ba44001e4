import { migrate } from '@passerelle/migrations';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { Pool } from 'pg';
import { IDEMPOTENCY_MIGRATIONS } from './idempotency.migration';
import { IdempotencyStore, idempotencyKeyHash } from './idempotency.store';

describe('IdempotencyStore on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const rows = async () => (await pool.query('SELECT row_to_json(r)::text AS row FROM idempotency_records r')).rows as { row: string }[];
  /** Makes a record as old as `hours`: the clock of the database decides expiry. */
  const age = (key: string, hours: number) =>
    pool.query(`UPDATE idempotency_records SET created_at = now() - make_interval(hours => $2) WHERE key_hash = $1`, [
      idempotencyKeyHash('key-1', key),
      hours,
    ]);

  beforeAll(async () => {
    db = await createTestDatabase('idempotency_store');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await migrate(pool, [IDEMPOTENCY_MIGRATIONS]);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('stores the hash of the key, never the key a client may have made of her name', async () => {
    const store = new IdempotencyStore(pool);
    expect(await store.claim('key-1', 'refer-awa-0001', 'request-hash')).toEqual({ outcome: 'claimed' });
    await store.complete('key-1', 'refer-awa-0001', 201, { referralId: 'r-1' });
    expect(await store.claim('key-1', 'refer-awa-0001', 'request-hash')).toEqual({
      outcome: 'replay',
      statusCode: 201,
      body: { referralId: 'r-1' },
    });
    const stored = (await rows()).map((r) => r.row).join('\n');
    expect(stored).toContain(idempotencyKeyHash('key-1', 'refer-awa-0001'));
    expect(stored).not.toMatch(/awa/i);
  });

  it('forgets a key after its time to live: the same key then runs as a new request', async () => {
    const store = new IdempotencyStore(pool, { ttlMs: 24 * 3_600_000 });
    await store.claim('key-1', 'expiring-0001', 'first');
    await store.complete('key-1', 'expiring-0001', 201, { caseId: 'c-1' });
    await age('expiring-0001', 23);
    expect(await store.claim('key-1', 'expiring-0001', 'other')).toEqual({ outcome: 'mismatch' });
    await age('expiring-0001', 25);
    expect(await store.claim('key-1', 'expiring-0001', 'other')).toEqual({ outcome: 'claimed' });
  });

  it('purges every record past its time, and keeps the others', async () => {
    const store = new IdempotencyStore(pool, { ttlMs: 3_600_000 });
    await store.claim('key-1', 'old-0001', 'h');
    await store.claim('key-1', 'new-0001', 'h');
    await age('old-0001', 2);
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left = (await pool.query('SELECT key_hash FROM idempotency_records')).rows as { key_hash: string }[];
    expect(left.map((r) => r.key_hash)).toContain(idempotencyKeyHash('key-1', 'new-0001'));
    expect(left.map((r) => r.key_hash)).not.toContain(idempotencyKeyHash('key-1', 'old-0001'));
  });

  it('purges on the way of a claim, at most once a minute per process', async () => {
    let now = 0;
    const store = new IdempotencyStore(pool, { ttlMs: 3_600_000, now: () => now });
    await store.claim('key-1', 'first-0001', 'h');
    await store.claim('key-1', 'stale-0001', 'h');
    await age('stale-0001', 2);
    now = 30_000;
    await store.claim('key-1', 'second-0001', 'h');
    expect(
      (await pool.query('SELECT 1 FROM idempotency_records WHERE key_hash = $1', [idempotencyKeyHash('key-1', 'stale-0001')])).rowCount,
    ).toBe(1);
    now = 61_000;
    await store.claim('key-1', 'third-0001', 'h');
    expect(
      (await pool.query('SELECT 1 FROM idempotency_records WHERE key_hash = $1', [idempotencyKeyHash('key-1', 'stale-0001')])).rowCount,
    ).toBe(0);
  });
});
