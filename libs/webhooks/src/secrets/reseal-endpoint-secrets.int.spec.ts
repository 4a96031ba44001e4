import { generateMasterKey, Keyring } from '@passerelle/privacy';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '@passerelle/migrations';
import { WEBHOOK_MIGRATIONS } from '../webhooks.schema';
import { resealEndpointSecrets } from './reseal-endpoint-secrets';
import { SecretBox } from './secret-box';

describe('rotating the master key with webhook endpoints registered', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('reseal');
    pool = new Pool({ connectionString: database.url, max: 2 });
    await migrate(pool, [WEBHOOK_MIGRATIONS]);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('re-seals every endpoint secret so the dispatcher keeps signing, and the old key opens none', async () => {
    const before = generateMasterKey();
    const after = generateMasterKey();
    const endpointId = randomUUID();
    await pool.query(
      `INSERT INTO webhook_endpoints (id, organisation_id, url, event_types, after_position) VALUES ($1, 'asso-93', 'https://partner.example/hook', '{*}', -1)`,
      [endpointId],
    );
    await pool.query('INSERT INTO webhook_secrets (endpoint_id, version, sealed) VALUES ($1, 1, $2)', [
      endpointId,
      new SecretBox(before.encode()).seal(endpointId, 'whsec_c2VjcmV0'),
    ]);
    const keyring = new Keyring(pool, before);
    await keyring.migrate();

    await keyring.rotateMaster(after, [resealEndpointSecrets]);

    const { rows } = await pool.query<{ sealed: Buffer }>('SELECT sealed FROM webhook_secrets WHERE endpoint_id = $1', [endpointId]);
    const sealed = rows[0]!.sealed;
    expect(new SecretBox(after.encode()).open(endpointId, sealed)).toBe('whsec_c2VjcmV0');
    expect(() => new SecretBox(before.encode()).open(endpointId, sealed)).toThrow();
  });
});
