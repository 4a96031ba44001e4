import { resealTotpSecrets } from '@passerelle/auth';
import { migrateSchema } from '@passerelle/composition';
import { createPool, LONG_STATEMENT_TIMEOUT_MS } from '@passerelle/database';
import { generateMasterKey, Keyring, parseMasterKey } from '@passerelle/privacy';
import { resealEndpointSecrets } from '@passerelle/webhooks';
import type { CliCommand, CliContext } from '../cli-command';
import { embeddedSecretsFile, StagedSecretsFile } from './keys-secrets-file';

/**
 * `npm run cli -- keys rotate-master`: rewraps every per-case data key, and re-seals every webhook
 * endpoint secret, under a fresh master key in one transaction. Events are not touched (they are sealed with the data keys, which stay), erased
 * cases stay erased, and afterwards the old master key opens nothing.
 *
 * Every process must then run with the new key: one still holding the old key would create new
 * data keys under it. Stop them first, restart them after.
 */
export const keysRotateMaster: CliCommand = {
  words: ['keys', 'rotate-master'],
  usage: 'keys rotate-master',
  summary: 'Rewrap every data key under a new master key (stop the network first)',
  async run(args: string[], context: CliContext): Promise<void> {
    if (args.length > 0) throw new Error(`keys rotate-master takes no arguments (got "${args.join(' ')}")`);
    const current = parseMasterKey(context.masterKey);
    const next = generateMasterKey();
    const file = embeddedSecretsFile(context.config);
    const staged = file ? new StagedSecretsFile(file, next) : null;
    // Every live key is re-wrapped in one transaction: a long one on a large network.
    const pool = createPool({
      connectionString: context.databaseUrl,
      service: 'cli',
      purpose: 'keys',
      max: 1,
      statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
    });
    let rewrapped: number;
    try {
      await migrateSchema(context.databaseUrl, 'cli');
      const keyring = new Keyring(pool, current);
      rewrapped = await keyring.rotateMaster(next, [resealEndpointSecrets, resealTotpSecrets]);
    } catch (error) {
      // Rolled back: the old key still opens everything, so the staged new key must not be used.
      staged?.discard();
      throw error;
    } finally {
      await pool.end().catch(() => undefined);
    }
    // Committed: from here on only the new key opens her data, so it is never discarded.
    staged?.commit();
    report(context, rewrapped, next.id, file ?? next.encode(), file !== null);
  },
};

function report(context: CliContext, rewrapped: number, keyId: string, where: string, inFile: boolean): void {
  context.out(
    `Rewrapped ${rewrapped} data key${rewrapped === 1 ? '' : 's'} under new master key "${keyId}"; events untouched, the old master key no longer opens anything.`,
  );
  context.out(
    inFile
      ? `The new key is in ${where}; start Passerelle again as usual.`
      : `Set PASSERELLE_MASTER_KEY=${where} on every process and restart them now (this key is shown only once).`,
  );
}
