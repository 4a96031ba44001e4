import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '@passerelle/migrations';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { LinkageKeyStore, lookUpLinkageKeys } from './linkage-keys';
import { PRIVACY_MIGRATIONS } from './privacy.migration';

describe('LinkageKeyStore', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: LinkageKeyStore;
  const read = (caseIds: string[]) => lookUpLinkageKeys((sql, parameters) => pool.query(sql, parameters).then((r) => r.rows), caseIds);

  beforeAll(async () => {
    db = await createTestDatabase('linkage');
    pool = new Pool({ connectionString: db.url, max: 4 });
    await migrate(pool, [PRIVACY_MIGRATIONS]);
    store = new LinkageKeyStore(pool);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('keeps the key of each of many identifications recorded at once, each caller answered once its row is in', async () => {
    const cases = Array.from({ length: 300 }, (_, i) => ({ caseId: randomUUID(), key: `lk-${i}` }));
    await Promise.all(cases.map(({ caseId, key }) => store.record(caseId, key)));
    const keys = await read(cases.map((c) => c.caseId));
    expect(
      cases.every(
        ({ caseId, key }) => keys.get(caseId)?.state === 'live' && (keys.get(caseId) as { linkageKey: string }).linkageKey === key,
      ),
    ).toBe(true);
  });

  it('keeps the first key when one case is recorded twice together (a retried identification), and never overwrites a tombstone', async () => {
    const retried = randomUUID();
    await Promise.all([store.record(retried, 'first'), store.record(retried, 'second')]);
    expect((await read([retried])).get(retried)).toEqual({ state: 'live', linkageKey: 'first' });

    const erased = randomUUID();
    await store.record(erased, 'hers');
    expect(await store.erase(erased)).toBe(true);
    await store.record(erased, 'hers');
    expect((await read([erased])).get(erased)).toEqual({ state: 'erased' });
  });
});
