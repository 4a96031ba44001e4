import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { ensureEmbeddedSecrets } from './embedded-secrets';
import { loadConfig } from './load-config';

describe('ensureEmbeddedSecrets', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'passerelle-secrets-')), 'data');
  });
  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }));

  it('creates the keys on first start, readable by the owner only, and valid for loadConfig', async () => {
    const secrets = ensureEmbeddedSecrets(dataDir, {});
    expect(secrets.created).toBe(true);
    expect(secrets.file).toBe(join(dataDir, 'secrets.json'));
    expect((await stat(secrets.file)).mode & 0o777).toBe(0o600);
    expect(secrets.bootstrapAdminKey).toMatch(/^psk_[A-Za-z0-9_-]{43}$/);
    const env = {
      PASSERELLE_MASTER_KEY: secrets.masterKey,
      PASSERELLE_LINKAGE_KEY: secrets.linkageKey,
      PASSERELLE_BOOTSTRAP_ADMIN_KEY: secrets.bootstrapAdminKey,
    };
    expect(() => loadConfig({ ...env, DATABASE_URL: 'postgres://db/passerelle' })).not.toThrow();
    expect(secrets.masterKey).not.toBe(secrets.linkageKey);
  });

  it('returns the same keys on later starts', () => {
    const first = ensureEmbeddedSecrets(dataDir, {});
    const second = ensureEmbeddedSecrets(dataDir, {});
    expect(second).toEqual({ ...first, created: false });
  });

  it('lets environment variables win over the file, without rewriting it', async () => {
    const first = ensureEmbeddedSecrets(dataDir, {});
    const file = await readFile(first.file, 'utf8');
    const masterKey = `k2:${Buffer.alloc(32, 3).toString('base64')}`;
    const secrets = ensureEmbeddedSecrets(dataDir, { PASSERELLE_MASTER_KEY: masterKey });
    expect(secrets).toMatchObject({ masterKey, linkageKey: first.linkageKey, bootstrapAdminKey: first.bootstrapAdminKey });
    expect(await readFile(first.file, 'utf8')).toBe(file);
  });

  it('tightens a file copied with a looser mode', async () => {
    const { file } = ensureEmbeddedSecrets(dataDir, {});
    await chmod(file, 0o644);
    ensureEmbeddedSecrets(dataDir, {});
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file, naming the key, instead of generating new keys that would lose the data', async () => {
    const { file } = ensureEmbeddedSecrets(dataDir, {});
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    await writeFile(file, JSON.stringify({ ...stored, linkageKey: 'truncated' }));
    expect(() => ensureEmbeddedSecrets(dataDir, {})).toThrow(ConfigError);
    expect(() => ensureEmbeddedSecrets(dataDir, {})).toThrow(/secrets\.json: linkageKey must be 32 random bytes in base64/);
  });
});
