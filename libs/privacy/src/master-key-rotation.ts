import { inTransaction } from '@passerelle/database';
import type { Pool, PoolClient } from 'pg';
import { unwrapDataKey, wrapDataKey } from './data-key-wrap';
import { selectLiveKeysAfter, updateWrappedKeys } from './keyring.schema';
import type { MasterKey } from './master-key';
import { PrivacyError } from './privacy-error';

/**
 * Rewraps every live data key from `from` to `to` in one transaction, page by page, and returns
 * how many rows changed. Events are not touched: they are sealed with the data keys, which stay.
 *
 * The SHARE ROW EXCLUSIVE lock lets readers (open) go on but holds back writers (new keys,
 * erasures) until commit, so no row can be written under the old key behind the scan. Rows
 * already under `to` are skipped, so a second run is harmless. A row under a third key aborts the
 * whole rotation: nothing is half-rotated.
 */
/** Other secrets sealed under the master key, re-sealed in the same transaction so that nothing is left behind. */
export type RotationStep = (client: PoolClient, from: MasterKey, to: MasterKey) => Promise<void>;

export async function rewrapAllDataKeys(
  pool: Pool,
  from: MasterKey,
  to: MasterKey,
  batchSize: number,
  alsoInTransaction: RotationStep[] = [],
): Promise<number> {
  return inTransaction(pool, async (client) => {
    let rewrapped = 0;
    await client.query('LOCK TABLE privacy_case_keys IN SHARE ROW EXCLUSIVE MODE');
    let after: string | null = null;
    for (;;) {
      const rows = await selectLiveKeysAfter(client, after, batchSize);
      const last = rows[rows.length - 1];
      if (last === undefined) break;
      after = last.case_id;
      const caseIds: string[] = [];
      const wrapped: Buffer[] = [];
      for (const row of rows) {
        if (row.master_key_id === to.id || row.wrapped_key === null) continue;
        const dataKey = row.master_key_id === from.id ? unwrapDataKey(from, row.case_id, row.wrapped_key) : null;
        if (dataKey === null) {
          throw new PrivacyError(
            'PRIVACY.WRONG_MASTER_KEY',
            `rotation aborted: a data key is wrapped under master key "${row.master_key_id ?? ''}", which the current master key "${from.id}" does not unwrap`,
          );
        }
        caseIds.push(row.case_id);
        wrapped.push(wrapDataKey(to, row.case_id, dataKey));
        dataKey.fill(0);
      }
      await updateWrappedKeys(client, caseIds, wrapped, to.id);
      rewrapped += caseIds.length;
    }
    for (const step of alsoInTransaction) await step(client, from, to);
    return rewrapped;
  });
}
