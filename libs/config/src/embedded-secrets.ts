import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import * as rule from './config-rules';
import type { Env } from './load-config';

export interface EmbeddedSecrets {
  masterKey: string;
  linkageKey: string;
  bootstrapAdminKey: string;
  /** Where the generated secrets live, to tell the user once. */
  file: string;
  /** True on the start that generated the file. */
  created: boolean;
}

const VARIABLES = {
  masterKey: 'PASSERELLE_MASTER_KEY',
  linkageKey: 'PASSERELLE_LINKAGE_KEY',
  bootstrapAdminKey: 'PASSERELLE_BOOTSTRAP_ADMIN_KEY',
} as const;
type Name = keyof typeof VARIABLES;
const CHECKS: Record<Name, (raw: string) => rule.Checked<string>> = {
  masterKey: rule.masterKey,
  linkageKey: rule.key32,
  bootstrapAdminKey: rule.adminKey,
};

/**
 * The embedded default's keys: generated into `<dataDir>/secrets.json` (mode 600) on first start
 * and read back afterwards, because a new master key would make every stored person unreadable
 * and a new linkage key would stop new identifications linking to old ones.
 * A variable set in `env` wins over the file, which is then left as it is.
 */
export function ensureEmbeddedSecrets(dataDir: string, env: Env = process.env): EmbeddedSecrets {
  const file = join(dataDir, 'secrets.json');
  mkdirSync(dataDir, { recursive: true });
  let created = false;
  let stored: Record<Name, string>;
  try {
    // 'wx': two processes starting together cannot both generate; the loser reads the winner's.
    stored = generate();
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    stored = readStored(file);
  }
  const fromEnv = (name: Name) => env[VARIABLES[name]]?.trim() || stored[name];
  return {
    masterKey: fromEnv('masterKey'),
    linkageKey: fromEnv('linkageKey'),
    bootstrapAdminKey: fromEnv('bootstrapAdminKey'),
    file,
    created,
  };
}

function generate(): Record<Name, string> {
  return {
    masterKey: randomBytes(32).toString('base64'),
    linkageKey: randomBytes(32).toString('base64'),
    bootstrapAdminKey: `psk_${randomBytes(32).toString('base64url')}`,
  };
}

function readStored(file: string): Record<Name, string> {
  // Someone may have copied the file with a looser mode: these keys must stay private.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError([`${file} is not valid JSON: restore it from a backup (deleting it makes the stored personal data unreadable)`]);
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const values = {} as Record<Name, string>;
  for (const name of Object.keys(VARIABLES) as Name[]) {
    const value = record[name];
    const checked = typeof value === 'string' ? CHECKS[name](value) : { ok: false as const, expected: 'is missing' };
    if (checked.ok) values[name] = checked.value;
    else problems.push(`${file}: ${name} ${checked.expected}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values;
}
