import { migrate } from '@passerelle/migrations';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ApiKeyStore } from './api-key.store';
import { AUTH_MIGRATIONS } from './auth.migration';

const newKey = () => `psk_${randomBytes(32).toString('base64url')}`;

/** Machine keys on a real PostgreSQL: the upgrade of keys stored before people existed, expiry and last use. */
describe('ApiKeyStore on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let keys: ApiKeyStore;
  const oldBootstrap = newKey();

  beforeAll(async () => {
    db = await createTestDatabase('auth_api_keys');
    pool = new Pool({ connectionString: db.url, max: 2 });
    // A database as the previous release left it: the first migration only, and its admin key.
    const [first] = AUTH_MIGRATIONS.migrations;
    if (!first) throw new Error('no first migration');
    await migrate(pool, [{ module: 'auth', migrations: [first] }]);
    await pool.query(`INSERT INTO api_keys (key_id, organisation_id, role, key_hash) VALUES ($1, 'passerelle', 'admin', $2)`, [
      randomUUID(),
      createHash('sha256').update(oldBootstrap).digest(),
    ]);
    await migrate(pool, [AUTH_MIGRATIONS]);
    keys = new ApiKeyStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('keeps accepting a key stored as `admin`, now a network_admin bootstrap key', async () => {
    expect(await keys.verify(oldBootstrap)).toMatchObject({ organisationId: 'passerelle', role: 'network_admin' });
  });

  it('revokes that old bootstrap key as soon as the network starts with another one', async () => {
    const next = newKey();
    await keys.ensureBootstrapAdmin(next);
    expect(await keys.verify(oldBootstrap)).toBeNull();
    expect(await keys.verify(next)).toMatchObject({ role: 'network_admin' });
    await expect(keys.ensureBootstrapAdmin(oldBootstrap)).rejects.toThrow(/revoked/);
  });

  it('refuses a key past its expiry, and records when a key was last used', async () => {
    const issued = await keys.issue('asso-93', 'partner', 'case system');
    expect((await keys.list('asso-93'))[0]).toMatchObject({ id: issued.keyId, label: 'case system', lastUsedAt: null });
    expect(await keys.verify(issued.key)).not.toBeNull();
    for (let attempt = 0; attempt < 100 && (await keys.list('asso-93'))[0]?.lastUsedAt === null; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await keys.list('asso-93'))[0]?.lastUsedAt).not.toBeNull();
    await pool.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE key_id = $1`, [issued.keyId]);
    expect(await keys.verify(issued.key)).toBeNull();
  });

  it('refuses a malformed key without asking the database', async () => {
    expect(await keys.verify('not-a-key')).toBeNull();
  });
});
