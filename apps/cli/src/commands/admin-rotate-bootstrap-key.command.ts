import { ApiKeyStore } from '@passerelle/auth';
import { migrateSchema } from '@passerelle/composition';
import { createPool } from '@passerelle/database';
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliCommand, CliContext } from '../cli-command';

/**
 * `npm run cli -- admin rotate-bootstrap-key`: a new bootstrap network_admin key; the previous one
 * is revoked in the same transaction, and every running process refuses it within a second. In the
 * embedded default the new key goes to secrets.json (where the README's walk-through reads it);
 * with PASSERELLE_BOOTSTRAP_ADMIN_KEY set, it is printed once for the operator to set.
 */
export const adminRotateBootstrapKey: CliCommand = {
  words: ['admin', 'rotate-bootstrap-key'],
  usage: 'admin rotate-bootstrap-key',
  summary: 'Replace the bootstrap network_admin key; the old one is refused at once',
  async run(args: string[], context: CliContext): Promise<void> {
    if (args.length > 0) throw new Error(`admin rotate-bootstrap-key takes no arguments (got "${args.join(' ')}")`);
    const next = `psk_${randomBytes(32).toString('base64url')}`;
    await migrateSchema(context.databaseUrl, 'cli');
    const pool = createPool({ connectionString: context.databaseUrl, service: 'cli', purpose: 'platform', max: 2 });
    try {
      await new ApiKeyStore(pool).ensureBootstrapAdmin(next);
    } finally {
      await pool.end().catch(() => undefined);
    }
    const file =
      context.config.mode === 'embedded' && context.config.bootstrapAdminKey === undefined
        ? join(context.config.dataDir, 'secrets.json')
        : null;
    if (file) {
      const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(`${file}.rotating`, `${JSON.stringify({ ...secrets, bootstrapAdminKey: next }, null, 2)}\n`, { mode: 0o600 });
      renameSync(`${file}.rotating`, file);
      context.out(`The previous bootstrap key is revoked. The new one is in ${file} (bootstrapAdminKey).`);
    } else {
      context.out('The previous bootstrap key is revoked. Set this one on every process (shown once):');
      context.out(`  PASSERELLE_BOOTSTRAP_ADMIN_KEY=${next}`);
    }
  },
};
