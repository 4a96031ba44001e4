import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { Keyring } from './keyring';
import { generateMasterKey, MasterKey } from './master-key';
import { PrivacyError, type PrivacyErrorCode } from './privacy-error';

async function codeOf(run: () => Promise<unknown>): Promise<PrivacyErrorCode | 'no error'> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PrivacyError) return error.code;
    throw error;
  }
  return 'no error';
}

/** Flips one bit of a base64url part of a sealed string. */
function alter(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

/**
 * pg's Pool.end() resolves before its clients' sockets close; DROP DATABASE ... WITH (FORCE) would
 * then kill those backends and the dying clients would raise an unhandled error. Wait for them.
 */
async function endPool(pool: Pool): Promise<void> {
  const clients = pool.totalCount;
  let removed = 0;
  const closed = new Promise<void>((resolve) => {
    if (clients === 0) resolve();
    pool.on('remove', () => {
      removed += 1;
      if (removed === clients) resolve();
    });
  });
  await pool.end();
  await closed;
}

async function blockedOnLocks(database: string): Promise<number> {
  const admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  try {
    const result = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
      [database],
    );
    return result.rows[0]?.n ?? 0;
  } finally {
    await admin.end();
  }
}

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('Keyring on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const master = generateMasterKey();
  let keyring: Keyring;
  /** A second process: same table and master key, its own cache. */
  const otherProcess = (options = {}) => new Keyring(pool, master, options);
  const keyRow = async (caseId: string) =>
    (await pool.query('SELECT wrapped_key, master_key_id, destroyed_at FROM privacy_case_keys WHERE case_id = $1', [caseId])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase('privacy_keyring');
    pool = new Pool({ connectionString: db.url, max: 20 });
    keyring = new Keyring(pool, master);
    await keyring.migrate();
    await keyring.migrate();
  });

  afterAll(async () => {
    await endPool(pool);
    await db.drop();
  });

  describe('seal and open', () => {
    it('round-trips a JSON value through a compact versioned string that hides it', async () => {
      const caseId = randomUUID();
      const person = { givenName: 'Awa', familyName: 'Diallo', languages: ['fr', 'dyu'], note: 'Élodie ✓' };
      const sealed = await keyring.seal(caseId, person);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(sealed).not.toContain('Awa');
      expect(await keyring.seal(caseId, person)).not.toBe(sealed);
      expect(await keyring.open(caseId, sealed)).toEqual(person);
      expect(await otherProcess().open(caseId.toUpperCase(), sealed)).toEqual(person);
    });

    it('binds a blob to its case: sealed for case A, it does not open under case B', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const sealed = await keyring.seal(a, { phone: '+33600000000' });
      await keyring.createDataKey(b);
      expect(await codeOf(() => keyring.open(b, sealed))).toBe('PRIVACY.TAMPERED');
    });

    it('rejects altered ciphertext, tag or nonce, and malformed strings, with PRIVACY.TAMPERED', async () => {
      const caseId = randomUUID();
      const sealed = await keyring.seal(caseId, 'Needs a place tonight');
      for (const part of [1, 2, 3] as const) expect(await codeOf(() => keyring.open(caseId, alter(sealed, part)))).toBe('PRIVACY.TAMPERED');
      for (const malformed of ['', 'v1.a.b', sealed.replace(/^v1/, 'v2'), `${sealed}.x`, sealed.replace('.', '.*')]) {
        expect(await codeOf(() => keyring.open(caseId, malformed))).toBe('PRIVACY.TAMPERED');
      }
    });

    it('seals personal fields per consent category and opens only the categories asked for', async () => {
      const caseId = randomUUID();
      const sealed = await keyring.sealPersonal(caseId, { identity: { givenName: 'Awa' }, health: { pregnant: true }, contact: undefined });
      expect(Object.keys(sealed).sort()).toEqual(['health', 'identity']);
      expect(await otherProcess().openPersonal(caseId, sealed, ['identity', 'contact'])).toEqual({ identity: { givenName: 'Awa' } });
      // A health blob copied into the identity slot must not be disclosed to an identity-only reader.
      const moved = { identity: sealed.health };
      expect(await codeOf(() => keyring.openPersonal(caseId, moved, ['identity']))).toBe('PRIVACY.TAMPERED');
    });

    it('says clearly when a case has no key, or the case id is not a UUID', async () => {
      expect(await codeOf(() => keyring.open(randomUUID(), 'v1.a.b.c'))).toBe('PRIVACY.KEY_NOT_FOUND');
      expect(await codeOf(() => keyring.seal('case-1', {}))).toBe('PRIVACY.INVALID_CASE_ID');
    });
  });

  describe('createDataKey', () => {
    it('is idempotent', async () => {
      const caseId = randomUUID();
      const first = await keyring.createDataKey(caseId);
      const again = await otherProcess().createDataKey(caseId);
      expect(first).toMatchObject({ caseId, masterKeyId: master.id, created: true });
      expect(again).toEqual({ ...first, created: false });
    });

    it('yields one key when many processes create it for the same case at once', async () => {
      const caseId = randomUUID();
      const processes = Array.from({ length: 16 }, () => otherProcess());
      // Hold inserts back until all 16 have looked, found no key and tried to insert one: the race, every time.
      const gate = await pool.connect();
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE privacy_case_keys IN SHARE ROW EXCLUSIVE MODE');
      const pending = Promise.all(processes.map((p) => p.createDataKey(caseId)));
      await waitUntil(async () => (await blockedOnLocks(db.name)) === processes.length);
      await gate.query('COMMIT');
      gate.release();
      const results = await pending;
      expect(results.filter((r) => r.created)).toHaveLength(1);
      // Every process holds the same key: what one seals, every other opens.
      const sealed = await Promise.all(processes.map((p, i) => p.seal(caseId, { from: i })));
      for (const [i, p] of processes.entries())
        expect(await p.open(caseId, sealed[(i + 1) % processes.length] ?? '')).toEqual({ from: (i + 1) % processes.length });
    });
    it('creates the keys of many cases asked for at once in shared inserts, one key each, the same case twice included', async () => {
      const caseIds = Array.from({ length: 40 }, () => randomUUID());
      const twice = caseIds[0] ?? '';
      const results = await Promise.all([...caseIds, twice].map((caseId) => keyring.createDataKey(caseId)));
      expect(results.filter((r) => r.created)).toHaveLength(40);
      expect(
        results
          .filter((r) => r.caseId === twice)
          .map((r) => r.created)
          .sort(),
      ).toEqual([false, true]);
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM privacy_case_keys WHERE case_id = ANY($1::uuid[])', [caseIds]);
      expect(rows[0]).toEqual({ n: 40 });
      for (const caseId of caseIds) expect(await otherProcess().open(caseId, await keyring.seal(caseId, 'x'))).toBe('x');
    });
  });

  describe('destroy (crypto-shredding)', () => {
    it('makes her fields unreadable everywhere and leaves a tombstone without key material', async () => {
      const caseId = randomUUID();
      const sealed = await keyring.seal(caseId, { givenName: 'Awa' });
      const personal = await keyring.sealPersonal(caseId, { identity: { givenName: 'Awa' } });
      expect(await keyring.open(caseId, sealed)).toEqual({ givenName: 'Awa' });

      expect(await keyring.destroy(caseId)).toBe(true);

      expect(await keyring.open(caseId, sealed)).toBeNull();
      expect(await otherProcess().open(caseId, sealed)).toBeNull();
      expect(await keyring.openPersonal(caseId, personal, ['identity'])).toBeNull();
      expect(await otherProcess().openPersonal(caseId, personal, ['contact'])).toBeNull();
      expect(await otherProcess().isDestroyed(caseId)).toBe(true);
      expect(await keyRow(caseId)).toEqual({ wrapped_key: null, master_key_id: null, destroyed_at: expect.any(Date) });
      expect(await keyring.destroy(caseId)).toBe(false);
    });

    it('never gives an erased case a new key', async () => {
      const caseId = randomUUID();
      await keyring.createDataKey(caseId);
      await keyring.destroy(caseId);
      expect(await codeOf(() => otherProcess().createDataKey(caseId))).toBe('PRIVACY.KEY_DESTROYED');
      expect(await codeOf(() => keyring.seal(caseId, { phone: '+33600000000' }))).toBe('PRIVACY.KEY_DESTROYED');
    });

    it('erases a case that had no key yet, so none can be made later', async () => {
      const caseId = randomUUID();
      expect(await keyring.isDestroyed(caseId)).toBe(false);
      expect(await keyring.destroy(caseId)).toBe(false);
      expect(await keyring.isDestroyed(caseId)).toBe(true);
      expect(await codeOf(() => otherProcess().seal(caseId, {}))).toBe('PRIVACY.KEY_DESTROYED');
    });

    it("evicts this process's cache at once; another process's cache only after its time to live", async () => {
      let now = 0;
      const warm = otherProcess({ cacheTtlMs: 60_000, now: () => now });
      const caseId = randomUUID();
      const sealed = await keyring.seal(caseId, { givenName: 'Awa' });
      expect(await warm.open(caseId, sealed)).toEqual({ givenName: 'Awa' });

      await keyring.destroy(caseId);

      expect(await keyring.open(caseId, sealed)).toBeNull();
      expect(await warm.open(caseId, sealed)).toEqual({ givenName: 'Awa' });
      now = 60_000;
      expect(await warm.open(caseId, sealed)).toBeNull();
    });
  });

  describe('master key', () => {
    it('detects a process started with another master key', async () => {
      const caseId = randomUUID();
      const sealed = await keyring.seal(caseId, 'x');
      expect(await codeOf(() => new Keyring(pool, generateMasterKey()).open(caseId, sealed))).toBe('PRIVACY.WRONG_MASTER_KEY');
      const sameIdOtherBytes = new MasterKey(master.id, generateMasterKey().material());
      expect(await codeOf(() => new Keyring(pool, sameIdOtherBytes).open(caseId, sealed))).toBe('PRIVACY.WRONG_MASTER_KEY');
    });

    it('refuses, at start, a master key that does not open the data keys already stored, and says what to do', async () => {
      await keyring.createDataKey(randomUUID());
      await expect(keyring.checkMasterKey()).resolves.toBeUndefined();
      await expect(new Keyring(pool, generateMasterKey()).checkMasterKey()).rejects.toThrow(
        /does not open the data keys already stored.*rotate/,
      );
      await expect(new Keyring(pool, new MasterKey(master.id, generateMasterKey().material())).checkMasterKey()).rejects.toMatchObject({
        code: 'PRIVACY.WRONG_MASTER_KEY',
      });
    });
  });
});

describe('Keyring master key rotation', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeEach(async () => {
    db = await createTestDatabase('privacy_rotation');
    pool = new Pool({ connectionString: db.url });
    await new Keyring(pool, generateMasterKey()).migrate();
  });

  afterEach(async () => {
    await endPool(pool);
    await db.drop();
  });

  it('rewraps every live key: the new key opens old blobs, the old key opens nothing', async () => {
    const oldMaster = generateMasterKey();
    const newMaster = generateMasterKey();
    const keyring = new Keyring(pool, oldMaster, { rotationBatchSize: 2 });
    const cases = Array.from({ length: 5 }, () => randomUUID());
    const sealed = await Promise.all(cases.map((caseId, i) => keyring.seal(caseId, { i })));
    const erased = randomUUID();
    await keyring.createDataKey(erased);
    await keyring.destroy(erased);

    expect(await keyring.rotateMaster(newMaster)).toBe(5);

    const withNew = new Keyring(pool, newMaster);
    const withOld = new Keyring(pool, oldMaster);
    for (const [i, caseId] of cases.entries()) {
      expect(await withNew.open(caseId, sealed[i] ?? '')).toEqual({ i });
      expect(await codeOf(() => withOld.open(caseId, sealed[i] ?? ''))).toBe('PRIVACY.WRONG_MASTER_KEY');
    }
    expect(await withNew.isDestroyed(erased)).toBe(true);
    const fresh = randomUUID();
    expect(await keyring.createDataKey(fresh)).toMatchObject({ masterKeyId: newMaster.id });
    expect(await keyring.rotateMaster(newMaster)).toBe(0);
  });

  it('changes nothing when one key is wrapped under a master key it does not hold', async () => {
    const master = generateMasterKey();
    const keyring = new Keyring(pool, master, { rotationBatchSize: 1 });
    const cases = [randomUUID(), randomUUID()];
    const sealed = await Promise.all(cases.map((caseId) => keyring.seal(caseId, 'kept')));
    await new Keyring(pool, generateMasterKey()).createDataKey(randomUUID());

    expect(await codeOf(() => keyring.rotateMaster(generateMasterKey()))).toBe('PRIVACY.WRONG_MASTER_KEY');

    const cold = new Keyring(pool, master);
    for (const [i, caseId] of cases.entries()) expect(await cold.open(caseId, sealed[i] ?? '')).toBe('kept');
  });

  it('refuses a new master key that reuses the current id with other bytes', async () => {
    const master = generateMasterKey('k1');
    const keyring = new Keyring(pool, master);
    expect(await codeOf(() => keyring.rotateMaster(generateMasterKey('k1')))).toBe('PRIVACY.MASTER_KEY_ID_REUSED');
  });
});
