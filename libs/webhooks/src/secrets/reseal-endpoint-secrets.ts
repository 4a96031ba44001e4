import type { MasterKey } from '@passerelle/privacy';
import type { PoolClient } from 'pg';
import { SecretBox } from './secret-box';

/**
 * A master-key rotation step: endpoint secrets are sealed with a key derived from the master key,
 * so they are re-sealed in the rotation's own transaction — after it, the dispatcher (restarted
 * with the new master key) still signs, and the old master key opens none of them.
 */
export async function resealEndpointSecrets(client: PoolClient, from: MasterKey, to: MasterKey): Promise<void> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('webhook_secrets')::text AS t");
  if (!exists.rows[0]?.t) return;
  const before = new SecretBox(from.encode());
  const after = new SecretBox(to.encode());
  const { rows } = await client.query<{ endpoint_id: string; version: number; sealed: Buffer }>(
    'SELECT endpoint_id, version, sealed FROM webhook_secrets FOR UPDATE',
  );
  for (const row of rows) {
    const resealed = after.seal(row.endpoint_id, before.open(row.endpoint_id, row.sealed));
    await client.query('UPDATE webhook_secrets SET sealed = $3 WHERE endpoint_id = $1 AND version = $2', [
      row.endpoint_id,
      row.version,
      resealed,
    ]);
  }
}
