import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { AccessLogStore, type AccessLogEntry } from './access-log.store';

describe('AccessLogStore on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: AccessLogStore;

  const read = (caseId: string, overrides: Partial<AccessLogEntry> = {}): AccessLogEntry => ({
    caseId,
    organisationId: 'refuge-75',
    keyId: 'key-1',
    via: 'inbox',
    referralId: null,
    categories: ['identity'],
    readAt: new Date('2026-11-22T10:00:00Z'),
    ...overrides,
  });

  beforeAll(async () => {
    db = await createTestDatabase('privacy_access_log');
    pool = new Pool({ connectionString: db.url, max: 4 });
    store = new AccessLogStore(pool);
    // Twice, as two processes starting one after the other would.
    await Promise.all([store.migrate(), new AccessLogStore(pool).migrate()]);
    await store.migrate();
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('records a whole page of reads in one statement and lists a case newest first', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const referralId = randomUUID();
    const written = await store.record([
      read(a, { categories: ['identity', 'contact'], referralId }),
      read(b),
      read(a, { organisationId: 'asso-93', keyId: null, via: 'case' }),
    ]);
    expect(written).toBe(3);
    const page = await store.listForCase(a, { limit: 10 });
    expect(page.entries.map((e) => [e.organisationId, e.via, e.categories])).toEqual([
      ['asso-93', 'case', ['identity']],
      ['refuge-75', 'inbox', ['identity', 'contact']],
    ]);
    expect(page.entries[1]).toMatchObject({ keyId: 'key-1', referralId, readAt: new Date('2026-11-22T10:00:00Z') });
    expect(page.nextCursor).toBeNull();
  });

  it('skips reads that opened nothing: nothing of her was disclosed', async () => {
    const caseId = randomUUID();
    expect(await store.record([read(caseId, { categories: [] })])).toBe(0);
    expect((await store.listForCase(caseId, { limit: 10 })).entries).toEqual([]);
  });

  it('pages with a cursor until the oldest read', async () => {
    const caseId = randomUUID();
    await store.record(Array.from({ length: 5 }, (_, i) => read(caseId, { keyId: `key-${i}` })));
    const first = await store.listForCase(caseId, { limit: 2 });
    const second = await store.listForCase(caseId, { limit: 2, before: first.nextCursor ?? undefined });
    const third = await store.listForCase(caseId, { limit: 2, before: second.nextCursor ?? undefined });
    expect([...first.entries, ...second.entries, ...third.entries].map((e) => e.keyId)).toEqual([
      'key-4',
      'key-3',
      'key-2',
      'key-1',
      'key-0',
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it('orders by the log’s sequence as a number, not as text (read 10 comes after read 9)', async () => {
    const caseId = randomUUID();
    await store.record(Array.from({ length: 12 }, (_, i) => read(caseId, { keyId: `key-${i}` })));
    const page = await store.listForCase(caseId, { limit: 20 });
    expect(page.entries.map((e) => e.keyId)).toEqual(Array.from({ length: 12 }, (_, i) => `key-${11 - i}`));
  });

  it('lists what one person of an organisation read, newest first', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await store.record([
      read(a, { personId: 'person-1', keyId: null }),
      read(b, { personId: 'person-2', keyId: null }),
      read(b, { personId: 'person-1', keyId: null }),
    ]);
    const page = await store.listForReader('refuge-75', { personId: 'person-1' }, { limit: 10 });
    expect(page.entries.map((e) => [e.caseId, e.personId])).toEqual([
      [b, 'person-1'],
      [a, 'person-1'],
    ]);
  });

  it('refuses any update, delete or truncate: who read what cannot be rewritten', async () => {
    const caseId = randomUUID();
    await store.record([read(caseId)]);
    for (const statement of [
      `UPDATE privacy_access_log SET organisation_id = 'nobody' WHERE case_id = '${caseId}'`,
      `DELETE FROM privacy_access_log WHERE case_id = '${caseId}'`,
      'TRUNCATE privacy_access_log',
    ]) {
      await expect(pool.query(statement)).rejects.toThrow(/append-only/);
    }
    expect((await store.listForCase(caseId, { limit: 10 })).entries).toHaveLength(1);
  });
});
