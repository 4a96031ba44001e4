import { ensureEmbeddedSecrets, loadConfig } from '@passerelle/config';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../apps/cli/src/cli-command';
import { COMMANDS } from '../../apps/cli/src/commands';
import { dumpEvents } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const cli = (words: string) => COMMANDS.find((c) => c.words.join(' ') === words);
const newKey = () => `psk_${randomBytes(32).toString('base64url')}`;
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function refusedWithin(network: TestNetwork, key: string, ms = 1000): Promise<boolean> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    if ((await network.http().get('/v1/me').set(bearer(key))).status === 401) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** The bootstrap network_admin key (issue 11, item 7): one at a time, rotated from the CLI or by a new value at start. */
describe('bootstrap network admin key', () => {
  let database: TestDatabase;
  let dataDir: string;
  const running: TestNetwork[] = [];
  const start = async (bootstrapAdminKey: string) => {
    const network = await startTestNetwork(
      {
        bootstrapAdminKey,
        ...(running[0] ? { masterKey: running[0].settings.masterKey, linkageKey: running[0].settings.linkageKey } : {}),
      },
      { database },
    );
    running.push(network);
    return network;
  };
  const context = (lines: string[], env: Record<string, string> = {}): CliContext => {
    const config = loadConfig({ PASSERELLE_DATA_DIR: dataDir, ...env });
    const secrets = ensureEmbeddedSecrets(config.dataDir, env);
    return {
      config,
      databaseUrl: database.url,
      masterKey: secrets.masterKey,
      linkageKey: secrets.linkageKey,
      out: (line) => lines.push(line),
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e_bootstrap');
    dataDir = mkdtempSync(join(tmpdir(), 'passerelle-bootstrap-'));
  });
  afterAll(async () => {
    for (const network of running.reverse()) await network.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is a network_admin machine key of the network’s own organisation', async () => {
    const key = newKey();
    const network = await start(key);
    expect((await network.http().get('/v1/me').set(bearer(key))).body).toMatchObject({
      role: 'network_admin',
      organisationId: 'passerelle',
    });
  });

  it('revokes the previous key at once when a process starts with another value, in the processes already running too', async () => {
    const [first] = running;
    if (!first) throw new Error('no first network');
    const next = newKey();
    const second = await start(next);
    expect((await second.http().get('/v1/me').set(bearer(first.adminKey))).status).toBe(401);
    expect(await refusedWithin(first, first.adminKey)).toBe(true);
    expect((await first.http().get('/v1/me').set(bearer(next))).status).toBe(200);
  });

  it('refuses to start with a key that was revoked', async () => {
    const [first] = running;
    await expect(start(first?.adminKey ?? '')).rejects.toThrow(/PASSERELLE_BOOTSTRAP_ADMIN_KEY holds a revoked key/);
  });

  it('`admin rotate-bootstrap-key` writes a new key to secrets.json and running processes refuse the old one within a second', async () => {
    const network = running[running.length - 1];
    if (!network) throw new Error('no network');
    const lines: string[] = [];
    await cli('admin rotate-bootstrap-key')?.run([], context(lines));
    const rotated = ensureEmbeddedSecrets(dataDir, {}).bootstrapAdminKey;
    expect(lines).toEqual([
      `The previous bootstrap key is revoked. The new one is in ${join(dataDir, 'secrets.json')} (bootstrapAdminKey).`,
    ]);
    expect(await refusedWithin(network, network.adminKey)).toBe(true);
    expect((await network.http().get('/v1/me').set(bearer(rotated))).body).toMatchObject({ role: 'network_admin' });
  });

  it('`admin rotate-bootstrap-key` prints the new key once when it comes from the environment', async () => {
    const network = running[running.length - 1];
    const current = ensureEmbeddedSecrets(dataDir, {}).bootstrapAdminKey;
    const lines: string[] = [];
    await cli('admin rotate-bootstrap-key')?.run([], context(lines, { PASSERELLE_BOOTSTRAP_ADMIN_KEY: current }));
    const printed = /PASSERELLE_BOOTSTRAP_ADMIN_KEY=(psk_\S+)/.exec(lines[1] ?? '')?.[1] ?? '';
    expect(ensureEmbeddedSecrets(dataDir, {}).bootstrapAdminKey).toBe(current);
    if (!network) throw new Error('no network');
    expect(await refusedWithin(network, current)).toBe(true);
    expect((await network.http().get('/v1/me').set(bearer(printed))).status).toBe(200);
  });

  it('`admin create --email` invites a network admin person and prints a one-time link; her address is in no event', async () => {
    const network = running[running.length - 1];
    if (!network) throw new Error('no network');
    const lines: string[] = [];
    await cli('admin create')?.run(['--email', 'Nadia.Admin@network.example'], context(lines));
    expect(lines[0]).toMatch(/^Invited Nadia\.Admin@network\.example as network_admin/);
    expect(lines[1]).toMatch(/^ {2}http:\/\/localhost:3000\/console\/#invitation=pinv_[A-Za-z0-9_-]{43}$/);
    const events = await dumpEvents(network);
    expect(events).toMatch(/"role": ?"network_admin"/);
    expect(events.toLowerCase()).not.toContain('nadia');
    await expect(cli('admin create')?.run(['--email', 'nadia.admin@network.example'], context([]))).rejects.toThrow(
      /already has an account/,
    );
    await expect(cli('admin create')?.run(['--email'], context([]))).rejects.toThrow(/usage/);
  });
});
