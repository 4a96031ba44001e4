import { keyring as keyringResource } from '@passerelle/composition';
import { ensureEmbeddedSecrets, loadConfig, type RuntimeSettings } from '@passerelle/config';
import { Keyring, MasterKey, parseMasterKey, type PrivacyError } from '@passerelle/privacy';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { CliContext } from '../../apps/cli/src/cli-command';
import { COMMANDS } from '../../apps/cli/src/commands';
import { auth } from './support/fixtures';
import { consent, identify, onboardKeyed, refer, type KeyedPartner } from './support/consent-fixtures';
import { startTestNetwork } from './support/test-network';

const rotateMaster = COMMANDS.find((c) => c.words.join(' ') === 'keys rotate-master');

/**
 * `npm run cli -- keys rotate-master` through the command's own code path (issue 3, item 7): data
 * written under the old master key is read by a network started with the new one, and the old
 * key opens nothing any more.
 */
describe('keys rotate-master', () => {
  let database: TestDatabase;
  let dataDir: string;
  let ngo: KeyedPartner;
  let refuge: KeyedPartner;
  let caseId: string;
  let referralId: string;
  let erasedCase: string;
  let oldMasterKey: MasterKey;

  const query = async <Row>(text: string, params: unknown[] = []): Promise<Row[]> => {
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      return (await pool.query(text, params)).rows as Row[];
    } finally {
      await pool.end();
    }
  };
  const sealedPersonal = async (id: string) =>
    (
      await query<{ personal: Record<string, string> }>(
        `SELECT data->'personal' AS personal FROM es_events WHERE stream_name = $1 AND type = 'PersonIdentified'`,
        [`case-${id}`],
      )
    )[0]?.personal ?? {};
  /** What a process holding `key` gets when it opens her identity: her fields, or the error code. */
  const openWith = async (key: MasterKey, id: string) => {
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      return await new Keyring(pool, key)
        .openPersonal(id, await sealedPersonal(id), ['identity'])
        .catch((error: unknown) => (error as PrivacyError).code);
    } finally {
      await pool.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e_keys');
    dataDir = mkdtempSync(join(tmpdir(), 'passerelle-keys-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What `npm run cli` builds in the embedded default, pointed at the test database. */
  function embeddedContext(lines: string[]): CliContext {
    const config = loadConfig({ PASSERELLE_DATA_DIR: dataDir });
    const secrets = ensureEmbeddedSecrets(config.dataDir, {});
    return {
      config,
      databaseUrl: database.url,
      masterKey: secrets.masterKey,
      linkageKey: secrets.linkageKey,
      out: (line) => lines.push(line),
    };
  }

  const networkWith = (masterKey: string) =>
    startTestNetwork({ masterKey, linkageKey: ensureEmbeddedSecrets(dataDir, {}).linkageKey }, { database });

  it('is registered as a CLI command', () => {
    expect(rotateMaster?.usage).toBe('keys rotate-master');
  });

  it('rewraps every data key under a new key written to secrets.json; old data stays readable', async () => {
    const before = ensureEmbeddedSecrets(dataDir, {});
    oldMasterKey = parseMasterKey(before.masterKey);
    const network = await networkWith(before.masterKey);
    ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboardKeyed(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    ({ caseId } = await identify(network, ngo, consent(['refuge-75'], ['identity', 'contact'])));
    ({ referralId } = await refer(network, ngo, {
      caseId,
      to: 'refuge-75',
      service: 'shelter',
      sharedCategories: ['identity'],
      message: 'Tonight',
    }));
    erasedCase = (await identify(network, ngo, null)).caseId;
    expect((await network.http().post(`/v1/cases/${erasedCase}/erasure`).set(auth(ngo)).send({})).status).toBe(200);
    await network.close();
    const eventsBefore = await query('SELECT data, metadata FROM es_events ORDER BY global_position');

    const lines: string[] = [];
    await rotateMaster?.run([], embeddedContext(lines));

    const after = ensureEmbeddedSecrets(dataDir, {});
    expect(parseMasterKey(after.masterKey).id).not.toBe(parseMasterKey(before.masterKey).id);
    expect({ linkageKey: after.linkageKey, bootstrapAdminKey: after.bootstrapAdminKey }).toEqual({
      linkageKey: before.linkageKey,
      bootstrapAdminKey: before.bootstrapAdminKey,
    });
    expect(lines).toEqual([
      `Rewrapped 1 data key under new master key "${parseMasterKey(after.masterKey).id}"; events untouched, the old master key no longer opens anything.`,
      `The new key is in ${join(dataDir, 'secrets.json')}; start Passerelle again as usual.`,
    ]);
    expect(lines.join('\n')).not.toContain(after.masterKey.split(':')[1]);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
    expect(await query('SELECT data, metadata FROM es_events ORDER BY global_position')).toEqual(eventsBefore);

    const restarted = await networkWith(after.masterKey);
    try {
      const referral = await restarted.http().get(`/v1/referrals/${referralId}`).set(auth(refuge));
      expect(referral.body).toMatchObject({ person: { givenName: 'Fatou', categories: ['identity'] }, message: 'Tonight' });
      expect((await restarted.http().get(`/v1/cases/${erasedCase}`).set(auth(ngo))).body).toMatchObject({ erased: true, person: null });
    } finally {
      await restarted.close();
    }
  });

  it('leaves the old master key unable to open anything, even under the new key’s id', async () => {
    const current = parseMasterKey(ensureEmbeddedSecrets(dataDir, {}).masterKey);
    expect(await openWith(current, caseId)).toMatchObject({ identity: { givenName: 'Fatou' } });
    expect(await openWith(oldMasterKey, caseId)).toBe('PRIVACY.WRONG_MASTER_KEY');
    // Relabelling the old bytes with the new id does not help: the wrapped keys really changed.
    expect(await openWith(new MasterKey(current.id, oldMasterKey.material()), caseId)).toBe('PRIVACY.WRONG_MASTER_KEY');
  });

  it('refuses to start with the old master key, saying so, instead of failing every read of her case', async () => {
    // The keyring as every app opens it at start, after the migrations (libs/composition/src/resources.ts).
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      const opening = (masterKey: string) => keyringResource({ masterKey } as RuntimeSettings).open(pool as never);
      await expect(opening(oldMasterKey.encode())).rejects.toThrow(/does not open the data keys already stored.*keys rotate-master/);
      await expect(opening(ensureEmbeddedSecrets(dataDir, {}).masterKey)).resolves.toBeInstanceOf(Keyring);
    } finally {
      await pool.end();
    }
  });

  it('prints the new key once for an external deployment, and leaves secrets.json alone', async () => {
    const current = ensureEmbeddedSecrets(dataDir, {});
    const env = { DATABASE_URL: database.url, PASSERELLE_MASTER_KEY: current.masterKey, PASSERELLE_LINKAGE_KEY: current.linkageKey };
    const config = loadConfig(env);
    const lines: string[] = [];
    await rotateMaster?.run([], {
      config,
      databaseUrl: database.url,
      masterKey: current.masterKey,
      linkageKey: current.linkageKey,
      out: (l) => lines.push(l),
    });

    expect(lines).toHaveLength(2);
    const printed = /^Set PASSERELLE_MASTER_KEY=(\S+) on every process and restart them now/.exec(lines[1] ?? '')?.[1] ?? '';
    const next = parseMasterKey(printed);
    expect(lines[0]).toContain(`new master key "${next.id}"`);
    expect(ensureEmbeddedSecrets(dataDir, {}).masterKey).toBe(current.masterKey);
    expect(await openWith(next, caseId)).toMatchObject({ identity: { givenName: 'Fatou' } });
    expect(await openWith(parseMasterKey(current.masterKey), caseId)).toBe('PRIVACY.WRONG_MASTER_KEY');
  });

  it('refuses to run with a master key that does not open the data, changing nothing', async () => {
    const secretsBefore = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    const wrong = embeddedContext([]);
    await expect(rotateMaster?.run([], wrong)).rejects.toMatchObject({ code: 'PRIVACY.WRONG_MASTER_KEY' });
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(secretsBefore);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
  });
});
