import { randomUUID } from 'node:crypto';
import { metadata } from '../testing/inbox-events.fixtures';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { ensureCheckpoints } from './checkpoint-store';
import { commitBatch } from './commit-batch';
import type { Projection } from './projection';

/**
 * What a statement of a batch runs under (commit-batch.ts, BATCH_SETTINGS): whatever its estimated
 * cost, it is planned by key and never JIT-compiled. A server built with JIT compiles every plan
 * costed above `jit_above_cost`, and a sequential scan's disable cost puts a plan far above it:
 * without the setting, the webhook outbox's statement spent ~240 ms compiling at every batch.
 */
describe('commitBatch', () => {
  let fx: ReadModelFixture;
  const seen: { jit: string; plan: unknown }[] = [];
  const explaining: Projection = {
    name: 'explaining',
    handles: ['Explained'],
    async applyBatch(manager) {
      const [setting] = await manager.query<{ jit: string }[]>("SELECT current_setting('jit') AS jit");
      // No index on `wrapped`: a scan the setting makes cost ~10^10, far above any JIT threshold.
      const [explained] = await manager.query<{ 'QUERY PLAN': unknown }[]>(
        "EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM unindexed WHERE wrapped = 'k'",
      );
      seen.push({ jit: setting?.jit ?? '', plan: explained?.['QUERY PLAN'] });
    },
  };

  beforeAll(async () => {
    fx = await openReadModelFixture('projections_commit_batch');
    await fx.dataSource.query('CREATE TABLE unindexed (id int, wrapped text)');
    await fx.dataSource.query("INSERT INTO unindexed SELECT g, 'k' FROM generate_series(1, 1000) g");
    await ensureCheckpoints(fx.dataSource, [explaining.name], await fx.store.identity());
  });
  afterAll(async () => await fx.close());

  it('runs a batch with JIT off, so no statement of it is compiled, whatever its cost', async () => {
    await fx.store.appendToStream('explained-1', [{ eventId: randomUUID(), type: 'Explained', data: {}, metadata: metadata() }], {
      expectedRevision: 'any',
    });
    const batch = await fx.store.readAll();
    const member = { projection: explaining, handles: new Set(explaining.handles), checkpoint: -1n };

    await commitBatch(fx.dataSource, [member], batch, await fx.store.identity());

    expect(seen).toHaveLength(1);
    expect(seen[0]?.jit).toBe('off');
    expect(JSON.stringify(seen[0]?.plan)).not.toContain('"JIT"');
  });
});
