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

  it('pages through 1,000 reads with every page size from 1 to 50, each read exactly once, newest first', async () => {
    const caseId = randomUUID();
    // Recorded out of time order (a slow request logs after a faster, later one), with ties.
    const shuffled = Array.from({ length: 1000 }, (_, i) => i).sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009));
    const at = (i: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, Math.floor(i / 3)));
    for (let start = 0; start < shuffled.length; start += 100) {
      await store.record(shuffled.slice(start, start + 100).map((i) => read(caseId, { keyId: `key-${i}`, readAt: at(i) })));
    }
    const everything = (await store.listForCase(caseId, { limit: 1000 })).entries;
    expect(everything).toHaveLength(1000);
    expect(new Set(everything.map((entry) => entry.keyId)).size).toBe(1000);
    const times = everything.map((entry) => entry.readAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (let limit = 1; limit <= 50; limit++) {
      const seen: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page = await store.listForCase(caseId, { limit, before });
        expect(page.entries.length).toBeLessThanOrEqual(limit);
        seen.push(...page.entries.map((entry) => entry.id));
        if (page.nextCursor === null) break;
        before = page.nextCursor;
      }
      expect(seen).toEqual(everything.map((entry) => entry.id));
    }
  });

  it('answers an empty page to a cursor from another case', async () => {
    const [mine, other] = [randomUUID(), randomUUID()];
    await store.record([read(mine), read(mine), read(other)]);
    const first = await store.listForCase(other, { limit: 10 });
    expect((await store.listForCase(mine, { limit: 10, before: first.entries[0]?.id })).entries).toEqual([]);
  });

  it('adds her reads up per organisation, Paris day and categories, oldest first, for her access report', async () => {
    const caseId = randomUUID();
    await store.record([
      read(caseId, { readAt: new Date('2026-11-21T22:30:00Z') }), // 23:30 in Paris: still the 21st
      read(caseId, { readAt: new Date('2026-11-21T08:00:00Z') }),
      read(caseId, { readAt: new Date('2026-11-21T23:30:00Z') }), // 00:30 on the 22nd in Paris
      read(caseId, { organisationId: 'asso-93', categories: ['identity', 'health'], readAt: new Date('2026-11-20T09:00:00Z') }),
      read(caseId, { categories: ['identity', 'contact'], readAt: new Date('2026-11-21T09:00:00Z') }),
      read(randomUUID(), { readAt: new Date('2026-11-21T08:00:00Z') }),
    ]);
    const { days, complete } = await store.readsByDay(caseId, { timeZone: 'Europe/Paris', limit: 10 });
    expect(complete).toBe(true);
    expect(days.map((d) => [d.organisationId, d.day, d.categories, d.times, d.firstAt.toISOString(), d.lastAt.toISOString()])).toEqual([
      ['asso-93', '2026-11-20', ['identity', 'health'], 1, '2026-11-20T09:00:00.000Z', '2026-11-20T09:00:00.000Z'],
      ['refuge-75', '2026-11-21', ['identity'], 2, '2026-11-21T08:00:00.000Z', '2026-11-21T22:30:00.000Z'],
      ['refuge-75', '2026-11-21', ['identity', 'contact'], 1, '2026-11-21T09:00:00.000Z', '2026-11-21T09:00:00.000Z'],
      ['refuge-75', '2026-11-22', ['identity'], 1, '2026-11-21T23:30:00.000Z', '2026-11-21T23:30:00.000Z'],
    ]);
    expect(await store.readsByDay(caseId, { timeZone: 'Europe/Paris', limit: 3 })).toMatchObject({ complete: false, days: { length: 3 } });
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
